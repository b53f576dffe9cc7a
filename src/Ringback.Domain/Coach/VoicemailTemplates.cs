using System.Text.RegularExpressions;
using Ringback.Calls;
using Ringback.Validation;

namespace Ringback.Coach;

/// <summary>A message pattern with named fields in braces, e.g. <c>{caller.name}</c>, filled from the records by <see cref="Composer"/>.</summary>
/// <param name="Source">Where in the seeds a built-in template comes from, for the help text ("seed 002, ONE").</param>
public sealed record VoicemailTemplate(Strategy Strategy, string Name, string Body, string? Source = null);

/// <summary>The fields a template may use, and the templates every rep starts with: one per strategy, each from its seed.</summary>
public static partial class VoicemailTemplates
{
    public const int BodyMax = 2000;
    public const int NameMax = 100;

    /// <summary>Every field a template can name, with what it is filled from.</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["caller.name"] = "your name",
        ["caller.firstName"] = "your first name",
        ["caller.company"] = "your company (Settings)",
        ["caller.number"] = "your callback number (Settings)",
        ["caller.afterHoursNumber"] = "your after-hours number (Settings)",
        ["caller.hours"] = "the hours you can be reached (Settings)",
        ["contact.name"] = "the prospect as you greet them: salutation and last name, else first name",
        ["contact.firstName"] = "the prospect's first name",
        ["contact.lastName"] = "the prospect's last name",
        ["contact.company"] = "the prospect's company",
        ["contact.industry"] = "the prospect's industry",
        ["referrer"] = "who referred the prospect",
        ["reference.company"] = "a reference client you may name",
        ["reference.result"] = "what you achieved for that client",
        ["earlier.rep"] = "the colleague who spoke with the prospect before",
        ["earlier.when"] = "when that conversation was",
        ["next.call"] = "when you will call again, in the prospect's time",
        ["reason"] = "the specific point you want to talk about",
        ["benefit"] = "how the call helps them",
    };

    /// <remarks>
    /// Each is short enough to say in 30 seconds at the coached pace with the number said twice, digit by digit,
    /// with names and companies as long as CRMs hold them and up to twelve words of the rep's own reason and
    /// benefit; <c>TemplateSweepTests</c> fills each 200 ways to hold them to it.
    /// </remarks>
    public static IReadOnlyList<VoicemailTemplate> BuiltIn { get; } =
    [
        new(Strategy.Referral, "Referral",
            "{referrer} suggested I call you, {contact.name}. I'm {caller.name}, {caller.number}, about {reason}: {benefit}. " +
            "I'll call {next.call}; {referrer} sent me. Again, {caller.number}.", "seed 002, ONE"),
        new(Strategy.ThirdParty, "Third party",
            "Hello {contact.name}, this is {caller.name} with {caller.company}, {caller.number}, about {reference.company}, where {reference.result}. " +
            "I'll try you {next.call}, or call {caller.number}.", "seed 000, option two"),
        new(Strategy.Association, "Association",
            "Hi {contact.name}, {caller.name} of {caller.company}, {caller.number}, about our success with " +
            "{reference.company}: {reference.result}. I'll try you {next.call}, or call {caller.number}.", "seed 001"),
        new(Strategy.WarmColdCall, "Warm cold call",
            "Hello {contact.name}, this is {caller.name} with {caller.company}, {caller.number}, about {reason}: {benefit}. " +
            "I'll call again {next.call}, or reach me at {caller.number}.", "seed 000, option three"),
        new(Strategy.StraightAheadPitch, "Straight-ahead pitch",
            "Hi {contact.name}, this is {caller.name} with {caller.company}, {caller.number}, about {reason}: {benefit}. " +
            "I'll call {next.call} to book a meeting, or reach me at {caller.number}.", "seed 000, option four"),
        new(Strategy.Vague, "Vague",
            "Hi {contact.firstName}, this is {caller.name} at {caller.number}. I'll try you again {next.call}, and you can reach me " +
            "at {caller.number} before then. Thanks!", "seed 001"),
        new(Strategy.TagTeam, "Tag team",
            "Hello {contact.name}, this is {caller.name} at {caller.number}. I wanted to speak with you about {earlier.rep}, one of our " +
            "team, who spoke with you {earlier.when}. I'll call you again {next.call}, or reach me at {caller.number}.", "seed 001"),
        new(Strategy.AsPromised, "As promised",
            "Hi {contact.firstName}, this is {caller.name} at {caller.number}, calling as promised about {reason}: {benefit}. " +
            "I'll try you again {next.call}, or reach me at {caller.number}.", "seed 003"),
    ];

    public static VoicemailTemplate DefaultFor(Strategy strategy) => BuiltIn.First(t => t.Strategy == strategy);

    /// <summary>The field names a body uses, in order of first use.</summary>
    public static IReadOnlyList<string> FieldsIn(string body) =>
        [.. Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>Checks a template a rep wrote: a name, a body within limits, braces that pair, and only known fields.</summary>
    public static Checked<VoicemailTemplate> Check(string? strategy, string? name, string? body)
    {
        var errors = new ValidationErrors();
        var parsedStrategy = Field.Enum<Strategy>(errors, "strategy", strategy);
        if (parsedStrategy is null && string.IsNullOrWhiteSpace(strategy))
        {
            errors.Add("strategy", $"is required: one of {EnumText.Choices<Strategy>()}");
        }

        var checkedName = Field.Text(errors, "name", name, NameMax, required: true);
        var checkedBody = Field.Text(errors, "body", body, BodyMax, required: true);
        if (checkedBody is not null)
        {
            var unknown = FieldsIn(checkedBody).Where(f => !Fields.ContainsKey(f)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("body", $"{string.Join(", ", unknown.Select(u => "{" + u + "}"))} is not a field; use one of {string.Join(", ", Fields.Keys.Select(k => "{" + k + "}"))}");
            }

            var inFields = Placeholder().Matches(checkedBody).SelectMany(m => Enumerable.Range(m.Index, m.Length)).ToHashSet();
            var stray = Enumerable.Range(0, checkedBody.Length).FirstOrDefault(i => checkedBody[i] is '{' or '}' && !inFields.Contains(i), -1);
            if (stray >= 0)
            {
                errors.Add("body", $"has a '{checkedBody[stray]}' at character {stray + 1} that does not pair up; fields are written like {{caller.name}}");
            }
        }

        return errors.IsEmpty ? new(new VoicemailTemplate(parsedStrategy!.Value, checkedName!, checkedBody!), errors) : new(null, errors);
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z.]*)\}")]
    internal static partial Regex Placeholder();
}
