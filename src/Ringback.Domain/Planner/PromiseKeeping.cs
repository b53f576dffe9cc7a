using NodaTime;

namespace Ringback.Planner;

/// <summary>A promise of a next call, by whom and to whom.</summary>
public sealed record PromiseMade(Guid UserId, Guid ContactId, Instant PromisedAt);

/// <summary>An outbound call that may keep a promise.</summary>
public sealed record CallMade(Guid ContactId, Instant StartedAt);

/// <summary>How one rep kept their word: kept, missed, and not yet due.</summary>
public sealed record PromiseTally(Guid UserId, int Kept, int Missed, int Pending)
{
    public int Due => Kept + Missed;
}

/// <summary>
/// Seed 003: a promise is kept when the contact is called within the tolerance of the promised minute; missed when
/// that moment has passed without such a call. Counted per rep so a team sees who delivers "as promised".
/// </summary>
public static class PromiseKeeping
{
    public static IReadOnlyList<PromiseTally> Tally(IEnumerable<PromiseMade> promises, IEnumerable<CallMade> calls, Duration tolerance, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promises);
        ArgumentNullException.ThrowIfNull(calls);
        var byContact = calls.GroupBy(c => c.ContactId).ToDictionary(g => g.Key, g => g.Select(c => c.StartedAt).Order().ToList());
        return [.. promises.GroupBy(p => p.UserId).Select(g =>
        {
            int kept = 0, missed = 0, pending = 0;
            foreach (var promise in g)
            {
                var made = byContact.TryGetValue(promise.ContactId, out var times)
                    && times.Any(t => t >= promise.PromisedAt - tolerance && t <= promise.PromisedAt + tolerance);
                if (made)
                {
                    kept++;
                }
                else if (promise.PromisedAt + tolerance < now)
                {
                    missed++;
                }
                else
                {
                    pending++;
                }
            }

            return new PromiseTally(g.Key, kept, missed, pending);
        }).OrderBy(t => t.UserId)];
    }
}
