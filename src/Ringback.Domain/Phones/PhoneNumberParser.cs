using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace Ringback.Phones;

/// <summary>
/// Reads a phone number as people write it ("(415) 616-2407", "+44 (0)20 7946 0958", "0049 30 1234567 ext. 12")
/// and gives its E.164 form, or a sentence saying what is wrong with it.
/// </summary>
/// <remarks>
/// Parsing, lengths and validity are libphonenumber's, for every region it knows. What stays ours is what a
/// person reads: each way a number can be wrong is said in Ringback's words ("has 7 digits; add the 3-digit area
/// code"), letters are refused rather than read as a vanity number (a rep types the digits they will dial), and
/// extensions are read in the forms reps write them. The test suite checks the result against Debian's
/// python3-phonenumbers in every region both know.
/// </remarks>
public static partial class PhoneNumberParser
{
    internal static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsRegion(string? region) => region is not null && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    public static PhoneParseResult Parse(string? input, string defaultRegion)
    {
        if (!IsRegion(defaultRegion))
        {
            throw new ArgumentException($"'{defaultRegion}' is not a region Ringback knows.", nameof(defaultRegion));
        }

        var region = defaultRegion.ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneParseResult.Fail("is empty");
        }

        var text = input.Trim();
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        string? extension = null;
        var ext = ExtensionPattern().Match(text);
        if (ext.Success)
        {
            extension = ext.Groups["ext"].Value;
            text = text[..ext.Index];
        }

        var international = text.StartsWith('+');
        if (international)
        {
            // "+44 (0)20 …": the bracketed trunk prefix is how Britons and Germans write a number for
            // callers from both home and abroad; it is never dialled after the country code.
            text = "+" + TrunkZeroInBrackets().Replace(text[1..], " ", 1);
        }

