using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace Ringback.Phones;

/// <summary>What kind of line a number is, as a rep would say it.</summary>
public enum LineKind
{
    Unknown,
    Landline,
    Mobile,
    LandlineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    Personal,
    Pager,
    Other,
}

/// <summary>Where a number says its owner is (<see cref="PhoneFormat.Locate"/>).</summary>
public sealed record NumberLocation(string Region, bool Geographic, IReadOnlyList<string> Zones);

/// <summary>
/// How a stored number (E.164) is shown to a person: the way people at home write it for numbers in the rep's own
/// region ("(312) 555-0186", "030 901820"), and in international form for the rest ("+49 30 901820"). Stored,
/// exported and dialled numbers stay E.164; only what is read changes.
/// </summary>
public static class PhoneFormat
{
    private static PhoneNumberUtil Util => PhoneNumberParser.Util;

    /// <summary>Numbers already shown, by number, extension and region: libphonenumber parses the number, and the
    /// replacement pattern of its format, on every call: a tenth of a 200-item Today queue's time when measured.
    /// Bounded: emptied when full, so a server showing a million numbers keeps a few hundred KB.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Number, string? Extension, string Region), string> ShownBefore = new();

    private const int ShownKept = 4096;

    private static int shownCount;

    /// <summary>The number as a person in <paramref name="homeRegion"/> reads it, with its extension.</summary>
    public static string Shown(string? e164, string? extension, string homeRegion)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return string.Empty;
        }

        if (ShownBefore.TryGetValue((e164, extension, homeRegion), out var shown))
        {
            return shown;
        }

        shown = Format(e164, extension, homeRegion);
        // Counted here, not with the dictionary's Count, which takes every one of its locks.
        if (ShownBefore.TryAdd((e164, extension, homeRegion), shown) && Interlocked.Increment(ref shownCount) > ShownKept)
        {
            ShownBefore.Clear();
            Interlocked.Exchange(ref shownCount, 0);
        }

        return shown;
    }

    private static string Format(string e164, string? extension, string homeRegion)
    {
        if (Read(e164) is not { } number)
        {
            return extension is null ? e164 : $"{e164} ext. {extension}";
        }

        var format = string.Equals(Util.GetRegionCodeForNumber(number), homeRegion, StringComparison.OrdinalIgnoreCase)
            ? PhoneNumberFormat.NATIONAL
            : PhoneNumberFormat.INTERNATIONAL;
        var text = Util.Format(number, format);
        return extension is null ? text : $"{text} ext. {extension}";
    }

    public static string Shown(string? e164, string homeRegion) => Shown(e164, null, homeRegion);

    /// <summary>The number's country calling code, as digits ("1", "49").</summary>
    public static string? CountryCodeOf(string? e164) =>
        Read(e164) is { } number ? number.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public static LineKind KindOf(string? e164) => Read(e164) is { } number ? KindOf(number) : LineKind.Unknown;

    private static LineKind KindOf(LibPhoneNumber number) => Util.GetNumberType(number) switch
    {
        PhoneNumberType.FIXED_LINE => LineKind.Landline,
        PhoneNumberType.MOBILE => LineKind.Mobile,
        PhoneNumberType.FIXED_LINE_OR_MOBILE => LineKind.LandlineOrMobile,
        PhoneNumberType.TOLL_FREE => LineKind.TollFree,
        PhoneNumberType.PREMIUM_RATE => LineKind.PremiumRate,
        PhoneNumberType.SHARED_COST => LineKind.SharedCost,
        PhoneNumberType.VOIP => LineKind.Voip,
        PhoneNumberType.PERSONAL_NUMBER => LineKind.Personal,
        PhoneNumberType.PAGER => LineKind.Pager,
        PhoneNumberType.UNKNOWN => LineKind.Unknown,
        _ => LineKind.Other,
    };

    /// <summary>The line kind in the words of a contact page: "mobile", "toll-free"; null when nothing useful is known.</summary>
    public static string? Describe(LineKind kind) => kind switch
    {
        LineKind.Landline => "landline",
        LineKind.Mobile => "mobile",
        LineKind.TollFree => "toll-free",
        LineKind.PremiumRate => "premium rate",
        LineKind.SharedCost => "shared cost",
        LineKind.Voip => "internet phone",
        LineKind.Personal => "personal number",
        LineKind.Pager => "pager",
        _ => null,
    };

    /// <summary>
    /// Where a number says its owner is, read in one parse: its region, whether it is tied to a place (a landline or a
    /// mobile, not toll-free, premium or personal), and the IANA zones libphonenumber's data gives it — one for a
    /// landline in a one-zone area, several for a mobile in a country with several zones. Null when it is not a number.
    /// </summary>
    public static NumberLocation? Locate(string? e164)
    {
        if (Read(e164) is not { } number || Util.GetRegionCodeForNumber(number) is not { Length: 2 } region || region == "ZZ")
        {
            return null;
        }

        var geographic = KindOf(number) is LineKind.Landline or LineKind.Mobile or LineKind.LandlineOrMobile;
        var mapper = PhoneNumberToTimeZonesMapper.GetInstance();
        IReadOnlyList<string> zones = geographic ? [.. mapper.GetTimeZonesForNumber(number).Where(z => z != mapper.GetUnknownTimeZone())] : [];
        return new NumberLocation(region, geographic, zones);
    }

    /// <summary>libphonenumber's view of a stored number; E.164 parses without a region.</summary>
    internal static LibPhoneNumber? Read(string? e164)
    {
        if (string.IsNullOrEmpty(e164) || e164[0] != '+')
        {
            return null;
        }

        try
        {
            return Util.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
