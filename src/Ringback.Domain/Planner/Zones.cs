using NodaTime;
using NodaTime.TimeZones;

namespace Ringback.Planner;

/// <summary>IANA zones by id, as people and libraries write them.</summary>
public static class Zones
{
    /// <summary>A zone by its IANA id, or null.</summary>
    public static DateTimeZone? Find(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>
    /// The name people in <paramref name="country"/> know a zone by: zone.tab's ("Asia/Kolkata" for libphonenumber's
    /// "Asia/Calcutta", "Europe/Amsterdam" though the tz database now keeps it as a link to Brussels).
    /// </summary>
    public static DateTimeZone? FindIn(string? id, string country)
    {
        if (Find(id) is not { } zone)
        {
            return null;
        }

        var canonical = Canonical(zone.Id);
        return TzdbDateTimeZoneSource.Default.ZoneLocations!
            .Where(l => l.CountryCode == country && Canonical(l.ZoneId) == canonical)
            .Select(l => Find(l.ZoneId))
            .FirstOrDefault() ?? zone;
    }

    private static string Canonical(string id) => TzdbDateTimeZoneSource.Default.CanonicalIdMap.TryGetValue(id, out var canonical) ? canonical : id;
}
