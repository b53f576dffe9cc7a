using System.Globalization;
using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Planner;

/// <summary>
/// Where a contact is and when they may be called, as the planner, Today, the contact page, the CLI and the API all
/// read it: one rule, so they never disagree.
/// </summary>
/// <param name="Zone">
/// The zone their local times are read and written in: theirs, the middle of the range their number allows, or —
/// when it is not known — the rep's, said so by <see cref="Describe"/>.
/// </param>
/// <param name="Law">
/// The calling hours of their place, in every zone they may be in: the law where Ringback knows it, the configured or
/// default hours where it does not. What a promise or an appointment must respect (<see cref="Check"/>); the rep's
/// own hours are not among them.
/// </param>
/// <param name="Lawful">The same and the rep's working hours: what planning respects.</param>
public sealed record ContactPlace(ProspectPlace Place, DateTimeZone Zone, IReadOnlyList<CallWindow> Law, IReadOnlyList<CallWindow> Lawful, CallWindow? Preferred)
{
    /// <summary>The working week assumed for a rep who has not set theirs.</summary>
    public static readonly WeeklyWindows DefaultWorkingHours = WeeklyWindows.Parse("Mon-Fri 09:00-17:00");

    /// <param name="repZone">The rep's zone; null when no rep is known (their working hours then do not apply).</param>
    /// <param name="repHours">The rep's working hours; empty for <see cref="DefaultWorkingHours"/>.</param>
    /// <param name="callingHours">Configured calling-hours rules by place ("US-FL", "GB", "*").</param>
    /// <param name="gatekeeperHours">When gatekeepers said the prospect is in, in the prospect's local time.</param>
    public static ContactPlace For(
        ProspectPlace place,
        DateTimeZone? repZone,
        WeeklyWindows? repHours,
        IReadOnlyDictionary<string, string> callingHours,
        IReadOnlyCollection<WeeklyWindow> gatekeeperHours)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(gatekeeperHours);
        var zone = PlanningZone(place, repZone);
        IReadOnlyList<DateTimeZone> zones = place.IsKnown ? place.Zones : [zone];
        var rules = CallingLaws.For(place.Country, place.Subdivision, callingHours);

        // With several possible zones, a rule holds in each at once: the strictest combination wins.
        CallWindow In(CallingRule rule, DateTimeZone z) => new(zones.Count > 1 ? $"{rule.Name} in {z.Id}" : rule.Name, rule.Windows, z, rule.Source);
        // A promise at 03:00 in Berlin is wrong whether the hours there are law or Ringback's default: both are kept.
        var law = rules.SelectMany(r => zones.Select(z => In(r, z))).ToList();
        var lawful = law.ToList();
        if (repZone is not null)
        {
            lawful.Add(new CallWindow("your working hours", repHours is null || repHours.IsEmpty ? DefaultWorkingHours : repHours, repZone, "Settings"));
        }

