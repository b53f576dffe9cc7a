using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ringback.Phones;

/// <summary>
/// Reads a phone number as people write it ("(415) 616-2407", "+44 (0)20 7946 0958", "0049 30 1234567 ext. 12")
/// and gives its E.164 form, or a sentence saying what is wrong with it.
/// </summary>
/// <remarks>
/// libphonenumber is not available for .NET here, so this is a small, careful subset of it: country codes,
/// trunk and international prefixes and the lengths of national numbers for the regions in
/// <see cref="CallingRegions"/>, plus the NANP's area-code and exchange rules. The test suite checks it against
/// Debian's python3-phonenumbers: every number that library calls valid must come out the same here, and every
/// number it calls impossible must be rejected here too.
/// </remarks>
public static partial class PhoneNumberParser
{
    private const int E164MaxDigits = 15;

    public static PhoneParseResult Parse(string? input, string defaultRegion)
    {
        var region = CallingRegions.ForRegion(defaultRegion)
            ?? throw new ArgumentException($"'{defaultRegion}' is not a region Ringback knows.", nameof(defaultRegion));
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
            text = TrunkZeroInBrackets().Replace(text[1..], " ", 1);
        }

        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
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

        var all = digits.ToString();
        if (international)
        {
            return ParseInternational(all, extension);
        }

        foreach (var idd in region.InternationalPrefixes.OrderByDescending(p => p.Length))
        {
            if (all.StartsWith(idd, StringComparison.Ordinal) && all.Length > idd.Length + 6)
            {
                return ParseInternational(all[idd.Length..], extension);
            }
        }

        return ParseNational(region, all, extension);
    }

    /// <summary>Normalizes, or returns null when the text is not a valid number. For look-ups, where a miss is an answer.</summary>
    public static PhoneNumber? TryParse(string? input, string defaultRegion) => Parse(input, defaultRegion).Number;

    private static PhoneParseResult ParseInternational(string digits, string? extension)
    {
        for (var length = 1; length <= 3 && length < digits.Length; length++)
        {
            var code = int.Parse(digits.AsSpan(0, length), CultureInfo.InvariantCulture);
            if (!CallingRegions.IsCountryCode(code))
            {
                continue;
            }

            var national = digits[length..];
            var region = CallingRegions.ForCountryCode(code);
            if (region is not null)
            {
                return Check(region, national, extension);
            }

            if (digits.Length > E164MaxDigits)
            {
                return PhoneParseResult.Fail($"has {digits.Length} digits; no phone number has more than {E164MaxDigits}");
            }

            return national.Length < 4
                ? PhoneParseResult.Fail($"is too short: only {national.Length} digits after the country code +{code}")
                : PhoneParseResult.Ok(new PhoneNumber($"+{digits}", extension));
        }

        var shown = digits.Length > 3 ? digits[..3] : digits;
        return PhoneParseResult.Fail($"does not start with a country calling code (+{shown}…)");
    }

    private static PhoneParseResult ParseNational(CallingRegion region, string digits, string? extension)
    {
        var national = digits;
        if (region.IsNanp)
        {
            if (digits.Length == 11 && digits[0] == '1')
            {
                national = digits[1..];
            }
        }
        else if (region.TrunkPrefix is { } trunk && digits.StartsWith(trunk, StringComparison.Ordinal))
        {
            national = digits[trunk.Length..];
        }

        return Check(region, national, extension);
    }

    private static PhoneParseResult Check(CallingRegion region, string national, string? extension)
    {
        var lengths = region.NationalLengths;
        var n = national.Length;
        if (region.IsNanp && n == 7)
        {
            return PhoneParseResult.Fail("has 7 digits; add the 3-digit area code");
        }

        if (n < lengths[0])
        {
            return PhoneParseResult.Fail($"is too short for a +{region.CountryCode} ({region.Region}) number: {n} digits after the country code, at least {lengths[0]} expected");
        }

        if (n > lengths[^1])
        {
            return PhoneParseResult.Fail($"is too long for a +{region.CountryCode} ({region.Region}) number: {n} digits after the country code, at most {lengths[^1]} expected");
        }

        if (!lengths.Contains(n))
        {
            return PhoneParseResult.Fail($"has {n} digits after the country code; +{region.CountryCode} ({region.Region}) numbers have {string.Join(", ", lengths)}");
        }

        if (region.IsNanp)
        {
            if (national[0] is '0' or '1')
            {
                return PhoneParseResult.Fail($"has area code {national[..3]}; North American area codes never start with 0 or 1");
            }

            if (national[1] == '1' && national[2] == '1')
            {
                return PhoneParseResult.Fail($"has area code {national[..3]}, which is a service code (like 411 or 911), not an area code");
            }

            if (national[3] is '0' or '1')
            {
                return PhoneParseResult.Fail($"has exchange {national[3..6]}; the three digits after the area code never start with 0 or 1");
            }
        }

        return PhoneParseResult.Ok(new PhoneNumber($"+{region.CountryCode}{national}", extension));
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2010' or '\u2011' or '\u2013' or '\t';

    [GeneratedRegex(@"(?:;ext=|\s*(?:,|ext\.?|extension|x|#)\s*)(?<ext>\d{1,7})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"\(\s*0\s*\)")]
    private static partial Regex TrunkZeroInBrackets();
}
