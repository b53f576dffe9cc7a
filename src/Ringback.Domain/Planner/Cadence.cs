using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Ringback.Calls;
using Ringback.Validation;

namespace Ringback.Planner;

/// <summary>One step of a cadence: on which day after enrolment, in which local window, with which strategy.</summary>
public sealed record CadenceStep(int Day, LocalTime From, LocalTime To, Strategy Strategy);

/// <summary>
/// A planned series of attempts, e.g. day 0 warm cold call, day 2 as promised, …, last the straight-ahead pitch
///. Written as text people can read and type:
/// <c>day 0 09:00-11:00 warm-cold-call; day 2 08:00-09:00 as-promised</c>.
/// </summary>
public sealed record Cadence(string Name, IReadOnlyList<CadenceStep> Steps, int MaxAttempts)
{
    public const int MaxSteps = 30;

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IReadOnlyList<Cadence> Defaults { get; } =
    [
        new("Seven touches in a month", Parse("day 0 09:00-11:00 warm-cold-call; day 2 08:00-09:00 as-promised; day 5 16:00-17:30 association; " +
            "day 9 08:00-09:00 vague; day 14 10:00-11:30 third-party; day 21 08:00-09:00 as-promised; day 28 09:00-11:00 straight-ahead-pitch"), 7),
        new("Referral follow-up", Parse("day 0 09:00-11:00 referral; day 1 08:00-09:00 as-promised; day 4 16:00-17:00 referral; " +
            "day 8 08:00-09:00 as-promised; day 14 09:00-11:00 straight-ahead-pitch"), 5),
    ];

    public string StepsText => Format(Steps);

    public static string Format(IEnumerable<CadenceStep> steps) => string.Join("; ", steps.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"day {s.Day} {Clock.Format(s.From)}-{Clock.Format(s.To)} {EnumText.Format(s.Strategy)}")));

    public static IReadOnlyList<CadenceStep> Parse(string text) =>
        TryParse(text, out var steps, out var error) ? steps : throw new FormatException(error);

    /// <summary>Reads the text form; the error names the step (1-based) and what is wrong with it.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<CadenceStep> steps, out string? error)
    {
        steps = [];
        error = null;
        var list = new List<CadenceStep>();
        var parts = (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            error = "needs at least one step, like 'day 0 09:00-11:00 warm-cold-call'";
            return false;
        }

        if (parts.Length > MaxSteps)
        {
            error = $"has {parts.Length} steps; at most {MaxSteps}";
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var words = parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hours = words.Length == 4 ? words[2].Split('-') : [];
            if (words.Length != 4 || !words[0].Equals("day", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day > 365
                || hours.Length != 2 || !Clock.Parse(hours[0]).Success || !Clock.Parse(hours[1]).Success)
            {
                error = $"step {i + 1} '{parts[i]}' should read like 'day 2 08:00-09:00 as-promised'";
                return false;
            }

            var from = Clock.Parse(hours[0]).Value;
            var to = Clock.Parse(hours[1]).Value;
            if (to <= from)
            {
                error = $"step {i + 1}: the window must end after it starts";
                return false;
            }

            if (!EnumText.TryParse<Strategy>(words[3], out var strategy))
            {
                error = $"step {i + 1}: '{words[3]}' is not a strategy; use one of {EnumText.Choices<Strategy>()}";
                return false;
            }

            if (list.Count > 0 && day < list[^1].Day)
            {
                error = $"step {i + 1}: day {day} comes before the previous step's day {list[^1].Day}";
                return false;
            }

            list.Add(new CadenceStep(day, from, to, strategy));
        }

        steps = list;
        return true;
    }

    /// <summary>Checks a cadence a rep wrote.</summary>
    public static Checked<Cadence> Check(string? name, string? steps, int? maxAttempts)
    {
        var errors = new ValidationErrors();
        var checkedName = Field.Text(errors, "name", name, 100, required: true);
        if (!TryParse(steps, out var parsed, out var error))
        {
            errors.Add("steps", error!);
        }

        var max = maxAttempts ?? parsed.Count;
        if (max < 1 || max > MaxSteps)
        {
            errors.Add("maxAttempts", $"must be between 1 and {MaxSteps}");
        }

        return errors.IsEmpty ? new(new Cadence(checkedName!, parsed, max), errors) : new(null, errors);
    }

    /// <summary>A readable one-line summary for lists: "7 steps over 28 days".</summary>
    public override string ToString() => new StringBuilder().Append(Name).Append(": ").Append(Steps.Count).Append(" steps over ")
        .Append(Steps.Count == 0 ? 0 : Steps[^1].Day).Append(" days").ToString();
}
