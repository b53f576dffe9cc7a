using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Planner;

namespace Ringback.Data.Accounts;

/// <summary>One rep in the manager's view: today's queue, and how the period went.</summary>
public sealed record RepActivity(
    Guid UserId,
    string Name,
    string? Team,
    bool Active,
    int DueToday,
    int Overdue,
    int PromisesKept,
    int PromisesMissed,
    int Messages,
    int CalledBack,
    Rate CallbackRate,
    int PhoneTag,
    Instant? LastActivity);

/// <summary>
/// The manager's view, per rep: calls due today (in the rep's own day) and overdue now; over a period, promises kept
/// and missed, messages left and the callbacks they earned; contacts in phone tag; the last call logged. Counted in the
/// database by rep, so a team of any size is a few grouped queries, not a walk over its calls.
/// </summary>
public static class TeamActivity
{
    /// <summary>How far back a contact's calls are read to see phone tag: older misses are not tag in progress.</summary>
    private static readonly Duration PhoneTagHorizon = Duration.FromDays(30);

    /// <param name="first">The period's first day and <paramref name="last"/> its last (the prospects' days, as Stats counts them).</param>
    public static async Task<IReadOnlyList<RepActivity>> ForAsync(RingbackDbContext db, Instant now, LocalDate first, LocalDate last, string? team,
        PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking().Where(u => team == null || u.Team == team).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        // The Stats report's per-rep rows carry the period's messages, callbacks and promises kept of those due.
        var report = await CallbackStats.ReportAsync(db, new StatsQuery(first, last, null), now, planner, cancellationToken);
        var period = report.Reps.ToDictionary(r => r.UserId);

        var overdue = await db.FollowUps.Where(f => f.UserId != null && ids.Contains(f.UserId.Value) && f.DueAt < now && f.Kind != FollowUpKind.Appointment)
            .GroupBy(f => f.UserId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lastCall = await db.Calls.Where(c => ids.Contains(c.UserId))
            .GroupBy(c => c.UserId).Select(g => new { g.Key, Last = g.Max(c => c.StartedAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);

        // Today is the rep's own day: a rep in Chicago and one in London end it at different instants. Reps whose day
        // ends at the same instant (most teams have a zone or two) are counted in one grouped query.
        var dueToday = new Dictionary<Guid, int>();
        foreach (var sameEnd in users.GroupBy(u => EndOfDay(u, now)))
        {
            var end = sameEnd.Key;
            var members = sameEnd.Select(u => u.Id).ToList();
            var counts = await db.FollowUps.Where(f => f.UserId != null && members.Contains(f.UserId.Value) && f.DueAt >= now && f.DueAt < end)
                .GroupBy(f => f.UserId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            foreach (var count in counts)
            {
                dueToday[count.Key] = count.Count;
            }
        }

        var tag = await PhoneTagByRepAsync(db, now, cancellationToken);
        return [.. users.Select(u =>
        {
            var row = period.GetValueOrDefault(u.Id);
            var promises = row?.PromiseKeeping;
            return new RepActivity(u.Id, u.Name, u.Team, u.IsActive, dueToday.GetValueOrDefault(u.Id), overdue.GetValueOrDefault(u.Id),
                promises?.Successes ?? 0, promises is null ? 0 : promises.Trials - promises.Successes,
                row?.CallbackRate.Trials ?? 0, row?.CallbackRate.Successes ?? 0, row?.CallbackRate ?? Rate.Of(0, 0), tag.GetValueOrDefault(u.Id),
                lastCall.TryGetValue(u.Id, out var at) ? at : null);
        })];
    }

    private static Instant EndOfDay(User user, Instant now)
    {
        var zone = user.Zone;
        return now.InZone(zone).Date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
    }

    /// <summary>Contacts whose recent calls are phone tag (<see cref="PhoneTag"/>), counted for the rep of the latest call.</summary>
    private static async Task<Dictionary<Guid, int>> PhoneTagByRepAsync(RingbackDbContext db, Instant now, CancellationToken cancellationToken)
    {
        var since = now - PhoneTagHorizon;
        var calls = await db.Calls.AsNoTracking().Where(c => c.StartedAt >= since)
            .Select(c => new { c.ContactId, Fact = new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, c.PromisedNextCallAt, c.AppointmentStart, c.Strategy) })
            .ToListAsync(cancellationToken);
        return calls.GroupBy(c => c.ContactId)
            .Select(g => g.Select(c => c.Fact).OrderByDescending(f => f.StartedAt).ToList())
            .Where(f => PhoneTag.Misses(f) >= PhoneTag.Threshold)
            .GroupBy(f => f[0].UserId)
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
