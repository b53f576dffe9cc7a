using System.Text.RegularExpressions;
using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Coach;

/// <summary>The rep leaving the message, as their settings describe them.</summary>
public sealed record Caller(string Name, string? Company, string? CallbackE164, string? AfterHoursE164, WeeklyWindows Hours);

/// <summary>The prospect as the contact book describes them.</summary>
public sealed record Prospect(string? Salutation, string? FirstName, string LastName, string? Company, string? Industry)
{
    /// <summary>"Ms. Jones" when there is a salutation, else "Sue", else "Jones".</summary>
    public string Greeting => !string.IsNullOrWhiteSpace(Salutation) ? $"{Salutation.Trim()} {LastName}"
        : !string.IsNullOrWhiteSpace(FirstName) ? FirstName.Trim() : LastName;
}

/// <summary>Everything a template can be filled from. Missing pieces stay visible in the text as "[reason]" and are listed.</summary>
public sealed record ComposeInput
{
    public required Caller Caller { get; init; }
    public required Prospect Prospect { get; init; }
    public string? ReferrerName { get; init; }
    public ReferenceOption? Reference { get; init; }
    public EarlierConversation? Earlier { get; init; }

    /// <summary>When the rep will call again, in the prospect's zone.</summary>
    public ZonedDateTime? NextCall { get; init; }

    public string? Reason { get; init; }
    public string? Benefit { get; init; }
    public required Instant Now { get; init; }
}

/// <summary>A filled message and the fields it still needs; when a shorter form was chosen, what was left out and the words it used.</summary>
public sealed record ComposedMessage(string Text, IReadOnlyList<MissingField> Missing)
{
    /// <summary>"your company left out", "your reason cut to 'the driver shortage'": said to the rep, who may still type their own.</summary>
    public IReadOnlyList<string> Shortened { get; init; } = [];

    /// <summary>The reason and benefit as the message says them (shortened or as typed): what the coach checks it against.</summary>
    public string? Reason { get; init; }

    public string? Benefit { get; init; }

    /// <summary>The reference client's result as the message says it.</summary>
    public string? ReferenceResult { get; init; }
}

/// <summary>A field a template needs that the records don't have, and what to do about it.</summary>
public sealed record MissingField(string Field, string Help);

