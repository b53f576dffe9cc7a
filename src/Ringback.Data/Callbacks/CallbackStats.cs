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

        // One pass over the period's calls out, read from the covering stats index, grouped by everything the report
        // cuts by; the cuts are added up here. A year of a large team's calls comes back as a few thousand groups.
        var groups = await outbound
            .GroupBy(c => new { c.UserId, c.Outcome, c.Strategy, c.AttemptNumber, c.LocalDay, c.LocalHour, Back = c.CalledBackAt != null, Meeting = c.MeetingBookedAt != null })
            .Select(g => new Group(g.Key.UserId, g.Key.Outcome, g.Key.Strategy, g.Key.AttemptNumber, g.Key.LocalDay, g.Key.LocalHour, g.Key.Back, g.Key.Meeting, g.Count()))
            .ToListAsync(cancellationToken);
        var messages = groups.Where(g => g.Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage).ToList();
        var strategies = messages.GroupBy(g => g.Strategy)
            .Select(s => new StrategyTally(s.Key, s.Sum(g => g.Count), s.Where(g => g.Back).Sum(g => g.Count), s.Where(g => g.Meeting).Sum(g => g.Count)))
            .ToList();
        var attempts = messages.Where(g => g.Attempt is not null).GroupBy(g => g.Attempt!.Value)
            .Select(a => new AttemptTally(a.Key, a.Sum(g => g.Count), a.Where(g => g.Back).Sum(g => g.Count)))
            .ToList();
        var hours = messages.Where(g => g.LocalDay is >= 1 and <= 7 && g.LocalHour is not null).GroupBy(g => ((IsoDayOfWeek)g.LocalDay!.Value, g.LocalHour!.Value))
            .Select(h => new HourTally(h.Key.Item1, h.Key.Value, h.Sum(g => g.Count), h.Where(g => g.Back).Sum(g => g.Count)))
            .ToList();
        var delays = await outbound
            .Where(c => (c.Outcome == CallOutcome.VoicemailLeft || c.Outcome == CallOutcome.GatekeeperMessage) && c.CalledBackAt != null)
            .Select(c => new { c.StartedAt, c.CalledBackAt })
            .ToListAsync(cancellationToken);

        var promises = (await Planning.PromiseStats.ForAsync(db, query.From, query.To, now, planner.Settings.PromiseTolerance, cancellationToken))
            .Where(p => query.UserId is null || p.UserId == query.UserId)
            .ToDictionary(p => p.UserId);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reps = groups.Select(g => g.UserId).Union(promises.Keys).Select(id => new RepTally(
            id,
            names.GetValueOrDefault(id, "?"),
            messages.Where(g => g.UserId == id).Sum(g => g.Count),
            messages.Where(g => g.UserId == id && g.Back).Sum(g => g.Count),
            groups.Where(g => g.UserId == id).Sum(g => g.Count),
            groups.Where(g => g.UserId == id && g.Outcome == CallOutcome.Connected).Sum(g => g.Count),
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

/// <summary>Calls out that share everything the report cuts by.</summary>
internal sealed record Group(Guid UserId, CallOutcome Outcome, Strategy? Strategy, int? Attempt, int? LocalDay, int? LocalHour, bool Back, bool Meeting, int Count);

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
