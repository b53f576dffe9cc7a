using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>A rep's promise keeping over a period, with their name.</summary>
public sealed record RepPromises(Guid UserId, string Rep, int Kept, int Missed, int Pending)
{
    public int Due => Kept + Missed;
}

/// <summary>Promises kept and missed per rep, for promises falling due in a period.</summary>
public static class PromiseStats
{
    /// <param name="userId">One rep's promises only (Today reads its own rep's); the whole team when null.</param>
    public static async Task<List<RepPromises>> ForAsync(RingbackDbContext db, Instant from, Instant to, Instant now, Duration tolerance, CancellationToken cancellationToken,
        Guid? userId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var promises = await db.Calls.AsNoTracking()
            .Where(c => c.PromisedNextCallAt != null && c.PromisedNextCallAt >= from && c.PromisedNextCallAt < to && (userId == null || c.UserId == userId))
            .Select(c => new PromiseMade(c.UserId, c.ContactId, c.PromisedNextCallAt!.Value))
            .ToListAsync(cancellationToken);
        // The calls that may keep them: each promised contact's calls out around the period, found through the
        // contact's timeline index (a join, not a list of ids, which SQLite would read as a scan per batch).
        var windowStart = from - tolerance;
        var windowEnd = to + tolerance;
        var calls = await (from promise in db.Calls.AsNoTracking()
                           where promise.PromisedNextCallAt != null && promise.PromisedNextCallAt >= @from && promise.PromisedNextCallAt < to
                                 && (userId == null || promise.UserId == userId)
                           join call in db.Calls.AsNoTracking() on promise.ContactId equals call.ContactId
                           where call.Direction == CallDirection.Outbound && call.StartedAt >= windowStart && call.StartedAt <= windowEnd
                           select new { call.Id, call.ContactId, call.StartedAt })
            .Distinct()
            .ToListAsync(cancellationToken);

        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return [.. PromiseKeeping.Tally(promises, calls.Select(c => new CallMade(c.ContactId, c.StartedAt)), tolerance, now)
            .Select(t => new RepPromises(t.UserId, names.GetValueOrDefault(t.UserId, "?"), t.Kept, t.Missed, t.Pending))
            .OrderBy(r => r.Rep)];
    }
}
