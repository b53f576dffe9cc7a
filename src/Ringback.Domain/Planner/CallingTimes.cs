using NodaTime;

namespace Ringback.Planner;

/// <summary>Whether a call may be made at an instant, and the next instant it may, under every window at once.</summary>
public static class CallingTimes
{
    /// <summary>How far ahead a lawful time is looked for before giving up.</summary>
    public static readonly Duration Horizon = Duration.FromDays(14);

    public static CallWindow? Blocking(Instant at, IReadOnlyList<CallWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return windows.FirstOrDefault(w => !w.Allows(at));
    }

    public static bool Allows(Instant at, IReadOnlyList<CallWindow> windows) => Blocking(at, windows) is null;

    /// <summary>The first instant at or after <paramref name="from"/> that every window allows, or null within <see cref="Horizon"/>.</summary>
    public static Instant? NextAllowed(Instant from, IReadOnlyList<CallWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var at = from;
        for (var step = 0; step < 200; step++)
        {
            var blocking = Blocking(at, windows);
            if (blocking is null)
            {
                return at;
            }

            if (blocking.NextOpen(at) is not { } next || next - from > Horizon)
            {
                return null;
            }

            // Opening exactly where another window closes cannot loop: each step moves strictly forward.
            at = next > at ? next : at + Duration.FromMinutes(1);
        }

        return null;
    }

    /// <summary>
    /// Like <see cref="NextAllowed"/>, but first tries to land inside a preferred window (a gatekeeper's "mornings")
    /// on or before <paramref name="preferBy"/>; without one that fits, the first lawful time.
    /// </summary>
    public static Instant? NextPreferred(Instant from, IReadOnlyList<CallWindow> windows, CallWindow? preferred, Instant preferBy)
    {
        if (preferred is not null && NextAllowed(from, [.. windows, preferred]) is { } inPreferred && inPreferred <= preferBy)
        {
            return inPreferred;
        }

        return NextAllowed(from, windows);
    }
}