/// <summary>Fills a template from the records. Pure: the caller supplies "now" and the prospect's zone.</summary>
public static partial class Composer
{
    public static ComposedMessage Compose(VoicemailTemplate template, ComposeInput input)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(input);
        var missing = new List<MissingField>();
        var text = VoicemailTemplates.Placeholder().Replace(template.Body, m =>
        {
            var field = m.Groups[1].Value;
            var value = ValueOf(field, input);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            if (missing.All(x => x.Field != field))
            {
                missing.Add(new MissingField(field, HelpFor(field)));
            }

            return $"[{field}]";
        });
        return new ComposedMessage(Tidy(text), missing);
    }

    /// <summary>
    /// Fills the template, and when the message would be too long to say (<paramref name="fits"/> says no) chooses the
    /// shorter form before the coach would complain: first without the rep's company, then with the reason and benefit
    /// cut to their head phrase ("the driver shortage at your Memphis terminal" to "the driver shortage"), then both.
    /// The first form that fits is kept; if none does, the shortest, and the coach says why.
    /// </summary>
    /// <param name="fits">Whether a filled message (with the reason and benefit it used) is short enough; the coach's length rules.</param>
    public static ComposedMessage ComposeToFit(VoicemailTemplate template, ComposeInput input, Func<ComposedMessage, bool> fits)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fits);
        var withoutCompany = template with { Body = CompanyPhrase().Replace(template.Body, string.Empty) };
        var reason = HeadPhrase(input.Reason);
        var benefit = HeadPhrase(input.Benefit);
        var result = HeadPhrase(input.Reference?.Result);
        var cut = input with { Reason = reason, Benefit = benefit, Reference = input.Reference is { } r ? r with { Result = result } : null };
        var cutNotes = new List<string>();
        if (reason != input.Reason?.Trim())
        {
            cutNotes.Add($"your reason said as \u201c{reason}\u201d");
        }

        if (benefit != input.Benefit?.Trim())
        {
            cutNotes.Add($"how it helps said as \u201c{benefit}\u201d");
        }

        if (result != input.Reference?.Result?.Trim())
        {
            cutNotes.Add($"{input.Reference!.Company}'s result said as \u201c{result}\u201d");
        }

        var companyNote = withoutCompany.Body != template.Body ? "your company left out" : null;
        (VoicemailTemplate Template, ComposeInput Input, IReadOnlyList<string> Notes)[] forms =
        [
            (template, input, []),
            (withoutCompany, input, companyNote is null ? [] : [companyNote]),
            (template, cut, cutNotes),
            (withoutCompany, cut, [.. new[] { companyNote }.OfType<string>(), .. cutNotes]),
        ];

        ComposedMessage? last = null;
        foreach (var (t, i, notes) in forms.DistinctBy(f => (f.Template.Body, f.Input.Reason, f.Input.Benefit, f.Input.Reference?.Result)))
        {
            last = Compose(t, i) with { Shortened = notes, Reason = i.Reason?.Trim(), Benefit = i.Benefit?.Trim(), ReferenceResult = i.Reference?.Result?.Trim() };
            if (fits(last))
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>Words that begin a phrase hanging off the head of a reason or benefit: where it can be cut and still say what it is about.</summary>
    private static readonly HashSet<string> PhraseStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "at", "in", "on", "for", "by", "with", "within", "without", "from", "of", "to", "through", "across", "during", "before", "after",
        "this", "next", "each", "every", "and", "so", "because", "which", "that", "while", "when", "where", "as", "than", "under", "over",
    };

    /// <summary>
    /// A reason or benefit cut to its head phrase: up to the first clause break or a phrase hanging off it, keeping at
    /// least three words ("we lowered overtime costs by eighteen percent for a carrier your size" to "we lowered
    /// overtime costs"). Unchanged when it is already short.
    /// </summary>
    public static string? HeadPhrase(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        var clause = text.Trim().Split([',', ';', ':', '\u2014', '('], 2)[0].Trim();
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 4)
        {
            return clause;
        }

        for (var i = 3; i < words.Length; i++)
        {
            if (PhraseStarts.Contains(words[i]))
            {
                return string.Join(' ', words[..i]);
            }
        }

        return string.Join(' ', words.Take(6));
    }

    /// <summary>" with {caller.company}", " of {caller.company}", " from {caller.company}": the rep's company as a template names it.</summary>
    [GeneratedRegex(@"\s+(?:with|of|from|at)\s+\{caller\.company\}")]
    private static partial Regex CompanyPhrase();

    private static string? ValueOf(string field, ComposeInput input) => field switch
    {
        "caller.name" => input.Caller.Name,
        "caller.firstName" => input.Caller.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
        "caller.company" => input.Caller.Company,
        "caller.number" => input.Caller.CallbackE164 is { } n ? PhoneSpeech.Written(n) : null,
        "caller.afterHoursNumber" => input.Caller.AfterHoursE164 is { } a ? PhoneSpeech.Written(a) : null,
        "caller.hours" => input.Caller.Hours.IsEmpty ? null : SpokenTimes.Windows(input.Caller.Hours),
        "contact.name" => input.Prospect.Greeting,
        "contact.firstName" => input.Prospect.FirstName ?? input.Prospect.Greeting,
        "contact.lastName" => input.Prospect.LastName,
        "contact.company" => input.Prospect.Company,
        "contact.industry" => input.Prospect.Industry,
        "referrer" => input.ReferrerName,
        "reference.company" => input.Reference?.Company,
        "reference.result" => input.Reference?.Result,
        "earlier.rep" => input.Earlier?.RepName,
        "earlier.when" => input.NextCall is { } z && input.Earlier is { } e ? SpokenTimes.Ago(e.At.InZone(z.Zone), input.Now)
            : input.Earlier is { } e2 ? SpokenTimes.Ago(e2.At.InUtc(), input.Now) : null,
        "next.call" => input.NextCall is { } next ? SpokenTimes.When(next, input.Now) : null,
        "reason" => input.Reason,
        "benefit" => input.Benefit,
        _ => null,
    };

    private static string HelpFor(string field) => field switch
    {
        "caller.company" or "caller.number" or "caller.afterHoursNumber" or "caller.hours" => $"Add {VoicemailTemplates.Fields[field]}.",
        "contact.company" or "contact.industry" or "contact.firstName" => $"Add {VoicemailTemplates.Fields[field]} on the contact.",
        "referrer" => "Add who referred the prospect on the contact.",
        "reference.company" => "Add a reference client you may name.",
        "reference.result" => "Add what you achieved for the reference client.",
        "earlier.rep" or "earlier.when" => "A tag team needs an earlier conversation with a colleague.",
        "next.call" => "Set when you will call again.",
        "reason" => "Type the specific point you want to talk about.",
        "benefit" => "Type how the call helps them.",
        _ => $"Fill in {field}.",
    };

    /// <summary>Joins pieces typed with their own capitals or stops into clean sentences: no ". ." or double spaces.</summary>
    private static string Tidy(string text)
    {
        text = DoubleSpace().Replace(text, " ");
        text = DoubleStop().Replace(text, "$1");
        return text.Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpace();

    [GeneratedRegex(@"([.!?])\s*\.")]
    private static partial Regex DoubleStop();
}
