using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Callbacks;

/// <summary>Which calls the report covers: messages and calls made in [From, To), by one rep or the whole team.</summary>
public sealed record StatsQuery(Instant From, Instant To, Guid? UserId);

/// <summary>
/// Counts what the report needs in the database (grouped, so a year of a team's calls comes back as a few hundred
/// rows) and lets <see cref="CallbackReport"/> do the arithmetic, which is tested on its own.
/// </summary>
public static class CallbackStats
{
    public static async Task<CallbackReport> ReportAsync(RingbackDbContext db, StatsQuery query, Instant now, Planner.PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(planner);
        var calls = db.Calls.AsNoTracking().Where(c => c.StartedAt >= query.From && c.StartedAt < query.To);
        if (query.UserId is { } userId)
        {
            calls = calls.Where(c => c.UserId == userId);
        }

        var outbound = calls.Where(c => c.Direction == CallDirection.Outbound);

        // Three narrow groupings over the covering stats index, each with few enough groups for a hash aggregate
        // (one grouping by every cut at once made tens of thousands of groups and a sort; docs/benchmarks.md).
        var byRep = await outbound
            .GroupBy(c => new { c.UserId, c.Outcome, c.Strategy, Back = c.CalledBackAt != null, Meeting = c.MeetingBookedAt != null })
            .Select(g => new { g.Key.UserId, g.Key.Outcome, g.Key.Strategy, g.Key.Back, g.Key.Meeting, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var messageRows = outbound.Where(c => c.Outcome == CallOutcome.VoicemailLeft || c.Outcome == CallOutcome.GatekeeperMessage);
        var attempts = await messageRows.Where(c => c.AttemptNumber != null)
            .GroupBy(c => c.AttemptNumber!.Value)
            .Select(g => new AttemptTally(g.Key, g.Count(), g.Count(c => c.CalledBackAt != null)))
            .ToListAsync(cancellationToken);
        var hours = (await messageRows.Where(c => c.LocalDay != null && c.LocalHour != null)
            .GroupBy(c => new { Day = c.LocalDay!.Value, Hour = c.LocalHour!.Value })
            .Select(g => new { g.Key.Day, g.Key.Hour, Messages = g.Count(), CalledBack = g.Count(c => c.CalledBackAt != null) })
            .ToListAsync(cancellationToken))
            .Where(h => h.Day is >= 1 and <= 7)
            .Select(h => new HourTally((IsoDayOfWeek)h.Day, h.Hour, h.Messages, h.CalledBack))
            .ToList();
        var messages = byRep.Where(g => g.Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage).ToList();
        var strategies = messages.GroupBy(g => g.Strategy)
            .Select(s => new StrategyTally(s.Key, s.Sum(g => g.Count), s.Where(g => g.Back).Sum(g => g.Count), s.Where(g => g.Meeting).Sum(g => g.Count)))
            .ToList();
        var delays = await outbound
            .Where(c => (c.Outcome == CallOutcome.VoicemailLeft || c.Outcome == CallOutcome.GatekeeperMessage) && c.CalledBackAt != null)
            .Select(c => new { c.StartedAt, c.CalledBackAt })
            .ToListAsync(cancellationToken);

        var promises = (await Planner.PromiseStats.ForAsync(db, query.From, query.To, now, planner.Settings.PromiseTolerance, cancellationToken))
            .Where(p => query.UserId is null || p.UserId == query.UserId)
            .ToDictionary(p => p.UserId);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reps = byRep.Select(g => g.UserId).Union(promises.Keys).Select(id => new RepTally(
            id,
            names.GetValueOrDefault(id, "?"),
            messages.Where(g => g.UserId == id).Sum(g => g.Count),
            messages.Where(g => g.UserId == id && g.Back).Sum(g => g.Count),
            byRep.Where(g => g.UserId == id).Sum(g => g.Count),
            byRep.Where(g => g.UserId == id && g.Outcome == CallOutcome.Connected).Sum(g => g.Count),
            promises.TryGetValue(id, out var p) ? p.Kept : 0,
            p?.Missed ?? 0)).ToList();

        return CallbackReport.Build(new ReportCounts
        {
            Strategies = strategies,
            Attempts = attempts,
            Hours = hours,
            Reps = reps,
            CallbackSeconds = [.. delays.Select(d => (d.CalledBackAt!.Value - d.StartedAt).TotalSeconds)],
        });
    }
}

/// <summary>A report request as a person writes it: whose ("team", "me", an email) and which days.</summary>
public sealed record StatsScope(StatsQuery Query, ReportPeriod Period, string Whose)
{
    public static async Task<StatsScope?> ResolveAsync(RingbackDbContext db, Accounts.User me, string? rep, string? from, string? to, Instant now,
        Validation.ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(errors);
        var zone = Ringback.Planner.Zones.Find(me.TimeZone) ?? DateTimeZone.Utc;
        var period = ReportPeriod.Read(from, to, zone, now, errors);
        Guid? userId = null;
        var whose = "the team";
        var wanted = rep?.Trim();
        if (string.Equals(wanted, "me", StringComparison.OrdinalIgnoreCase))
        {
            (userId, whose) = (me.Id, me.Name);
        }
        else if (!string.IsNullOrEmpty(wanted) && !string.Equals(wanted, "team", StringComparison.OrdinalIgnoreCase))
        {
            var byId = Guid.TryParse(wanted, out var id) ? id : (Guid?)null;
            var email = wanted.ToLowerInvariant();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == byId || u.Email == email, cancellationToken);
            if (user is null)
            {
                errors.Add("rep", $"'{wanted}' is not a rep here: use team, me, or a rep's email");
            }
            else
            {
                (userId, whose) = (user.Id, user.Name);
            }
        }

        return period is not null && errors.IsEmpty ? new StatsScope(new StatsQuery(period.From, period.To, userId), period, whose) : null;
    }
}
