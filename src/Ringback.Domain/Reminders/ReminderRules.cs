using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Ringback.Scheduling;

namespace Ringback.Reminders;

/// <summary>How a rep wants to be reminded (Settings).</summary>
/// <param name="LeadMinutes">How long before the minute; 5 by default — time to find the notes and dial.</param>
/// <param name="WorkingHoursOnly">Appointments outside the rep's working hours are not reminded; a promised call always is, since the rep gave their word for that minute.</param>
public sealed record ReminderSettings(int LeadMinutes, bool App, bool Email, bool Push, bool WorkingHoursOnly)
{
    public const int DefaultLeadMinutes = 5;
    public const int MaxLeadMinutes = 24 * 60;

    public static readonly ReminderSettings Default = new(DefaultLeadMinutes, App: true, Email: true, Push: true, WorkingHoursOnly: false);

    public Duration Lead => Duration.FromMinutes(LeadMinutes);
}

/// <summary>A call the plan holds that may need a reminder.</summary>
public sealed record PlannedCall(ReminderKind Kind, Guid UserId, Instant DueAt);

/// <summary>The reminder the plan asks for.</summary>
public sealed record WantedReminder(ReminderKind Kind, Guid UserId, Instant DueAt, Instant RemindAt);

/// <summary>What a reminder says, with what the rep needs to make the call from it.</summary>
public sealed record ReminderMessage(string Title, string Text, string? Opener, string? TelUri, string? ProspectLocalTime);

/// <summary>Everything a reminder's words come from, read when it is sent.</summary>
public sealed record ReminderFacts
{
    public required ReminderKind Kind { get; init; }
    public required string ProspectName { get; init; }
    public string? ProspectFirstName { get; init; }
    public string? Company { get; init; }
    /// <summary>E.164, for the <c>tel:</c> link.</summary>
    public string? Phone { get; init; }
    /// <summary>As the rep reads it: "+1 212-555-0147".</summary>
    public string? PhoneShown { get; init; }
    public required DateTimeZone ProspectZone { get; init; }
    public required DateTimeZone RepZone { get; init; }
    public required Instant DueAt { get; init; }
    public required string RepName { get; init; }
    public string? RepCompany { get; init; }
    /// <summary>Whether calling-hours law allows a call at the minute, and the rule that forbids it when not.</summary>
    public bool LawfulAtDue { get; init; } = true;
    public string? Forbidding { get; init; }
    /// <summary>What the rep promised to bring or do last time (the call's commitments), said again so the call opens with it.</summary>
    public string? PromisedLastTime { get; init; }
    /// <summary>For a missed promise: the next minute the law allows a call.</summary>
    public Instant? NextLawful { get; init; }
}

/// <summary>
/// A message closes with a precise promise — "I'll call you again at 08:15 tomorrow" — and the next call
/// opens with "Hi Sue, I'm calling as promised". These rules decide which planned calls are reminded and when, when
/// a reminder is past its use, how a failed channel is retried, and what the reminder says. No I/O.
/// </summary>
public static class ReminderRules
{
    /// <summary>Tries per channel before giving up: about an hour of backoff (1, 2, 4, 8, 16, 30 minutes).</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// A delivery taken by a process is its own this long; if the process dies mid-send, another takes it over
    /// after. Longer than a slow SMTP exchange (MailKit's timeout is 30 s here) so a live sender is never overtaken.
    /// </summary>
    public static readonly Duration Lease = Duration.FromSeconds(60);

    /// <summary>"Snooze" on a notification: the reminder comes again this much later.</summary>
    public static readonly Duration Snooze = Duration.FromMinutes(5);

    /// <summary>A digest sent more than this after the working day started is no longer a start-of-day digest.</summary>
    public static readonly Duration DigestUse = Duration.FromHours(2);

    /// <summary>The reminders a contact's plan asks for: promises always, appointments unless the rep wants none outside working hours.</summary>
    public static IReadOnlyList<WantedReminder> Wanted(IEnumerable<PlannedCall> calls, Func<Guid, (ReminderSettings Settings, WeeklyWindows WorkingHours, DateTimeZone Zone)> rep)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(rep);
        var wanted = new List<WantedReminder>();
        foreach (var call in calls.Where(c => c.Kind is ReminderKind.Promise or ReminderKind.Appointment))
        {
            var (settings, hours, zone) = rep(call.UserId);
            if (!settings.App && !settings.Email && !settings.Push)
            {
                continue;
            }

            if (call.Kind == ReminderKind.Appointment && settings.WorkingHoursOnly && !hours.IsEmpty && !hours.Contains(call.DueAt.InZone(zone).LocalDateTime))
            {
                continue;
            }

            wanted.Add(new WantedReminder(call.Kind, call.UserId, call.DueAt, call.DueAt - settings.Lead));
        }

