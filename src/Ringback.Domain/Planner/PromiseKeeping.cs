using NodaTime;

namespace Ringback.Planner;

/// <summary>A promise of a next call, by whom, and whether a call kept it.</summary>
public sealed record PromiseMade(Guid UserId, Instant PromisedAt, bool Kept);

/// <summary>An outbound call that may keep a promise.</summary>
public sealed record CallMade(Guid CallId, Instant StartedAt);

/// <summary>How one rep kept their word: kept, missed, and not yet due.</summary>
public sealed record PromiseTally(Guid UserId, int Kept, int Missed, int Pending)
{
    public int Due => Kept + Missed;
}

/// <summary>
/// A promise is kept when the contact is called within the tolerance of the promised minute; missed when
/// that moment has passed without such a call. Counted per rep so a team sees who delivers "as promised".
/// </summary>
public static class PromiseKeeping
{
    /// <summary>The first outbound call to the same contact within the tolerance of the promised minute, or null.</summary>
    public static Guid? KeptBy(Instant promisedAt, IEnumerable<CallMade> outbound, Duration tolerance)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        return outbound.Where(c => c.StartedAt >= promisedAt - tolerance && c.StartedAt <= promisedAt + tolerance)
            .OrderBy(c => c.StartedAt).ThenBy(c => c.CallId)
            .Select(c => (Guid?)c.CallId).FirstOrDefault();
    }

    /// <summary>A promise not kept is missed once its tolerance has passed, and pending until then.</summary>
    public static IReadOnlyList<PromiseTally> Tally(IEnumerable<PromiseMade> promises, Duration tolerance, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promises);
        return [.. promises.GroupBy(p => p.UserId).Select(g => new PromiseTally(g.Key,
                g.Count(p => p.Kept),
                g.Count(p => !p.Kept && p.PromisedAt + tolerance < now),
                g.Count(p => !p.Kept && p.PromisedAt + tolerance >= now)))
            .OrderBy(t => t.UserId)];
    }
}
