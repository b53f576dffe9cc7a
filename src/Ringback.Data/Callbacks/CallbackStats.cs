using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Callbacks;

/// <summary>Which calls the report covers: those made on the days First to Last (the prospect's days), by one rep or the whole team.</summary>
public sealed record StatsQuery(LocalDate First, LocalDate Last, Guid? UserId);

/// <summary>
/// Reads the report from the daily tallies (<see cref="StatsRollups"/>): a year of a ten-rep team is some tens of
/// thousands of tally rows summed by the database, not millions of calls, and <see cref="CallbackReport"/> does the
/// arithmetic, which is tested on its own.
/// </summary>
public static class CallbackStats
{
    private static readonly CallOutcome[] MessageOutcomes = [CallOutcome.VoicemailLeft, CallOutcome.GatekeeperMessage];

    /// <summary>
    /// On PostgreSQL, the report's statements are planned for the dates asked each time. Ringback's connections keep
    /// statements prepared (<see cref="StorageOptions.PostgresConnectionString"/>), and after five runs PostgreSQL may
    /// switch a prepared statement to one generic plan for any dates: a year's report then took 83–85 ms instead of
    /// 44 ms (32 ms planned each time), measured on the 50,000-contact suite's data. Elsewhere the generic plans are
    /// what makes prepared statements pay (a timeline page: p50 2.0 ms with them, 3.4 ms planned each time).
    /// </summary>
    private static async Task<IAsyncDisposable?> PlansForTheDatesAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_custom_plan", cancellationToken);
        return new GenericPlansAgain(db);
    }

    /// <summary>
    /// Puts the connection back as every other use of it expects before it returns to the pool: Npgsql resets a
    /// session's settings there too, unless the operator's connection string says <c>No Reset On Close</c>.
    /// </summary>
    private sealed class GenericPlansAgain(RingbackDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("RESET plan_cache_mode");
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public static async Task<CallbackReport> ReportAsync(RingbackDbContext db, StatsQuery query, Instant now, Planner.PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(planner);
        await using var plans = await PlansForTheDatesAsync(db, cancellationToken);
        // Whole months come from the monthly tallies, the days before and after them from the daily ones.
        var span = MonthSpan.Of(query.First, query.Last);
        var rows = await CallRowsAsync(Days(db.CallTallies, query, span), cancellationToken);
        // A day's hours give their weekday from the day (in memory: the database has no NodaTime weekday).
        var hourTallies = (await Days(db.MessageHourTallies, query, span).GroupBy(t => new { t.LocalDate, t.LocalHour })
                .Select(g => new { g.Key.LocalDate, g.Key.LocalHour, Messages = g.Sum(t => t.Messages), CalledBack = g.Sum(t => t.CalledBack) })
                .Where(h => h.Messages != 0)
                .ToListAsync(cancellationToken))
            .Select(h => new HourTally(h.LocalDate.DayOfWeek, h.LocalHour, h.Messages, h.CalledBack))
            .ToList();
        var delays = await DelaysAsync(Days(db.CallbackDelayTallies, query, span), cancellationToken);
        var attemptRows = await AttemptsAsync(Days(db.MessageAttemptTallies, query, span), cancellationToken);
        if (span is not null)
        {
            rows.AddRange(await CallRowsAsync(Months(db.CallMonthTallies, query, span), cancellationToken));
            hourTallies.AddRange(await Months(db.MessageHourMonthTallies, query, span).GroupBy(t => new { t.Weekday, t.LocalHour })
                .Select(g => new { g.Key.Weekday, g.Key.LocalHour, Messages = g.Sum(t => t.Messages), CalledBack = g.Sum(t => t.CalledBack) })
                .Where(h => h.Messages != 0)
                .Select(h => new HourTally((IsoDayOfWeek)h.Weekday, h.LocalHour, h.Messages, h.CalledBack))
                .ToListAsync(cancellationToken));
            delays.AddRange(await DelaysAsync(Months(db.CallbackDelayMonthTallies, query, span), cancellationToken));
            attemptRows.AddRange(await AttemptsAsync(Months(db.MessageAttemptMonthTallies, query, span), cancellationToken));
        }

        var messages = rows.Where(r => r.Direction == CallDirection.Outbound && MessageOutcomes.Contains(r.Outcome)).ToList();
        var strategies = messages.GroupBy(r => StrategyOf(r.Strategy))
            .Select(s => new StrategyTally(s.Key, s.Sum(r => r.Calls), s.Sum(r => r.CalledBack), s.Sum(r => r.Meetings)))
            .Where(s => s.Messages != 0)
            .ToList();
        var attempts = attemptRows.GroupBy(a => a.Attempt)
            .Select(g => new AttemptTally(g.Key, g.Sum(a => a.Messages), g.Sum(a => a.CalledBack)))
            .Where(a => a.Messages != 0)
            .ToList();

        // Promises are counted on the day they were made; those not kept whose minute (and tolerance) is still to come
        // are pending, not missed: few, so read from the promises themselves.
        var open = now - planner.Settings.PromiseTolerance;
        var pendingQuery = db.Calls.AsNoTracking()
            .Where(c => c.PromisedNextCallAt != null && c.PromisedNextCallAt >= open && c.PromiseKeptByCallId == null
                && c.LocalDate >= query.First && c.LocalDate <= query.Last);
        if (query.UserId is { } one)
        {
            pendingQuery = pendingQuery.Where(c => c.UserId == one);
        }

        var pending = await pendingQuery.GroupBy(c => c.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reps = rows.GroupBy(r => r.UserId)
            .Select(g =>
            {
                var kept = g.Sum(r => r.Kept);
                var left = messages.Where(r => r.UserId == g.Key).ToList();
                return new RepTally(
                    g.Key,
                    names.GetValueOrDefault(g.Key, "?"),
                    left.Sum(r => r.Calls),
                    left.Sum(r => r.CalledBack),
                    g.Where(r => r.Direction == CallDirection.Outbound).Sum(r => r.Calls),
                    g.Where(r => r.Direction == CallDirection.Outbound && r.Outcome == CallOutcome.Connected).Sum(r => r.Calls),
                    kept,
                    g.Sum(r => r.Promises) - kept - pending.GetValueOrDefault(g.Key));
            })
            .Where(r => r.OutboundCalls != 0 || r.PromisesKept + r.PromisesMissed != 0)
            .ToList();

        return CallbackReport.Build(new ReportCounts
        {
            Strategies = strategies,
            Attempts = attempts,
            Hours = hourTallies,
            Reps = reps,
            Delays = [.. delays.GroupBy(d => d.Bucket).Select(g => new DelayTally(g.Key, g.Sum(d => d.Messages))).Where(d => d.Messages != 0)],
        });
    }

    private sealed record CallRow(Guid UserId, CallDirection Direction, CallOutcome Outcome, string Strategy, int Calls, int CalledBack, int Meetings, int Promises, int Kept);

    private static Task<List<CallRow>> CallRowsAsync<T>(IQueryable<T> tallies, CancellationToken cancellationToken)
        where T : CallCounts =>
        tallies.GroupBy(t => new { t.UserId, t.Direction, t.Outcome, t.Strategy })
            .Select(g => new CallRow(g.Key.UserId, g.Key.Direction, g.Key.Outcome, g.Key.Strategy,
                g.Sum(t => t.Calls), g.Sum(t => t.CalledBack), g.Sum(t => t.Meetings), g.Sum(t => t.Promises), g.Sum(t => t.PromisesKept)))
            .ToListAsync(cancellationToken);

    private static Task<List<AttemptTally>> AttemptsAsync<T>(IQueryable<T> tallies, CancellationToken cancellationToken)
        where T : AttemptCounts =>
        tallies.GroupBy(t => t.Attempt).Select(g => new AttemptTally(g.Key, g.Sum(t => t.Messages), g.Sum(t => t.CalledBack))).ToListAsync(cancellationToken);

    private static Task<List<DelayTally>> DelaysAsync<T>(IQueryable<T> tallies, CancellationToken cancellationToken)
        where T : DelayCounts =>
        tallies.GroupBy(t => t.Bucket).Select(g => new DelayTally(g.Key, g.Sum(t => t.Messages))).ToListAsync(cancellationToken);

    /// <summary>A daily tally's rows for the query's days outside its whole months, and its rep (or the whole team).</summary>
    private static IQueryable<T> Days<T>(IQueryable<T> tallies, StatsQuery query, MonthSpan? span)
        where T : class, ITally
    {
        var days = tallies.AsNoTracking().Where(t => t.LocalDate >= query.First && t.LocalDate <= query.Last);
        if (span is not null)
        {
            days = days.Where(t => t.LocalDate < span.First || t.LocalDate > span.Last);
        }

        return query.UserId is { } userId ? days.Where(t => t.UserId == userId) : days;
    }

    /// <summary>A monthly tally's rows for the query's whole months and rep (or the whole team).</summary>
    private static IQueryable<T> Months<T>(IQueryable<T> tallies, StatsQuery query, MonthSpan span)
        where T : class, ITally
    {
        var months = tallies.AsNoTracking().Where(t => t.LocalDate >= span.First && t.LocalDate <= span.Last);
        return query.UserId is { } userId ? months.Where(t => t.UserId == userId) : months;
    }

    /// <summary>The strategy a tally stores as text (empty for none), as the report names it.</summary>
    private static Strategy? StrategyOf(string stored) =>
        Enum.TryParse<Strategy>(stored, out var strategy) ? strategy : null;
}

/// <summary>The whole calendar months within a period, First the first day of the first and Last the last day of the last.</summary>
public sealed record MonthSpan(LocalDate First, LocalDate Last)
{
    /// <returns>Null when the period holds no whole month.</returns>
    public static MonthSpan? Of(LocalDate first, LocalDate last)
    {
        var start = first.Day == 1 ? first : first.With(DateAdjusters.StartOfMonth).PlusMonths(1);
        var end = last.PlusDays(1).Day == 1 ? last : last.With(DateAdjusters.StartOfMonth).PlusDays(-1);
        return start < end ? new MonthSpan(start, end) : null;
    }
}

/// <summary>A report request as a person writes it: whose ("team", "me", an email) and which days.</summary>
public sealed record StatsScope(StatsQuery Query, ReportPeriod Period, string Whose)
{
    public static async Task<StatsScope?> ResolveAsync(RingbackDbContext db, Ringback.Accounts.User me, string? rep, string? from, string? to, Instant now,
        Validation.ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(errors);
        var zone = me.Zone;
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

        return period is not null && errors.IsEmpty ? new StatsScope(new StatsQuery(period.First, period.Last, userId), period, whose) : null;
    }
}
