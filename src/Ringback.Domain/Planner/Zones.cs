using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;

namespace Ringback.Planner;

/// <summary>IANA zones by id, as people and libraries write them.</summary>
public static class Zones
{
    /// <summary>Each country's zones by the tz database's zone.tab, under the names people there know them by.</summary>
    private static readonly FrozenDictionary<string, IReadOnlyList<string>> ByCountry = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .GroupBy(l => l.CountryCode)
        .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.ZoneId)]);

    /// <summary>A country's zone.tab name for each canonical zone: "IN Asia/Kolkata", "NL Europe/Brussels" → "Europe/Amsterdam".</summary>
    private static readonly FrozenDictionary<string, string> LocalNames = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .GroupBy(l => $"{l.CountryCode} {Canonical(l.ZoneId)}")
        .ToFrozenDictionary(g => g.Key, g => g.First().ZoneId);

    /// <summary>The country zone.tab puts each zone in, by canonical id: "America/New_York" → "US".</summary>
    private static readonly FrozenDictionary<string, string> Countries = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .GroupBy(l => Canonical(l.ZoneId))
        .ToFrozenDictionary(g => g.Key, g => g.First().CountryCode);

    /// <summary>The country a zone is in by zone.tab ("Europe/Berlin" is DE, "US/Eastern" US), or null for one in none (UTC, Etc/GMT+5).</summary>
    public static string? CountryOf(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Countries.TryGetValue(Canonical(zone.Id), out var country) ? country : null;
    }

    /// <summary>A zone by its IANA id, or null.</summary>
    public static DateTimeZone? Find(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>A person's own zone, for showing them times: the one they chose, or UTC when they chose none the database knows.</summary>
    public static DateTimeZone OfPerson(string? id) => Find(id) ?? DateTimeZone.Utc;

    /// <summary>The zones zone.tab lists for a country ("DE": Europe/Berlin, Europe/Busingen); empty for none.</summary>
    public static IReadOnlyList<string> InCountry(string country) => ByCountry.TryGetValue(country, out var zones) ? zones : [];

    /// <summary>
    /// The name people in <paramref name="country"/> know a zone by: zone.tab's ("Asia/Kolkata" for libphonenumber's
    /// "Asia/Calcutta", "Europe/Amsterdam" though the tz database now keeps it as a link to Brussels).
    /// </summary>
    public static DateTimeZone? FindIn(string? id, string country) =>
        Find(id) is not { } zone ? null
        : LocalNames.TryGetValue($"{country} {Canonical(zone.Id)}", out var local) ? Find(local) ?? zone
        : zone;

    private static string Canonical(string id) => TzdbDateTimeZoneSource.Default.CanonicalIdMap.TryGetValue(id, out var canonical) ? canonical : id;
}
