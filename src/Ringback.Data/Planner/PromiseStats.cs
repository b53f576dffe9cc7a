using Microsoft.EntityFrameworkCore;
using NodaTime;
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
    /// <summary>
    /// Read from the promises alone: each promising call carries the call that kept it (kept with its credits), so
    /// this is one range of the (organization, rep, promised) index and no look at the calls around each promise.
    /// </summary>
    /// <param name="userId">One rep's promises only (Today reads its own rep's); the whole team when null.</param>
    public static async Task<List<RepPromises>> ForAsync(RingbackDbContext db, Instant from, Instant to, Instant now, Duration tolerance, CancellationToken cancellationToken,
        Guid? userId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var promises = db.Calls.AsNoTracking().Where(c => c.PromisedNextCallAt != null && c.PromisedNextCallAt >= from && c.PromisedNextCallAt < to);
        if (userId is { } one)
        {
            promises = promises.Where(c => c.UserId == one);
        }

        var made = await promises.Select(c => new PromiseMade(c.UserId, c.PromisedNextCallAt!.Value, c.PromiseKeptByCallId != null)).ToListAsync(cancellationToken);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return [.. PromiseKeeping.Tally(made, tolerance, now)
            .Select(t => new RepPromises(t.UserId, names.GetValueOrDefault(t.UserId, "?"), t.Kept, t.Missed, t.Pending))
            .OrderBy(r => r.Rep)];
    }
}
