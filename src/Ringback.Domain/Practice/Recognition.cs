using System.Text;
using System.Text.RegularExpressions;
using Ringback.Coach;

namespace Ringback.Practice;

/// <summary>A word the recognizer heard, with when (seconds from the start of the take).</summary>
public sealed record RecognizedWord(string Text, double Start, double End);

/// <summary>What the recognizer made of a take, and whether it was held to the message the rep meant to say.</summary>
public sealed record TakeRecognition(IReadOnlyList<RecognizedWord> Words, bool Constrained);

/// <summary>
/// Turns the message a rep meant to say into what the recognizer listens for. Free recognition of a whole message
/// with the small general model is rough, so the words are held to the message: a JSGF grammar of its sentences in
/// order, each sentence's words in order with any of them skippable, and between sentences any string of digits, so a
/// number said again, or said differently from the one written, is heard as said. (Letting sentences repeat and come
/// in any order was tried: on a 31 s take it made recognition four times slower, 11.4 s against 3.0 s, and no better.)
/// </summary>
public static partial class TakeGrammar
{
    public static readonly IReadOnlyList<string> Digits = ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] TensWords = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The message's sentences as the words a speaker says: numbers digit by digit, times and years in words.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spoken = NumberToken().Replace(PhoneSpeech.ForSpeech(text), m => Say(m.Value));
        return [.. SentenceEnd().Split(spoken)
            .Select(s => (IReadOnlyList<string>)[.. WordToken().Matches(s).Select(w => w.Value.ToLowerInvariant().Replace('’', '\''))])
            .Where(words => words.Count > 0)];
    }

    /// <summary>The grammar for a message; <paramref name="known"/> says which words the recognizer's dictionary has (others are left out).</summary>
    public static string Build(string text, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var rules = new StringBuilder();
        var names = new List<string>();
        foreach (var sentence in Sentences(text))
        {
            var words = sentence.Where(known).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var name = $"s{names.Count}";
            names.Add($"<{name}>");
            rules.Append('<').Append(name).Append("> = ").AppendJoin(' ', words.Select(w => $"[{w}]")).AppendLine(";");
        }

        return new StringBuilder()
            .AppendLine("#JSGF V1.0;")
            .AppendLine("grammar take;")
            .Append("public <take> = [<number>] ").AppendJoin(' ', names.Select(n => n + " [<number>]")).AppendLine(";")
            .Append(rules)
            .Append("<number> = ( ").AppendJoin(" | ", Digits.Where(known)).AppendLine(" )+;")
            .ToString();
    }

    /// <summary>"10" is "ten", "8:15" "eight fifteen", "2026" "twenty twenty six" (a phone number was spelled out before).</summary>
    private static string Say(string number)
    {
        var parts = number.Split(':', '.').Where(p => p.Length > 0).Select(part => part.Length switch
        {
            <= 2 => Under100(int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)),
            4 => Under100(int.Parse(part[..2], System.Globalization.CultureInfo.InvariantCulture)) + " " + Under100(int.Parse(part[2..], System.Globalization.CultureInfo.InvariantCulture)),
            _ => string.Join(' ', part.Select(c => Ones[c - '0'])),
        });
        return " " + string.Join(' ', parts) + " ";
    }

    private static string Under100(int n) => n < 20 ? Ones[n] : TensWords[n / 10] + (n % 10 == 0 ? string.Empty : " " + Ones[n % 10]);

    [GeneratedRegex(@"\d+(?:[:.]\d+)*")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"[.!?;]+(?:\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\p{L}+(?:['’]\p{L}+)*")]
    private static partial Regex WordToken();
}