        var digits = new StringBuilder(text.Length);
        foreach (var c in international ? text.AsSpan(1) : text.AsSpan())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (char.IsLetter(c))
            {
                return PhoneParseResult.Fail($"contains the letter '{c}'; write the number in digits");
            }
            else if (c == '+')
            {
                return PhoneParseResult.Fail("has a '+' that is not at the start");
            }
            else if (!IsSeparator(c))
            {
                return PhoneParseResult.Fail($"contains '{c}', which is not part of a phone number");
            }
        }

        if (digits.Length == 0)
        {
            return PhoneParseResult.Fail("has no digits");
        }

        var plain = (international ? "+" : string.Empty) + digits;
        PhoneParseResult result;
        try
        {
            result = Check(Util.Parse(plain, region), extension);
        }
        catch (NumberParseException e)
        {
            result = PhoneParseResult.Fail(Unreadable(e.ErrorType, digits.ToString()));
        }

        // "0412 345 678" or "0049 151 …" typed into a North American book: say which number it likely is, not what is
        // wrong with it as a number of the default region.
        return result.Number is null && !international && Abroad(digits.ToString(), Grouping(text), region) is { } suggestion
            ? PhoneParseResult.Fail($"is not a {RegionName(region)} number; did you mean {suggestion}?")
            : result;
    }

    /// <summary>Large markets first, when a nationally written number is valid in several countries.</summary>
    private static readonly string[] Likely = ["GB", "DE", "AU", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "IE", "NZ", "SE", "NO", "DK", "FI", "PL", "PT", "IN", "ZA", "BR", "MX", "JP", "KR", "TR", "IL", "AR", "SG"];

    /// <summary>
    /// What a number that fails in the default region likely is: written with the international prefix most of the
    /// world dials ("0049 151 …" is +49 151 …), or in another country's national way (a leading trunk 0: "0412 345 678"
    /// is an Australian mobile). Up to two countries are named; null when none or too many read it as valid.
    /// </summary>
    /// <remarks>Where several countries read it, the one whose own way of writing it matches how it was typed ("0412 345 678" is Australia's grouping) comes first.</remarks>
    private static string? Abroad(string digits, string grouping, string region)
    {
        if (digits.StartsWith("00", StringComparison.Ordinal) && digits.Length > 6 && Valid("+" + digits[2..], "ZZ") is { } viaIdd)
        {
            return Describe(viaIdd);
        }

        if (!digits.StartsWith('0') || digits.StartsWith("00", StringComparison.Ordinal) || digits.Length < 7)
        {
            return null;
        }

        var found = Util.GetSupportedRegions()
            .Where(r => r != region && Util.GetMetadataForRegion(r)?.NationalPrefix == "0")
            .Select(r => (Region: r, Number: Valid(digits, r)))
            .Where(x => x.Number is not null && Util.GetRegionCodeForNumber(x.Number) == x.Region)
            .OrderBy(x => Grouping(Util.Format(x.Number!, PhoneNumberFormat.NATIONAL)) == grouping ? 0 : 1)
            .ThenBy(x => Array.IndexOf(Likely, x.Region) is var i and >= 0 ? i : Likely.Length)
            .ThenBy(x => x.Region, StringComparer.Ordinal)
            .ToList();
        // Many small plans accept almost any run of digits: past the markets above, a number valid in a dozen places says nothing.
        var likely = found.Count <= 4 ? found : [.. found.Where(x => Array.IndexOf(Likely, x.Region) >= 0)];
        return likely.Count == 0 ? null : string.Join(" or ", likely.Take(2).Select(x => Describe(x.Number!)));
    }

    /// <summary>"0412 345 678" as "4 3 3": the lengths of its groups of digits.</summary>
    private static string Grouping(string text) =>
        string.Join(' ', DigitRuns().Matches(text).Select(m => m.Length.ToString(CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitRuns();

    private static LibPhoneNumber? Valid(string text, string region)
    {
        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>"+61 412 345 678 (Australia)".</summary>
    private static string Describe(LibPhoneNumber number) =>
        $"{Util.Format(number, PhoneNumberFormat.INTERNATIONAL)} ({RegionName(Util.GetRegionCodeForNumber(number))})";

    private static string RegionName(string region)
    {
        try
        {
            return region == "US" ? "North American" : new RegionInfo(region).EnglishName;
        }
        catch (ArgumentException)
        {
            return region;
        }
    }

    /// <summary>Normalizes, or returns null when the text is not a valid number. For look-ups, where a miss is an answer.</summary>
    public static PhoneNumber? TryParse(string? input, string defaultRegion) => Parse(input, defaultRegion).Number;

    private static PhoneParseResult Check(LibPhoneNumber number, string? extension)
    {
        var code = number.CountryCode;
        var national = Util.GetNationalSignificantNumber(number);
        var n = national.Length;
        var regionOfCode = Util.GetRegionCodeForCountryCode(code);
        var plan = $"+{code} ({regionOfCode})";
        var metadata = regionOfCode == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY ? Util.GetMetadataForNonGeographicalRegion(code) : Util.GetMetadataForRegion(regionOfCode);
        var lengths = metadata?.GeneralDesc.PossibleLengthList ?? [];
        switch (Util.IsPossibleNumberWithReason(number))
        {
            case PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY when code == 1 && n == 7:
                return PhoneParseResult.Fail("has 7 digits; add the 3-digit area code");
            case PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                return PhoneParseResult.Fail($"is a local number ({n} digits); add the area code: {plan} numbers have {Lengths(lengths)} digits");
            case PhoneNumberUtil.ValidationResult.TOO_SHORT:
                return PhoneParseResult.Fail($"is too short for a {plan} number: {n} digits after the country code, at least {lengths.DefaultIfEmpty(0).Min()} expected");
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                return PhoneParseResult.Fail($"is too long for a {plan} number: {n} digits after the country code, at most {lengths.DefaultIfEmpty(0).Max()} expected");
            case PhoneNumberUtil.ValidationResult.INVALID_LENGTH:
                return PhoneParseResult.Fail($"has {n} digits after the country code; {plan} numbers have {Lengths(lengths)}");
            case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                return PhoneParseResult.Fail($"does not start with a country calling code (+{code}…)");
        }

        if (code == 1 && n == 10 && NanpProblem(national) is { } problem)
        {
            return PhoneParseResult.Fail(problem);
        }

        if (!Util.IsValidNumber(number))
        {
            return PhoneParseResult.Fail($"is not a number in use in {plan}; check the digits");
        }

        extension ??= number.HasExtension && number.Extension.Length > 0 ? number.Extension : null;
        return PhoneParseResult.Ok(new PhoneNumber(Util.Format(number, PhoneNumberFormat.E164), extension));
    }

    /// <summary>The North American plan's rules, said the way a rep can act on them.</summary>
    private static string? NanpProblem(string national)
    {
        if (national[0] is '0' or '1')
        {
            return $"has area code {national[..3]}; North American area codes never start with 0 or 1";
        }

        if (national[1] == '1' && national[2] == '1')
        {
            return $"has area code {national[..3]}, which is a service code (like 411 or 911), not an area code";
        }

        return national[3] is '0' or '1'
            ? $"has exchange {national[3..6]}; the three digits after the area code never start with 0 or 1"
            : null;
    }

    private static string Unreadable(ErrorType error, string digits) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => $"does not start with a country calling code (+{(digits.Length > 3 ? digits[..3] : digits)}…)",
        ErrorType.TOO_SHORT_AFTER_IDD => "is too short: hardly any digits after the international prefix",
        ErrorType.TOO_SHORT_NSN => $"is too short: only {digits.Length} digits",
        ErrorType.TOO_LONG => $"has {digits.Length} digits; no phone number has more than 15",
        _ => "is not a phone number",
    };

    private static string Lengths(IList<int> lengths) =>
        lengths.Count == 0 ? "other lengths" : string.Join(", ", lengths.Select(l => l.ToString(CultureInfo.InvariantCulture)));

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2010' or '\u2011' or '\u2013' or '\t';

    [GeneratedRegex(@"(?:;ext=|\s*(?:,|ext\.?|extension|x|#)\s*)(?<ext>\d{1,7})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"\(\s*0\s*\)")]
    private static partial Regex TrunkZeroInBrackets();
}
