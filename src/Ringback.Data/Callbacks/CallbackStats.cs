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
    public static async Task<CallbackReport> ReportAsync(RingbackDbContext db, StatsQuery query, Instant now, Planning.PlannerOptions planner,
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
        var messages = outbound.Where(c => c.Outcome == CallOutcome.VoicemailLeft || c.Outcome == CallOutcome.GatekeeperMessage);

        var strategies = await messages.GroupBy(c => c.Strategy)
            .Select(g => new StrategyTally(g.Key, g.Count(), g.Count(c => c.CalledBackAt != null), g.Count(c => c.MeetingBookedAt != null)))
            .ToListAsync(cancellationToken);
        var attempts = await messages.Where(c => c.AttemptNumber != null).GroupBy(c => c.AttemptNumber!.Value)
            .Select(g => new AttemptTally(g.Key, g.Count(), g.Count(c => c.CalledBackAt != null)))
            .ToListAsync(cancellationToken);
        var hours = await messages.Where(c => c.LocalDay != null && c.LocalHour != null).GroupBy(c => new { Day = c.LocalDay!.Value, Hour = c.LocalHour!.Value })
            .Select(g => new { g.Key.Day, g.Key.Hour, Messages = g.Count(), CalledBack = g.Count(c => c.CalledBackAt != null) })
            .ToListAsync(cancellationToken);
        var messagesByRep = await messages.GroupBy(c => c.UserId)
            .Select(g => new { UserId = g.Key, Messages = g.Count(), CalledBack = g.Count(c => c.CalledBackAt != null) })
            .ToDictionaryAsync(x => x.UserId, cancellationToken);
        var callsByRep = await outbound.GroupBy(c => c.UserId)
            .Select(g => new { UserId = g.Key, Calls = g.Count(), Connected = g.Count(c => c.Outcome == CallOutcome.Connected) })
            .ToDictionaryAsync(x => x.UserId, cancellationToken);
        var delays = await messages.Where(c => c.CalledBackAt != null).Select(c => new { c.StartedAt, c.CalledBackAt }).ToListAsync(cancellationToken);

        var promises = (await Planning.PromiseStats.ForAsync(db, query.From, query.To, now, planner.Settings.PromiseTolerance, cancellationToken))
            .Where(p => query.UserId is null || p.UserId == query.UserId)
            .ToDictionary(p => p.UserId);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reps = messagesByRep.Keys.Union(callsByRep.Keys).Union(promises.Keys).Select(id => new RepTally(
            id,
            names.GetValueOrDefault(id, "?"),
            messagesByRep.TryGetValue(id, out var m) ? m.Messages : 0,
            m?.CalledBack ?? 0,
            callsByRep.TryGetValue(id, out var c) ? c.Calls : 0,
            c?.Connected ?? 0,
            promises.TryGetValue(id, out var p) ? p.Kept : 0,
            p?.Missed ?? 0)).ToList();

        return CallbackReport.Build(new ReportCounts
        {
            Strategies = strategies,
            Attempts = attempts,
            Hours = [.. hours.Where(h => h.Day is >= 1 and <= 7).Select(h => new HourTally((IsoDayOfWeek)h.Day, h.Hour, h.Messages, h.CalledBack))],
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
        var zone = ProspectZone.Find(me.TimeZone) ?? DateTimeZone.Utc;
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
