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
/// <param name="Law">The rules that are law there (not Ringback's default hours, not the rep's): what a promise must respect.</param>
/// <param name="Lawful">The law in every zone they may be in, the default hours where no law is configured, and the rep's working hours: what planning respects.</param>
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
        var law = rules.Where(r => r.IsLaw).SelectMany(r => zones.Select(z => In(r, z))).ToList();
        var lawful = rules.SelectMany(r => zones.Select(z => In(r, z))).ToList();
        if (repZone is not null)
        {
            lawful.Add(new CallWindow("your working hours", repHours is null || repHours.IsEmpty ? DefaultWorkingHours : repHours, repZone, "Settings"));
        }

        var preferred = gatekeeperHours.Count == 0 ? null
            : new CallWindow("when their gatekeeper said they are in", WeeklyWindows.Of([.. gatekeeperHours]), zone, "gatekeepers");
        return new ContactPlace(place, zone, law, lawful, preferred);
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

/// <summary>Where a prospect is, in words, for every surface that shows it.</summary>
/// <param name="Zone">"Europe/Berlin", "Australia/Perth to Australia/Sydney", or "unknown".</param>
/// <param name="LocalNow">"Tue 14:05", a range "Tue 12:05–15:05", or null when their zone is not known.</param>
/// <param name="Explanation">Where the zone came from, or which rule applies when it is not known.</param>
public sealed record PlaceView(string Zone, IReadOnlyList<string> Zones, string? LocalNow, ZoneSource Source, bool Known, bool Inferred, string Explanation);
