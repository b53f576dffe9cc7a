using NodaTime;
using NodaTime.TimeZones;

namespace Ringback.Scheduling;

/// <summary>Turning a local time someone said into the instant it means.</summary>
public static class LocalTimes
{
    /// <summary>
    /// A time in a DST gap ("02:30" on a spring-forward night) moves forward by the gap's length; an ambiguous
    /// time (in the hour repeated in autumn) takes the earlier instant, so a promise is kept early rather than late.
    /// </summary>
    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolvers.LenientResolver);

    /// <summary>Whether <see cref="Resolve"/> had to move or choose, which the UI says out loud.</summary>
    public static ZoneLocalMappingKind Kind(LocalDateTime local, DateTimeZone zone) => zone.MapLocal(local).Count switch
    {
        0 => ZoneLocalMappingKind.Skipped,
        1 => ZoneLocalMappingKind.Unambiguous,
        _ => ZoneLocalMappingKind.Ambiguous,
    };
}

public enum ZoneLocalMappingKind
{
    Unambiguous,
    Skipped,
    Ambiguous,
}
