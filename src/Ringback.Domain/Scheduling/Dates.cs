using NodaTime;
using NodaTime.Text;
using Ringback.Validation;

namespace Ringback.Scheduling;

/// <summary>
/// The days Ringback plans and reports in. A typed year 9999 or 0001 is a slip of the keyboard, and NodaTime, .NET
/// and the databases each stop at a different edge (a day after 9999-12-31 overflows; PostgreSQL's timestamps start in
/// 4713 BC, .NET's DateTime in year 1): every day, period or instant taken from outside is held to these bounds
/// first, so it is answered in the field's words rather than by an overflow deep in a query.
/// </summary>
public static class Dates
{
    public static readonly LocalDate First = new(1900, 1, 1);
    public static readonly LocalDate Last = new(2199, 12, 31);

    /// <summary>The first instant of <see cref="First"/> and the last of <see cref="Last"/>, in any zone.</summary>
    public static readonly Instant Earliest = First.AtMidnight().InUtc().ToInstant() - Duration.FromDays(1);
    public static readonly Instant Latest = Last.PlusDays(1).AtMidnight().InUtc().ToInstant() + Duration.FromDays(1);

    /// <summary>"between 1900-01-01 and 2199-12-31".</summary>
    public static string Bounds => $"between {LocalDatePattern.Iso.Format(First)} and {LocalDatePattern.Iso.Format(Last)}";

    public static bool Holds(LocalDate day) => day >= First && day <= Last;

    public static bool Holds(Instant instant) => instant >= Earliest && instant <= Latest;

    /// <summary>A day as "2026-11-01"; null (and the field's error) when it is not one or is out of <see cref="Bounds"/>.</summary>
    public static LocalDate? Day(string? text, string field, ValidationErrors errors, string example = "2026-11-01")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Day(text, example) is { Problem: { } problem })
        {
            errors.Add(field, problem);
            return null;
        }

        return LocalDatePattern.Iso.Parse(text.Trim()).Value;
    }

    /// <summary>The day, or why it is not one Ringback takes: "'10000-01-01' is not a date like 2026-11-01", "9999-12-31 is not between …".</summary>
    public static (LocalDate? Day, string? Problem) Day(string text, string example = "2026-11-01", string noun = "date")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            return (null, $"'{text}' is not a {noun} like {example}");
        }

        return Holds(parsed.Value) ? (parsed.Value, null) : (null, $"{LocalDatePattern.Iso.Format(parsed.Value)} is not {Bounds}");
    }
}
