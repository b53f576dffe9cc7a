namespace Ringback.Practice;

/// <summary>A phone number as it was said in a take: its digits, from when to when, and how fast.</summary>
public sealed record NumberSaid(string Digits, double Start, double End)
{
    public double DigitsPerSecond => End > Start ? Math.Round(Digits.Length / (End - Start), 2) : double.PositiveInfinity;
}

/// <summary>Finds the numbers in what the recognizer heard, and which of them are the same number said again.</summary>
public static class NumberDelivery
{
    /// <summary>Seven digits at least, as the coach counts a phone number.</summary>
    public const int MinDigits = 7;

    /// <summary>A careful rep pauses a second or more between groups for the listener to write; a longer silence ends the number.</summary>
    private const double MaxGapSeconds = 2.0;

    private static readonly Dictionary<string, char> DigitOf = new(StringComparer.Ordinal)
    {
        ["zero"] = '0', ["oh"] = '0', ["one"] = '1', ["two"] = '2', ["three"] = '3', ["four"] = '4',
        ["five"] = '5', ["six"] = '6', ["seven"] = '7', ["eight"] = '8', ["nine"] = '9',
    };

    /// <summary>No phone number has more digits (E.164): a longer run is two numbers said close together.</summary>
    private const int MaxDigits = 15;

    public static IReadOnlyList<NumberSaid> Find(IReadOnlyList<RecognizedWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var found = new List<NumberSaid>();
        var run = new List<(char Digit, double Start, double End)>();
        foreach (var word in words)
        {
            if (DigitOf.TryGetValue(word.Text, out var digit))
            {
                if (run.Count > 0 && word.Start - run[^1].End > MaxGapSeconds)
                {
                    Close(run, found);
                }

                run.Add((digit, word.Start, word.End));
                continue;
            }

            Close(run, found);
        }

        Close(run, found);
        return found;
    }

    /// <summary>A run of digits as numbers: one when it is a phone number's length, else split at its longest pause ("39 digits in 14 s" was two numbers and a stray).</summary>
    private static void Close(List<(char Digit, double Start, double End)> run, List<NumberSaid> found)
    {
        Split(run, found);
        run.Clear();
    }

    private static void Split(List<(char Digit, double Start, double End)> run, List<NumberSaid> found)
    {
        if (run.Count < MinDigits)
        {
            return;
        }

        if (run.Count <= MaxDigits)
        {
            found.Add(new NumberSaid(new string([.. run.Select(d => d.Digit)]), run[0].Start, run[^1].End));
            return;
        }

        var cut = Enumerable.Range(1, run.Count - 1).MaxBy(i => run[i].Start - run[i - 1].End);
        Split(run[..cut], found);
        Split(run[cut..], found);
    }

    /// <summary>
    /// Whether digits heard are <paramref name="number"/> (E.164 digits, country code first): said with or without the
    /// country code or trunk prefix, and allowing two digits dropped, added or misheard — a recognizer hears a breath
    /// as "eight" now and then, and a rep's number said with one digit wrong is still their number said again.
    /// </summary>
    public static bool SameNumber(string heard, string number)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(number);
        for (var skip = 0; number.Length - skip >= MinDigits || skip == 0; skip++)
        {
            if (Distance(heard, number[skip..]) <= 2)
            {
                return true;
            }
        }

        return false;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
