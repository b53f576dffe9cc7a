using NodaTime;
using NodaTime.Text;

namespace Ringback.Scheduling;

/// <summary>Instants as the API and the command line take them.</summary>
public static class Instants
{
    /// <summary>An instant as "2026-11-23T13:15:00Z" or with any offset ("2026-11-23T08:15:00-05:00"); null when it is neither.</summary>
    public static Instant? Parse(string? text)
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

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return offset.Success ? offset.Value.ToInstant() : null;
    }
}
