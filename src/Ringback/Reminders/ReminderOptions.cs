namespace Ringback.Reminders;

/// <summary><c>Ringback:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Ringback:Reminders";

    /// <summary>Whether this process runs the scheduler; off for a process that only serves, or in tests that send by hand.</summary>
    public bool Scheduler { get; set; } = true;

    /// <summary>How often the scheduler looks for due work. A reminder goes out at most this late; the default lead is 5 minutes.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>
    /// How long a process owns a delivery it took; if it dies mid-send another takes the delivery over after this.
    /// Longer than a slow SMTP exchange (MailKit's timeout is 30 s here), so a live sender is never overtaken.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;
}
