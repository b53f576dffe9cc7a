using NodaTime;
using NodaTime.Text;

namespace Ringback.Scheduling;

/// <summary>Instants as the API and the command line take them.</summary>
public static class Instants
{
    /// <summary>
    /// An instant as "2026-11-23T13:15:00Z" or with any offset ("2026-11-23T08:15:00-05:00"); null when it is
    /// neither, or falls outside <see cref="Dates.Bounds"/> (<see cref="Why"/> says which).
    /// </summary>
    public static Instant? Parse(string? text) => ParseAny(text) is { } instant && Dates.Holds(instant) ? instant : null;

    /// <summary>Why <see cref="Parse"/> refused the text, in words that follow it: "'x' is not an instant like 2026-11-23T13:15:00Z".</summary>
    public static string Why(string? text, string example = "2026-11-23T13:15:00Z") =>
        ParseAny(text) is { } instant && !Dates.Holds(instant)
            ? $"'{text}' is not {Dates.Bounds}"
            : $"'{text}' is not an instant like {example}";

    private static Instant? ParseAny(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var utc = InstantPattern.ExtendedIso.Parse(text);
        if (utc.Success)
        {
            return utc.Value;
        }

        // 9999-12-31T23:59:59-12:00 is past the last instant NodaTime holds: kept as the furthest one, so it is out of bounds.
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return !offset.Success ? null
            : Dates.Holds(offset.Value.Date) ? offset.Value.ToInstant()
            : offset.Value.Date < Dates.First ? Instant.MinValue : Instant.MaxValue;
    }
}
