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

    /// <summary>When the rep will call again, in the prospect's zone (seed 003: "I'll call you again at 08:15 am tomorrow").</summary>
    public ZonedDateTime? NextCall { get; init; }

    public string? Reason { get; init; }
    public string? Benefit { get; init; }
    public required Instant Now { get; init; }
}

/// <summary>A filled message and the fields it still needs.</summary>
public sealed record ComposedMessage(string Text, IReadOnlyList<MissingField> Missing);

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
