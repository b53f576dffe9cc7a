using NodaTime;
using Ringback.Phones;

namespace Ringback.Planner;

/// <summary>Where a prospect's zone came from, so the UI can say "inferred from their area code".</summary>
public enum ZoneSource
{
    Contact,
    Company,
    AreaCode,
    Number,
    Unknown,
}

/// <summary>
/// A prospect's zone and the place it stands for (country and, in North America, state or province).
/// </summary>
/// <param name="Zones">
/// The zones the prospect may be in: one when it is known, several when their number is a mobile in a country with
/// several zones (each is planned around at once), none when it is not known.
/// </param>
public sealed record ProspectPlace(IReadOnlyList<DateTimeZone> Zones, ZoneSource Source, string? Country, string? Subdivision)
{
    public static ProspectPlace Unknown(string? country) => new([], ZoneSource.Unknown, country, null);

    public bool IsKnown => Zones.Count > 0;

    /// <summary>Their time is one of several zones: shown as a range, planned inside every zone's law at once.</summary>
    public bool IsRange => Zones.Count > 1;

    public bool IsInferred => Source is ZoneSource.AreaCode or ZoneSource.Number;

    /// <summary>The zone a time they are told ("I'll call at 8:15") is read in: the only one, or the middle of a range.</summary>
    public DateTimeZone? Zone => Zones.Count == 0 ? null : Zones[Zones.Count / 2];
}

/// <summary>
/// The prospect's zone: the contact's own, else the company's, else inferred from a number — by the North American
/// area-code table for +1 numbers (it knows the state, which calling-hours law needs), else by libphonenumber's
/// zone data for the number, in every country. The place (country, state) is read from the number whatever the
/// zone's source, because calling-hours law follows the number's location.
/// </summary>
public static class ZoneInference
{
    /// <summary>
    /// The widest spread of a number's zones that is still a place: 5 hours takes in Australia's or Brazil's mobiles
    /// and leaves out Russia's (10 hours), where no hour would be lawful everywhere at once.
    /// </summary>
    public static readonly Duration WidestRange = Duration.FromHours(5);

    public static ProspectPlace Resolve(string? contactZone, string? companyZone, IEnumerable<string?> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        // A zone given without a number still says the country whose calling rules apply (America/New_York: the US
        // federal hours; Europe/Berlin: Germany's), so a promise there is held to them.
        var fromNumbers = FromNumbers(numbers);
        if (Find(contactZone) is { } own)
        {
            return fromNumbers with { Zones = [own], Source = ZoneSource.Contact, Country = fromNumbers.Country ?? Zones.CountryOf(own) };
        }

        return Find(companyZone) is { } company
            ? fromNumbers with { Zones = [company], Source = ZoneSource.Company, Country = fromNumbers.Country ?? Zones.CountryOf(company) }
            : fromNumbers;
    }

    private static ProspectPlace FromNumbers(IEnumerable<string?> numbers)
    {
        string? country = null;
        foreach (var number in numbers.OfType<string>())
        {
            if (NanpAreaCodes.For(number) is { } area && Find(area.Zone) is { } areaZone)
            {
                return new ProspectPlace([areaZone], ZoneSource.AreaCode, area.Country, area.Subdivision);
            }

            if (PhoneFormat.Locate(number) is not { } located)
            {
                continue;
            }

            country ??= located.Region;
            if (!located.Geographic)
            {
                continue;
            }

            var zones = Candidates(located.Region, located.Zones);
            if (zones.Count > 0 && Spread(zones) <= WidestRange)
            {
                return new ProspectPlace(zones, ZoneSource.Number, located.Region, null);
            }
        }

        return ProspectPlace.Unknown(country);
    }

    /// <summary>
    /// The zones a number's country and libphonenumber's zone data allow, narrowed to what is known for certain: a
    /// country with one zone in the tz database has that zone (Ireland is Europe/Dublin, which the number data
    /// gives as London's); zones of other territories are dropped (a British mobile is not in Jersey's zone, an
    /// Australian one not on Christmas Island); zones whose clocks always agree are one.
    /// </summary>
    private static List<DateTimeZone> Candidates(string region, IReadOnlyList<string> fromNumber)
    {
        var national = Zones.InCountry(region);
        if (national.Count == 1 && Find(national[0]) is { } only)
        {
            return [only];
        }

        var zones = fromNumber.Select(id => Zones.FindIn(id, region)).OfType<DateTimeZone>().DistinctBy(z => z.Id).ToList();
        var inCountry = zones.Where(z => national.Contains(z.Id)).ToList();
        if (inCountry.Count > 0)
        {
            zones = inCountry;
        }

        zones = [.. zones.OrderBy(StandardOffset).ThenBy(z => z.Id, StringComparer.Ordinal)];
        return zones.Count > 1 && Spread(zones) == Duration.Zero ? [zones[0]] : zones;
    }

    /// <summary>
    /// How far apart the zones' clocks can be over a year. A fixed year keeps this a pure function of the zones;
    /// zones' rules change slowly enough that any recent year tells their spread.
    /// </summary>
    public static Duration Spread(IReadOnlyCollection<DateTimeZone> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var widest = Duration.Zero;
        for (var month = 1; month <= 12; month++)
        {
            var at = Instant.FromUtc(2026, month, 15, 12, 0);
            var offsets = zones.Select(z => z.GetUtcOffset(at).ToTimeSpan()).ToList();
            var spread = Duration.FromTimeSpan(offsets.Max() - offsets.Min());
            widest = spread > widest ? spread : widest;
        }

        return widest;
    }

    private static Duration StandardOffset(DateTimeZone zone) => zone.GetZoneInterval(Instant.FromUtc(2026, 1, 15, 12, 0)).StandardOffset.ToTimeSpan() is var t ? Duration.FromTimeSpan(t) : Duration.Zero;

    private static DateTimeZone? Find(string? id) => Zones.Find(id);
}
