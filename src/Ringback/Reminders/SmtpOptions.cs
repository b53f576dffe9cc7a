namespace Ringback.Reminders;

public enum SmtpSecurity
{
    None,
    StartTls,
    Ssl,
}

/// <summary><c>Ringback:Smtp</c>: any SMTP server; reminders and digests by email are on when a host is set.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Ringback:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>"Ringback &lt;reminders@example.com&gt;".</summary>
    public string From { get; set; } = "Ringback <ringback@localhost>";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

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