        return wanted;
    }

    /// <summary>
    /// Whether a reminder reached only now is of no use any more: a promise or appointment whose minute (and the
    /// promise tolerance) has passed — the missed-promise notice takes over — or a digest long after the day began.
    /// </summary>
    public static bool PastUse(ReminderKind kind, Instant dueAt, Instant now, Duration tolerance) => kind switch
    {
        ReminderKind.Digest => now > dueAt + DigestUse,
        ReminderKind.MissedPromise => false,
        _ => now > dueAt + tolerance,
    };

    /// <summary>When a failed channel is tried again: 1, 2, 4, 8, 16, then every 30 minutes.</summary>
    public static Instant NextAttempt(Instant now, int attempts) =>
        now + Duration.FromMinutes(Math.Min(30, 1 << Math.Clamp(attempts - 1, 0, 5)));

    /// <summary>The start of the rep's working day on a date in their zone: the earliest window that day, else 08:00.</summary>
    public static Instant WorkdayStart(LocalDate date, WeeklyWindows workingHours, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(workingHours);
        ArgumentNullException.ThrowIfNull(zone);
        var start = workingHours.Windows.Where(w => w.Days.Contains(date.DayOfWeek)).Select(w => (LocalTime?)w.Start).Min() ?? new LocalTime(8, 0);
        // A working day starting in a DST gap starts at the first minute that exists.
        return date.At(start).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>The reminder's words: whom to call, the number, the opener, their local time, whether it is lawful, what was promised.</summary>
    public static ReminderMessage Compose(ReminderFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var first = string.IsNullOrWhiteSpace(facts.ProspectFirstName) ? facts.ProspectName : facts.ProspectFirstName.Trim();
        var theirTime = facts.DueAt.InZone(facts.ProspectZone).TimeOfDay;
        var theirs = Time(facts.DueAt, facts.ProspectZone);
        var mine = Time(facts.DueAt, facts.RepZone);
        var who = facts.Company is { Length: > 0 } company ? $"{facts.ProspectName} ({company})" : facts.ProspectName;
        var tel = facts.Phone is { Length: > 0 } phone ? $"tel:{phone}" : null;
        var (title, opener, when) = facts.Kind switch
        {
            ReminderKind.Promise => ($"Call {facts.ProspectName} at {theirs} their time, as promised",
                Planner.Openers.For(Planner.FollowUpKind.Promise, first, facts.RepName, facts.RepCompany),
                $"You promised to call at {theirs} their time ({mine} yours)."),
            ReminderKind.Appointment => ($"Appointment with {facts.ProspectName} at {theirs} their time",
                Planner.Openers.For(Planner.FollowUpKind.Appointment, first, facts.RepName, facts.RepCompany, theirTime),
                $"Appointment at {theirs} their time ({mine} yours)."),
            ReminderKind.MissedPromise => ($"The {theirs} call to {facts.ProspectName} was not made",
                // No reproach and no apology on the next call; and not "as promised", which would no longer be true.
                Planner.Openers.For(Planner.FollowUpKind.MissedPromise, first, facts.RepName, facts.RepCompany),
                $"You promised to call at {theirs} their time and no call was logged. "
                + (facts.NextLawful is { } next ? $"Next lawful time you can call: {Time(next, facts.ProspectZone)} their time ({Time(next, facts.RepZone)} yours)." : "No lawful time in the next two weeks.")),
            ReminderKind.Test => ("Test reminder from Ringback", null, "This is how a reminder reaches you. Reminders of promised calls come with the number to dial and the opener."),
            _ => ("Your calls today", null, ""),
        };

        var lines = new List<string> { when, $"Call {who}" + (facts.PhoneShown is { Length: > 0 } shown ? $" on {shown}." : " (no number on file).") };
        if (facts.Kind != ReminderKind.MissedPromise)
        {
            lines.Add(facts.LawfulAtDue ? "Lawful to call then." : $"Outside the calling hours there then: {facts.Forbidding ?? "outside calling hours"}.");
        }

        if (!string.IsNullOrWhiteSpace(facts.PromisedLastTime))
        {
            lines.Add($"Last time you promised: {facts.PromisedLastTime.Trim()}");
        }

        if (opener is not null)
        {
            lines.Add($"Open with: \"{opener}\"");
        }

        return new ReminderMessage(title, string.Join('\n', lines), opener, tel, theirs);
    }

    private static string Time(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        return LocalDateTimePattern.CreateWithInvariantCulture("ddd HH:mm").Format(local.LocalDateTime) + " " + zone.GetZoneInterval(instant).Name.ToString(CultureInfo.InvariantCulture);
    }
}
