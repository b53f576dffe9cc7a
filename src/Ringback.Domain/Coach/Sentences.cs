namespace Ringback.Coach;

/// <summary>A sentence of a message: where it is, and its text.</summary>
public sealed record Sentence(int Start, int End, string Text);

/// <summary>
/// Splits a spoken message into sentences the way a listener hears them. A full stop ends a sentence
/// unless it belongs to a title ("Mr.", "Dr."), an initial, "a.m."/"p.m." before a lower-case word or a
/// day, or sits inside a number ("415.616.2498", "8.15"). A bare greeting ("Hi Sue.") is part of the
/// sentence after it and a bare sign-off ("Thanks!") part of the sentence before it: neither adds to
/// the three or four sentences a voicemail should keep to.
/// </summary>
public static class Sentences
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "jr", "sr", "messrs", "rev", "hon", "capt", "sgt", "col", "gen", "lt",
        "inc", "corp", "co", "ltd", "llc", "bros", "dept", "no", "vs", "approx", "ext", "tel", "e.g", "i.e", "etc", "mt", "ft",
    };

    private static readonly HashSet<string> DayAndMonthWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "today", "tonight",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    };

    private static readonly string[] Greetings = ["hi", "hello", "hey", "good morning", "good afternoon", "good evening", "dear", "morning", "afternoon"];

    private static readonly string[] SignOffs = ["thanks", "thank you", "many thanks", "cheers", "bye", "goodbye", "talk soon", "speak soon", "take care", "have a good day", "have a great day", "have a nice day"];

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var blankLine = c == '\n' && NextNonSpaceIsNewline(text, i + 1);
            if (!blankLine && !(IsTerminator(c) && EndsSentence(text, i)))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsTerminator(text[end]) || IsCloser(text[end])))
            {
                end++;
            }

            Add(raw, text, start, end);
            start = end;
            i = end - 1;
        }

        Add(raw, text, start, text.Length);
        return MergeGreetingsAndSignOffs(raw, text);
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’';

    private static bool NextNonSpaceIsNewline(string text, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return false;
    }

    private static bool EndsSentence(string text, int i)
    {
        // Skip runs of terminators and closing quotes: "?!", "...", ".)".
        var after = i + 1;
        while (after < text.Length && (IsTerminator(text[after]) || IsCloser(text[after])))
        {
            after++;
        }

        if (after < text.Length && !char.IsWhiteSpace(text[after]))
        {
            return false; // "415.616.2498", "a.m", "e.g"
        }

        var next = NextWord(text, after);
        if (next.Length == 0)
        {
            return true;
        }

        // A lower-case word after a stop or an ellipsis continues the sentence ("but… let me call").
        if (char.IsLower(next[0]))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        var word = WordBefore(text, i);
        if (Abbreviations.Contains(word))
        {
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "Joe A. Sampson"
        }

        if (word.Equals("a.m", StringComparison.OrdinalIgnoreCase) || word.Equals("p.m", StringComparison.OrdinalIgnoreCase))
        {
            return !DayAndMonthWords.Contains(next.TrimEnd(',', '.', '!', '?'));
        }

        return true;
    }

    private static string WordBefore(string text, int dot)
    {
        var j = dot - 1;
        while (j >= 0 && (char.IsLetter(text[j]) || text[j] == '.'))
        {
            j--;
        }

        return text[(j + 1)..dot];
    }

    private static string NextWord(string text, int from)
    {
        var j = from;
        while (j < text.Length && (char.IsWhiteSpace(text[j]) || text[j] is '"' or '“' or '(' or '-' or '—'))
        {
            j++;
        }

        var k = j;
        while (k < text.Length && !char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        return text[j..k];
    }

    private static void Add(List<Sentence> list, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start && text[start..end].Any(char.IsLetterOrDigit))
        {
            list.Add(new Sentence(start, end, text[start..end]));
        }
    }

    private static List<Sentence> MergeGreetingsAndSignOffs(List<Sentence> raw, string text)
    {
        if (raw.Count > 1 && IsBare(raw[0].Text, Greetings))
        {
            raw[1] = new Sentence(raw[0].Start, raw[1].End, text[raw[0].Start..raw[1].End]);
            raw.RemoveAt(0);
        }

        if (raw.Count > 1 && IsBare(raw[^1].Text, SignOffs))
        {
            var last = raw[^1];
            raw[^2] = new Sentence(raw[^2].Start, last.End, text[raw[^2].Start..last.End]);
            raw.RemoveAt(raw.Count - 1);
        }

        return raw;
    }

    /// <summary>"Hi Sue." or "Good morning, Steve." or "Thanks!": a stock opener or closer and at most a name after it.</summary>
    private static bool IsBare(string sentence, string[] openers)
    {
        var words = sentence.Trim().TrimEnd('.', '!', '?', '…').Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var lower = string.Join(' ', words).ToLowerInvariant();
        foreach (var opener in openers)
        {
            if (lower == opener || lower.StartsWith(opener + ' ', StringComparison.Ordinal))
            {
                var rest = words.Length - opener.Split(' ').Length;
                return rest <= 3 && words.Skip(words.Length - rest).All(w => char.IsUpper(w[0]) || w is "so" or "much" or "again");
            }
        }

        return false;
    }
}
