using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;
using Ringback.Phones;

namespace Ringback.Planning;

/// <summary>Where a prospect's zone came from, so the UI can say "inferred from the area code".</summary>
public enum ZoneSource
{
    Contact,
    Company,
    AreaCode,
    Country,
    Unknown,
}

/// <summary>A prospect's zone and the place it stands for (country and, in North America, state or province).</summary>
public sealed record ProspectPlace(DateTimeZone? Zone, ZoneSource Source, string? Country, string? Subdivision)
{
    public bool IsInferred => Source is ZoneSource.AreaCode or ZoneSource.Country;
}

/// <summary>
/// The prospect's zone: the contact's own, else the company's, else inferred from a number — the North American
/// area code, or the country code where the country keeps one zone only (by the tz database's zone.tab).
/// The place (country, state) is read from the number whatever the zone's source, because calling-hours law
/// follows the number's location.
/// </summary>
public static class ZoneInference
{
    private static readonly FrozenDictionary<string, string> SingleZoneCountries = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .GroupBy(l => l.CountryCode)
        .Where(g => g.Count() == 1)
        .ToFrozenDictionary(g => g.Key, g => g.Single().ZoneId);

    public static ProspectPlace Resolve(string? contactZone, string? companyZone, IEnumerable<string?> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var (country, subdivision, inferred, source) = FromNumbers(numbers);
        if (Find(contactZone) is { } own)
        {
            return new ProspectPlace(own, ZoneSource.Contact, country, subdivision);
        }

        if (Find(companyZone) is { } company)
        {
            return new ProspectPlace(company, ZoneSource.Company, country, subdivision);
        }

        return new ProspectPlace(inferred, inferred is null ? ZoneSource.Unknown : source, country, subdivision);
    }

    private static (string? Country, string? Subdivision, DateTimeZone? Zone, ZoneSource Source) FromNumbers(IEnumerable<string?> numbers)
    {
        foreach (var number in numbers.OfType<string>())
        {
            if (NanpAreaCodes.For(number) is { } place)
            {
                return (place.Country, place.Subdivision, Find(place.Zone), ZoneSource.AreaCode);
            }

            if (CountryOf(number) is { } region)
            {
                return (region, null, SingleZoneCountries.TryGetValue(region, out var zone) ? Find(zone) : null, ZoneSource.Country);
            }
        }

        return (null, null, null, ZoneSource.Unknown);
    }

    /// <summary>The ISO country of an E.164 number, for the countries Ringback knows the numbering of.</summary>
    public static string? CountryOf(string e164)
    {
        if (NanpAreaCodes.For(e164) is { } place)
        {
            return place.Country;
        }

        for (var length = 1; length <= 3 && length < e164.Length; length++)
        {
            if (int.TryParse(e164.AsSpan(1, length), out var code) && code != 1 && CallingRegions.ForCountryCode(code) is { } region)
            {
                return region.Region;
            }
        }

        return null;
    }

    private static DateTimeZone? Find(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
