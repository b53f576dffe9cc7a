using System.Text.RegularExpressions;
using Ringback.Phones;

namespace Ringback.Coach;

/// <summary>How a number is said and written so that it can be taken down on the first hearing.</summary>
public static class PhoneSpeech
{
    private static readonly string[] DigitNames = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The number in the groups it is said in: NANP 3-3-4; elsewhere the country code, then groups of three ending in four.</summary>
    public static IReadOnlyList<string> Groups(string e164, bool withCountryCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        var digits = e164.TrimStart('+');
        var groups = new List<string>();
        if (digits.Length == 11 && digits[0] == '1')
        {
            if (withCountryCode)
            {
                groups.Add("1");
            }

            groups.AddRange([digits[1..4], digits[4..7], digits[7..]]);
            return groups;
        }

        var ccLength = PhoneFormat.CountryCodeOf(e164)?.Length ?? Math.Min(3, digits.Length);
        groups.Add("+" + digits[..ccLength]);
        var national = digits[ccLength..];
        var tail = new List<string>();
        var end = national.Length;
        var size = 4;
        while (end > 0)
        {
            var start = Math.Max(0, end - size);
            if (start is > 0 and < 2)
            {
                start = 0; // no group of one digit at the front
            }

            tail.Insert(0, national[start..end]);
            end = start;
            size = 3;
        }

        groups.AddRange(tail);
        return groups;
    }

    /// <summary>"703-555-8047", or "+44 207 946 0958" outside North America.</summary>
    public static string Written(string e164)
    {
        var groups = Groups(e164, withCountryCode: false);
        return groups[0].StartsWith('+') ? string.Join(' ', groups) : string.Join('-', groups);
    }

    /// <summary>
    /// The message as a speech synthesiser should say it at the coached pace: every written number digit by
    /// digit, its groups split by commas so the voice pauses ("seven oh three, five five five, …").
    /// </summary>
    public static string ForSpeech(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new System.Text.StringBuilder(message.Length * 2);
        var at = 0;
        foreach (var number in NumberMentions.Find(message).Where(n => !n.InWords))
        {
            sb.Append(message, at, number.Start - at);
            var groups = System.Text.RegularExpressions.Regex.Matches(message[number.Start..number.End], @"\d+").Select(m => m.Value);
            sb.Append(string.Join(", ", groups.Select(g => string.Join(' ', g.Select(c => DigitNames[c - '0'])))));
            at = number.End;
        }

        return sb.Append(message, at, message.Length - at).ToString();
    }

    /// <summary>"seven oh three — five five five — eight oh four seven": every digit on its own, a pause between groups.</summary>
    public static string Speak(string e164, bool withCountryCode = false) =>
        string.Join(" — ", Groups(e164, withCountryCode).Select(g =>
            (g.StartsWith('+') ? "plus " : string.Empty) + string.Join(' ', g.TrimStart('+').Select(c => DigitNames[c - '0']))));
}

/// <summary>
/// How long a message takes to say at the coached pace: slow, about 130 words a
/// minute, every digit of a phone number said on its own with a pause between its groups so that it
/// can be written down.
/// </summary>
public static partial class SpeakingTime
{
    public const double WordsPerMinute = 130;

    /// <summary>The pause a careful speaker leaves between the groups of a number.</summary>
    public const double GroupPauseSeconds = 0.5;

    public static double EstimateSeconds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = NumberMentions.Find(text);
        double words = 0, pauses = 0;
        var at = 0;
        foreach (var number in numbers)
        {
            words += CountWords(text[at..number.Start]);
            words += number.Digits.Length;
            pauses += number.Groups - 1;
            at = number.End;
        }

        words += CountWords(text[at..]);
        return Math.Round(words * 60 / WordsPerMinute + pauses * GroupPauseSeconds, 1);
    }

    private static double CountWords(string text)
    {
        double words = 0;
        foreach (Match m in Token().Matches(text))
        {
            var v = m.Value;
            if (char.IsAsciiDigit(v[0]))
            {
                // "8:15" is "eight fifteen", "10" is "ten", "2026" is "twenty twenty-six".
                words += v.Split(':', '.').Sum(part => part.Length <= 2 ? 1 : Math.Ceiling(part.Length / 2.0));
            }
            else
            {
                words += 1;
            }
        }

        return words;
    }

    [GeneratedRegex(@"\d+(?:[:.]\d+)*|[\p{L}]+(?:['’\-.][\p{L}]+)*")]
    private static partial Regex Token();
}
