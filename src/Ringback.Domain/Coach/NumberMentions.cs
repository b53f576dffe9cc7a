using System.Text;
using System.Text.RegularExpressions;

namespace Ringback.Coach;

/// <summary>A phone number said in a message, where it is, its digits and how many groups it is said in.</summary>
public sealed record NumberMention(int Start, int End, string Digits, int Groups, bool InWords);

/// <summary>
/// Finds phone numbers in a message however they are written: "703-555-8047", "(415) 616-2407",
/// "415.616.2498", "1 800 555 0199", "+44 20 7946 0958", or said in words ("seven oh three, five five
/// five, eight oh four seven"). Seven digits at least, so times ("8:15"), years and prices are not numbers.
/// </summary>
public static partial class NumberMentions
{
    public const int MinDigits = 7;
    public const int MaxDigits = 15;

    private static readonly Dictionary<string, string> DigitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = "0", ["oh"] = "0", ["o"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4",
        ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9",
        ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15",
        ["sixteen"] = "16", ["seventeen"] = "17", ["eighteen"] = "18", ["nineteen"] = "19",
    };

    private static readonly Dictionary<string, string> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = "2", ["thirty"] = "3", ["forty"] = "4", ["fifty"] = "5", ["sixty"] = "6", ["seventy"] = "7", ["eighty"] = "8", ["ninety"] = "9",
    };

    public static IReadOnlyList<NumberMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<NumberMention>();
        foreach (Match m in WrittenNumber().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= MinDigits and <= MaxDigits && !LooksLikeClockOrDate(m.Value))
            {
                var groups = GroupSeparator().Split(m.Value.Trim('(', ')', '+')).Count(g => g.Any(char.IsAsciiDigit));
                found.Add(new NumberMention(m.Index, m.Index + m.Length, digits, groups, InWords: false));
            }
        }

        found.AddRange(FindInWords(text));
        return [.. found.OrderBy(n => n.Start)];
    }

    /// <summary>"8:15 9:30", "2026-11-22" or "12.05.2026" are times and dates, not a number to call.</summary>
    private static bool LooksLikeClockOrDate(string value) => value.Contains(':', StringComparison.Ordinal) || CalendarDate().IsMatch(value);

    private static IEnumerable<NumberMention> FindInWords(string text)
    {
        var tokens = WordToken().Matches(text);
        var run = new StringBuilder();
        int runStart = -1, runEnd = -1, groups = 0;
        var previousEnd = -1;
        var repeat = 1;
        foreach (Match token in tokens)
        {
            var digits = DigitsOf(token.Value);
            var separatedByPause = previousEnd >= 0 && text.AsSpan(previousEnd, token.Index - previousEnd).IndexOfAny(",;—–-") >= 0;
            var onlySpaceBetween = previousEnd < 0 || text.AsSpan(previousEnd, token.Index - previousEnd).Trim(" ,;—–-").IsEmpty;
            if (digits is not null && (run.Length == 0 || onlySpaceBetween))
            {
                if (run.Length == 0)
                {
                    runStart = token.Index;
                    groups = 1;
                }
                else if (separatedByPause)
                {
                    groups++;
                }

                Append(run, digits, ref repeat);
                runEnd = token.Index + token.Length;
                previousEnd = runEnd;
                continue;
            }

            if (run.Length is >= MinDigits and <= MaxDigits)
            {
                yield return new NumberMention(runStart, runEnd, run.ToString(), groups, InWords: true);
            }

            run.Clear();
            repeat = 1;
            if (digits is not null)
            {
                runStart = token.Index;
                groups = 1;
                Append(run, digits, ref repeat);
                runEnd = token.Index + token.Length;
            }

            previousEnd = token.Index + token.Length;
        }

        if (run.Length is >= MinDigits and <= MaxDigits)
        {
            yield return new NumberMention(runStart, runEnd, run.ToString(), groups, InWords: true);
        }
    }

    private static void Append(StringBuilder run, string digits, ref int repeat)
    {
        if (digits.StartsWith('x'))
        {
            repeat = digits[1] - '0'; // "double five" is 55, "triple oh" 000
            return;
        }

        for (var i = 0; i < repeat; i++)
        {
            run.Append(digits);
        }

        repeat = 1;
    }

    /// <summary>The digits one spoken word stands for: "oh" 0, "twelve" 12, "forty-seven" 47, "double five" is handled by its words.</summary>
    private static string? DigitsOf(string word)
    {
        if (DigitWords.TryGetValue(word, out var d))
        {
            // A lone capital "O" is a letter or a name far more often than a zero.
            return word == "O" ? null : d;
        }

        var dash = word.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && Tens.TryGetValue(word[..dash], out var ten) && DigitWords.TryGetValue(word[(dash + 1)..], out var unit) && unit.Length == 1 && unit != "0")
        {
            return ten + unit;
        }

        if (Tens.TryGetValue(word, out var round))
        {
            return round + "0";
        }

        return word.Equals("hundred", StringComparison.OrdinalIgnoreCase) ? "00"
            : word.Equals("double", StringComparison.OrdinalIgnoreCase) ? "x2"
            : word.Equals("triple", StringComparison.OrdinalIgnoreCase) ? "x3"
            : null;
    }

    // Digits in groups split by one space, dot, hyphen or slash, an optional leading + or (area code).
    [GeneratedRegex(@"(?<![\w.])(?:\+\s?)?(?:\(\d{1,4}\)\s?)?\d{1,4}(?:(?:[\s.\-/]\(?|\)[\s\-]?)\d{1,5}){0,6}(?![\w]|\.\d)")]
    private static partial Regex WrittenNumber();

    [GeneratedRegex(@"^(\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}|\d{1,2}[\-/.]\d{1,2}[\-/.]\d{4})$")]
    private static partial Regex CalendarDate();

    [GeneratedRegex(@"[\s.\-/()]+")]
    private static partial Regex GroupSeparator();

    [GeneratedRegex(@"[A-Za-z]+(?:-[A-Za-z]+)?|\d+")]
    private static partial Regex WordToken();
}
