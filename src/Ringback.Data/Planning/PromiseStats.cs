using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Planning;

namespace Ringback.Data.Planning;

/// <summary>A rep's promise keeping over a period, with their name.</summary>
public sealed record RepPromises(Guid UserId, string Rep, int Kept, int Missed, int Pending)
{
    public int Due => Kept + Missed;
}

/// <summary>Promises kept and missed per rep, for promises falling due in a period.</summary>
public static class PromiseStats
{
    public static async Task<List<RepPromises>> ForAsync(RingbackDbContext db, Instant from, Instant to, Instant now, Duration tolerance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var promises = await db.Calls.AsNoTracking()
            .Where(c => c.PromisedNextCallAt != null && c.PromisedNextCallAt >= from && c.PromisedNextCallAt < to)
            .Select(c => new PromiseMade(c.UserId, c.ContactId, c.PromisedNextCallAt!.Value))
            .ToListAsync(cancellationToken);
        var contacts = promises.Select(p => p.ContactId).Distinct().ToList();
        var calls = new List<CallMade>();
        var windowStart = from - tolerance;
        var windowEnd = to + tolerance;
        foreach (var chunk in contacts.Chunk(500))
        {
            calls.AddRange(await db.Calls.AsNoTracking()
                .Where(c => chunk.Contains(c.ContactId) && c.Direction == CallDirection.Outbound && c.StartedAt >= windowStart && c.StartedAt <= windowEnd)
                .Select(c => new CallMade(c.ContactId, c.StartedAt)).ToListAsync(cancellationToken));
        }

        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return [.. PromiseKeeping.Tally(promises, calls, tolerance, now)
            .Select(t => new RepPromises(t.UserId, names.GetValueOrDefault(t.UserId, "?"), t.Kept, t.Missed, t.Pending))
            .OrderBy(r => r.Rep)];
    }
}