        var preferred = gatekeeperHours.Count == 0 ? null
            : new CallWindow("when their gatekeeper said they are in", WeeklyWindows.Of([.. gatekeeperHours]), zone, "gatekeepers");
        return new ContactPlace(place, zone, law, lawful, preferred);
    }

    /// <summary>
    /// Whether a call may be promised (or a meeting set) at an instant: refused outside the hours of their place, with
    /// the next time those allow; allowed outside the rep's own hours, and said so. The one answer the log-call form,
    /// the API, the CLI, the reminder, Today and the contact page all give.
    /// </summary>
    public TimeCheck Check(Instant at)
    {
        var blocking = CallingTimes.Blocking(at, Law);
        var repHours = Lawful.Except(Law).ToList();
        return new TimeCheck(
            at,
            blocking,
            blocking is null ? null : CallingTimes.NextAllowed(at, Law),
            repHours.Count > 0 && CallingTimes.Blocking(at, repHours) is not null,
            Zone,
            repHours.Count > 0 ? repHours[0].Zone : null);
    }

    /// <summary>Whether they may be called at an instant under every window (theirs and the rep's), the next time they may, and why there is none.</summary>
    public CallableAt At(Instant at)
    {
        var blocking = CallingTimes.Blocking(at, Lawful);
        var next = blocking is null ? null : CallingTimes.NextAllowed(at, Lawful);
        return new CallableAt(blocking, next, blocking is not null && next is null ? WhyNoTime(at) : null);
    }

    /// <summary>
    /// Why nothing can be planned for them within the fortnight, when nothing can: their hours never meet the rep's
    /// (and what would help), or the hours of their place are closed that long. Null when a time exists.
    /// </summary>
    public string? WhyNoTime(Instant from)
    {
        if (CallingTimes.NextAllowed(from, Lawful) is not null)
        {
            return null;
        }

        if (CallingTimes.NextAllowed(from, Law) is { } theirs)
        {
            var rep = Lawful.Except(Law).FirstOrDefault();
            return $"their calling hours ({string.Join("; ", Law.Select(w => $"{w.Name}: {w.Windows}"))}) never meet your working hours"
                + (rep is null ? string.Empty : $" ({rep.Windows}, {rep.Zone.Id})")
                + $"; the first time they allow is {theirs.InZone(Zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} their time"
                + (rep is null ? string.Empty : $", {theirs.InZone(rep.Zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)} yours")
                + ". Add an early or late window to your working hours in Settings, or hand them to a teammate whose hours overlap";
        }

        return $"the calling hours of their place ({string.Join("; ", Law.Select(w => $"{w.Name}: {w.Windows}"))}) allow no time in the next {CallingTimes.Horizon.Days} days";
    }

    /// <summary>The zone a prospect's local times are read in: theirs, else the rep's (said so), else UTC.</summary>
    public static DateTimeZone PlanningZone(ProspectPlace place, DateTimeZone? repZone)
    {
        ArgumentNullException.ThrowIfNull(place);
        return place.Zone ?? repZone ?? DateTimeZone.Utc;
    }

    /// <summary>What a rep reads about where the prospect is and what time it is there.</summary>
    public PlaceView Describe(Instant now)
    {
        var zones = Place.Zones;
        string? local = null;
        if (zones.Count == 1)
        {
            local = now.InZone(zones[0]).ToString("ddd HH:mm", CultureInfo.InvariantCulture);
        }
        else if (zones.Count > 1)
        {
            var times = zones.Select(z => now.InZone(z).LocalDateTime).Order().ToList();
            local = times[0].Date == times[^1].Date
                ? $"{times[0].ToString("ddd HH:mm", CultureInfo.InvariantCulture)}–{times[^1].ToString("HH:mm", CultureInfo.InvariantCulture)}"
                : $"{times[0].ToString("ddd HH:mm", CultureInfo.InvariantCulture)}–{times[^1].ToString("ddd HH:mm", CultureInfo.InvariantCulture)}";
        }

        var zoneText = zones.Count switch
        {
            0 => "unknown",
            1 => zones[0].Id,
            _ => $"{zones[0].Id} to {zones[^1].Id}",
        };
        var rules = Place.Country is null ? "the default calling hours" : $"the calling rules for {Place.Country}";
        var source = Place.Source switch
        {
            ZoneSource.Contact => "their time zone",
            ZoneSource.Company => "their company's time zone",
            ZoneSource.AreaCode => "inferred from their area code",
            ZoneSource.Number when zones.Count > 1 => $"inferred from their number, which could be in any of {zones.Count} zones; planned inside all of them",
            ZoneSource.Number => "inferred from their number",
            _ => $"not known; planned by your time zone ({Zone.Id}) under {rules}. Set their time zone to plan by theirs",
        };
        return new PlaceView(zoneText, [.. zones.Select(z => z.Id)], local, Place.Source, Place.IsKnown, Place.IsInferred, source);
    }
}

/// <summary>What the contact page, Today, the API and the CLI say about calling now: the window that forbids it, the next time, or why there is none.</summary>
public sealed record CallableAt(CallWindow? Blocking, Instant? Next, string? WhyNoTime)
{
    public bool Now => Blocking is null;
}

/// <summary>A promised or appointed time against the hours of the prospect's place and the rep's own.</summary>
/// <param name="Blocking">The rule of their place it falls outside, or null when it is inside every one.</param>
/// <param name="Next">The first time at or after it that their place allows (within a fortnight), when it is blocked.</param>
/// <param name="OutsideRepHours">Allowed, but outside the rep's working hours: said, never refused.</param>
public sealed record TimeCheck(Instant At, CallWindow? Blocking, Instant? Next, bool OutsideRepHours, DateTimeZone ProspectZone, DateTimeZone? RepZone)
{
    public bool Allowed => Blocking is null;

    /// <summary>"Tue 3 Nov 03:00 their time is outside the calling hours there (business hours: Mon-Fri 09:00-20:00; Sat 10:00-17:00); the next allowed time is Tue 3 Nov 09:00".</summary>
    public string? Refusal => Blocking is not { } rule ? null
        : $"{Local(At, ProspectZone)} their time is outside {(IsLaw(rule) ? "lawful calling hours" : "the calling hours there")} ({rule.Name}: {rule.Windows})"
            + (Next is { } n ? $"; the next {(IsLaw(rule) ? "lawful" : "allowed")} time is {Local(n, ProspectZone)}" + (RepZone is null ? string.Empty : $" ({Local(n, RepZone)} your time)")
                : $"; no time is allowed in the next {CallingTimes.Horizon.Days} days");

    /// <summary>A rule of law, not Ringback's default hours where none is configured (said as "the calling hours there").</summary>
    private static bool IsLaw(CallWindow rule) => !rule.Source.StartsWith("Ringback's default", StringComparison.Ordinal);

    /// <summary>"05:00 your time, outside your hours", when it is.</summary>
    public string? RepNote => OutsideRepHours && RepZone is not null ? $"{At.InZone(RepZone).ToString("HH:mm", CultureInfo.InvariantCulture)} your time, outside your hours" : null;

    private static string Local(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Where a prospect is, in words, for every surface that shows it.</summary>
/// <param name="Zone">"Europe/Berlin", "Australia/Perth to Australia/Sydney", or "unknown".</param>
/// <param name="LocalNow">"Tue 14:05", a range "Tue 12:05–15:05", or null when their zone is not known.</param>
/// <param name="Explanation">Where the zone came from, or which rule applies when it is not known.</param>
public sealed record PlaceView(string Zone, IReadOnlyList<string> Zones, string? LocalNow, ZoneSource Source, bool Known, bool Inferred, string Explanation);
