using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Callbacks;

/// <summary>What every tally row is counted by: an organization's rep on a prospect's day, or in a prospect's month.</summary>
public interface ITally : Ringback.Accounts.IOrganizationOwned
{
    Guid UserId { get; }

    /// <summary>The prospect's day (<see cref="Call.LocalDate"/>); in a month's tally, the month's first day.</summary>
    LocalDate LocalDate { get; }
}

/// <summary>Calls of one rep with the same direction, outcome and strategy, counted: what the Stats report reads instead of the
/// calls themselves. Kept by database triggers in the same transaction as every change to a call (logged, corrected,
/// re-credited, deleted, restored, removed with its contact), whichever path makes it.</summary>
public abstract class CallCounts : ITally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public CallDirection Direction { get; set; }
    public CallOutcome Outcome { get; set; }

    /// <summary>The strategy as stored on the call, empty for none (a key column cannot be null).</summary>
    public string Strategy { get; set; } = "";

    public int Calls { get; set; }
    public int CalledBack { get; set; }
    public int Meetings { get; set; }
    public int Promises { get; set; }
    public int PromisesKept { get; set; }
}

/// <summary>A prospect's day of <see cref="CallCounts"/>.</summary>
public sealed class CallTally : CallCounts;

/// <summary>A prospect's month of <see cref="CallCounts"/>: a year's report reads twelve of these instead of 365 days.</summary>
public sealed class CallMonthTally : CallCounts;

/// <summary>Messages of one rep that were a contact's n-th attempt, and how many were called back.</summary>
public abstract class AttemptCounts : ITally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int Attempt { get; set; }
    public int Messages { get; set; }
    public int CalledBack { get; set; }
}

public sealed class MessageAttemptTally : AttemptCounts;

public sealed class MessageAttemptMonthTally : AttemptCounts;

/// <summary>Messages of one rep left at one local hour of the prospect's, and how many were called back.</summary>
public abstract class HourCounts : ITally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int LocalHour { get; set; }
    public int Messages { get; set; }
    public int CalledBack { get; set; }
}

/// <summary>A day's <see cref="HourCounts"/>: the day gives the weekday the heatmap needs.</summary>
public sealed class MessageHourTally : HourCounts;

/// <summary>A month's <see cref="HourCounts"/> for one weekday of the prospect's.</summary>
public sealed class MessageHourMonthTally : HourCounts
{
    /// <summary>ISO weekday, Monday 1 to Sunday 7, of the prospect's days counted.</summary>
    public int Weekday { get; set; }
}

/// <summary>Messages of one rep called back within one <see cref="CallbackDelay"/> bucket.</summary>
public abstract class DelayCounts : ITally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int Bucket { get; set; }
    public int Messages { get; set; }
}

public sealed class CallbackDelayTally : DelayCounts;

public sealed class CallbackDelayMonthTally : DelayCounts;

/// <summary>
/// The SQL that keeps the tallies: triggers on <c>calls</c> (added by the StatsRollups migration), the rebuild from the
/// calls (<c>ringback stats rebuild</c>) and a bulk write's one-statement count, all generated from one description
/// of each tally so they cannot disagree — <c>StatsRollupTests</c> holds them to the same figures as counting the calls
/// themselves, on random data, on both databases.
/// </summary>
/// <remarks>
/// Triggers rather than code in the write path: a call changes through EF, the bulk writers of the demo and imports,
/// and cascades when a contact is removed; a trigger sees every one of them inside the change's own transaction, so a
/// tally can never disagree with the calls it counts after a crash.
/// </remarks>
public static partial class StatsRollups
{
    private const string Message = "{r}direction = 'Outbound' AND {r}outcome IN ('VoicemailLeft', 'GatekeeperMessage')";

    /// <summary>One tally table: its key (column, and the expression over a call it comes from), what it counts
    /// ("*" for every call, else the calls where that column is set), and which calls it counts. {r} stands for the row;
    /// MONTH(x) and WEEKDAY(x) are written in each database's dialect (<see cref="Dialect"/>).</summary>
    private sealed record Tally(string Table, (string Column, string Source, string Type)[] Keys, (string Column, string Counted)[] Counts, string Which);

    private static readonly (string, string, string)[] DayOfRep =
        [("organization_id", "{r}organization_id", "TEXT"), ("local_date", "{r}local_date", "TEXT"), ("user_id", "{r}user_id", "TEXT")];

    private static readonly Tally[] Days =
    [
        new("call_tallies",
            [.. DayOfRep, ("direction", "{r}direction", "TEXT"), ("outcome", "{r}outcome", "TEXT"), ("strategy", "COALESCE({r}strategy, '')", "TEXT")],
            [("calls", "*"), ("called_back", "called_back_at"), ("meetings", "meeting_booked_at"), ("promises", "promised_next_call_at"), ("promises_kept", "promise_kept_by_call_id")],
            "TRUE"),
        new("attempt_tallies", [.. DayOfRep, ("attempt", "{r}attempt_number", "INTEGER")], [("messages", "*"), ("called_back", "called_back_at")],
            Message + " AND {r}attempt_number IS NOT NULL"),
        new("message_hour_tallies", [.. DayOfRep, ("local_hour", "{r}local_hour", "INTEGER")], [("messages", "*"), ("called_back", "called_back_at")],
            Message + " AND {r}local_hour IS NOT NULL"),
        new("callback_delay_tallies", [.. DayOfRep, ("bucket", "{r}callback_bucket", "INTEGER")], [("messages", "*")],
            Message + " AND {r}callback_bucket IS NOT NULL"),
    ];

    /// <summary>
    /// Each day's tally again by the prospect's month (the month's first day in <c>local_date</c>): a year's report reads
    /// the whole months here and only the days at either end from the daily tallies, about a fifth of the rows. The hour
    /// tallies keep the weekday, which the heatmap needs and a month no longer gives.
    /// </summary>
    private static readonly Tally[] Months =
    [
        .. Days.Select(day => day with
        {
            Table = day.Table.Replace("_tallies", "_month_tallies", StringComparison.Ordinal),
            Keys =
            [
                .. day.Keys.SelectMany<(string Column, string Source, string Type), (string, string, string)>(k => k.Column != "local_date" ? [k]
                    : day.Table == "message_hour_tallies" ? [("local_date", "MONTH({r}local_date)", "TEXT"), ("weekday", "WEEKDAY({r}local_date)", "INTEGER")]
                    : [("local_date", "MONTH({r}local_date)", "TEXT")]),
            ],
        }),
    ];

    private static Tally[] Kept(bool months) => months ? [.. Days, .. Months] : Days;

    /// <summary>Columns whose change moves a call between tallies (an update of any other column costs nothing).</summary>
    private static readonly string[] Counted =
    [
        "organization_id", "user_id", "local_date", "direction", "outcome", "strategy", "attempt_number", "called_back_at", "meeting_booked_at",
        "promised_next_call_at", "promise_kept_by_call_id", "local_hour", "callback_bucket", "deleted_at",
    ];

    /// <summary>Empties the tallies and counts them again from the calls, in one transaction.</summary>
    /// <returns>How many tally rows were written.</returns>
    public static async Task<int> RebuildAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var written = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in RebuildSql(!db.Database.IsSqlite(), months: true))
        {
            var rows = await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            written += statement.StartsWith("INSERT", StringComparison.Ordinal) ? rows : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>Empties the tallies, counts the days from the calls, then the months from the days.</summary>
    /// <param name="months">False for the migration that made the daily tallies, before the monthly ones existed.</param>
    public static IReadOnlyList<string> RebuildSql(bool postgres, bool months) =>
    [
        .. Kept(months).Select(t => $"DELETE FROM {t.Table}"),
        .. Days.Select(t => AddSql(t, "TRUE", postgres)),
        .. months ? MonthsFromDaysSql(postgres) : [],
    ];

    /// <summary>The monthly tallies summed from the daily ones: how the migration that added them fills them.</summary>
    public static IReadOnlyList<string> MonthsFromDaysSql(bool postgres) =>
    [
        .. Days.Zip(Months, (day, month) =>
        {
            // Over a day's tally the sources are its own columns (the day in local_date), not the call's.
            var keys = string.Join(", ", month.Keys.Select(k => Dialect(k.Source.Contains("{r}local_date", StringComparison.Ordinal) ? k.Source : k.Column, "", postgres)));
            var sums = string.Join(", ", month.Counts.Select(c => $"SUM({c.Column})"));
            return $"{Insert(month)} SELECT {keys}, {sums} FROM {day.Table} GROUP BY {keys}";
        }),
    ];

    /// <summary>
    /// Adds the tallies of the calls <paramref name="where"/> selects to what is there, one grouped statement per
    /// table: how a bulk write (the demo, with the triggers set aside) counts its calls once instead of row by row.
    /// </summary>
    public static IReadOnlyList<string> AddSql(string where, bool postgres) => [.. Kept(months: true).Select(t => AddSql(t, where, postgres))];

    private static string AddSql(Tally t, string where, bool postgres)
    {
        var keys = string.Join(", ", t.Keys.Select(k => Dialect(k.Source, "", postgres)));
        var counts = string.Join(", ", t.Counts.Select(c => c.Counted == "*" ? "COUNT(*)" : $"COUNT({c.Counted})"));
        return $"{Insert(t)} SELECT {keys}, {counts} FROM calls WHERE {Live("")} AND {Which(t, "")} AND {where} GROUP BY {keys} {Upsert(t)}";
    }

    /// <summary>SQLite's tables, without rowid: a tally is found and read by its key, so the key is the table.</summary>
    /// <param name="months">The monthly tallies' tables, else the daily ones'.</param>
    public static IReadOnlyList<string> SqliteTables(bool months) =>
    [
        .. (months ? Months : Days).Select(t =>
            $"CREATE TABLE {t.Table} ({string.Join(", ", t.Keys.Select(k => $"{k.Column} {k.Type} NOT NULL"))}, " +
            $"{string.Join(", ", t.Counts.Select(c => $"{c.Column} INTEGER NOT NULL"))}, " +
            $"CONSTRAINT \"PK_{t.Table}\" PRIMARY KEY ({string.Join(", ", t.Keys.Select(k => k.Column))})) WITHOUT ROWID"),
    ];

    /// <summary>SQLite: four triggers, each adding (+1) or taking away (−1) one call's share of every tally.</summary>
    /// <param name="months">Whether the monthly tallies are kept too (false for the migration that came before them).</param>
    public static IReadOnlyList<string> SqliteTriggers(bool months)
    {
        var columns = string.Join(", ", Counted);
        return
        [
            $"CREATE TRIGGER calls_tally_insert AFTER INSERT ON calls WHEN {Live("NEW.")} BEGIN {Share("NEW.", "1", postgres: false, months)} END",
            $"CREATE TRIGGER calls_tally_delete AFTER DELETE ON calls WHEN {Live("OLD.")} BEGIN {Share("OLD.", "-1", postgres: false, months)} END",
            $"CREATE TRIGGER calls_tally_update_old AFTER UPDATE OF {columns} ON calls WHEN {Live("OLD.")} BEGIN {Share("OLD.", "-1", postgres: false, months)} END",
            $"CREATE TRIGGER calls_tally_update_new AFTER UPDATE OF {columns} ON calls WHEN {Live("NEW.")} BEGIN {Share("NEW.", "1", postgres: false, months)} END",
        ];
    }

    public static IReadOnlyList<string> SqliteTriggersDropped() =>
    [
        "DROP TRIGGER IF EXISTS calls_tally_insert", "DROP TRIGGER IF EXISTS calls_tally_delete",
        "DROP TRIGGER IF EXISTS calls_tally_update_old", "DROP TRIGGER IF EXISTS calls_tally_update_new",
    ];

    /// <summary>
    /// PostgreSQL: one row trigger calling one function that takes the old row's share away and adds the new one's.
    /// Concurrent transactions update the same tally rows in whatever order their calls come (a call logged before
    /// others renumbers their attempts), which deadlocked 50 of 240 calls from 8 clients; so a transaction first takes
    /// a lock on the rep's tallies (an advisory lock held to commit), and one rep's call writes queue there instead.
    /// </summary>
    /// <param name="months">Whether the monthly tallies are kept too (false for the migration that came before them).</param>
    public static IReadOnlyList<string> PostgresTriggers(bool months) =>
    [
        $$"""
        CREATE OR REPLACE FUNCTION calls_tally_share(r calls, s integer) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT ({{Live("r.")}}) THEN
                RETURN;
            END IF;
            PERFORM pg_advisory_xact_lock(hashtextextended('ringback tallies ' || r.organization_id::text || ' ' || r.user_id::text, 0));
            {{Share("r.", "s", postgres: true, months)}}
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION calls_tally() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM calls_tally_share(OLD, -1);
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                PERFORM calls_tally_share(NEW, 1);
            END IF;
            RETURN NULL;
        END $$
        """,
        $"CREATE TRIGGER calls_tally AFTER INSERT OR DELETE OR UPDATE OF {string.Join(", ", Counted)} ON calls FOR EACH ROW EXECUTE FUNCTION calls_tally()",
    ];

    /// <summary>
    /// PostgreSQL: each tally row is updated once per call it counts, so a bulk write leaves hundreds of dead versions
    /// of every row behind (214,000 demo calls: the 12-month report took 230 ms at p95 before a vacuum, 85 ms on ten
    /// times the calls after one). A bulk writer vacuums them at once rather than wait for autovacuum.
    /// </summary>
    public static IReadOnlyList<string> PostgresVacuum() => [.. Kept(months: true).Select(t => $"VACUUM (ANALYZE) {t.Table}")];

    public static IReadOnlyList<string> PostgresTriggersDropped() =>
        ["DROP TRIGGER IF EXISTS calls_tally ON calls", "DROP FUNCTION IF EXISTS calls_tally()", "DROP FUNCTION IF EXISTS calls_tally_share(calls, integer)"];

    private static string Live(string r) => $"{r}deleted_at IS NULL AND {r}local_date IS NOT NULL";

    private static string Which(Tally tally, string r) => tally.Which.Replace("{r}", r, StringComparison.Ordinal);

    /// <summary>A key's source over row <paramref name="r"/>, with MONTH(x) and WEEKDAY(x) in the database's own terms:
    /// the month's first day and the ISO weekday (Monday 1) of a prospect's day, stored as TEXT yyyy-MM-dd on SQLite and as
    /// a date on PostgreSQL (date arithmetic only there, so no session time zone is involved).</summary>
    private static string Dialect(string source, string r, bool postgres) =>
        DayFunction().Replace(source.Replace("{r}", r, StringComparison.Ordinal), m => (m.Groups[1].Value, postgres) switch
        {
            ("MONTH", false) => $"date({m.Groups[2].Value}, 'start of month')",
            ("MONTH", true) => $"({m.Groups[2].Value} - (extract(day FROM {m.Groups[2].Value})::int - 1))",
            ("WEEKDAY", false) => $"((CAST(strftime('%w', {m.Groups[2].Value}) AS INTEGER) + 6) % 7 + 1)",
            _ => $"extract(isodow FROM {m.Groups[2].Value})::int",
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(MONTH|WEEKDAY)\(([^()]*)\)")]
    private static partial System.Text.RegularExpressions.Regex DayFunction();

    private static string Insert(Tally t) =>
        $"INSERT INTO {t.Table} ({string.Join(", ", t.Keys.Select(k => k.Column).Concat(t.Counts.Select(c => c.Column)))})";

    private static string Upsert(Tally t) =>
        $"ON CONFLICT ({string.Join(", ", t.Keys.Select(k => k.Column))}) DO UPDATE SET " +
        string.Join(", ", t.Counts.Select(c => $"{c.Column} = {t.Table}.{c.Column} + excluded.{c.Column}"));

    /// <summary>One row's share of every tally, signed: a statement per tally, each a no-op when the row is not of its kind.</summary>
    private static string Share(string r, string sign, bool postgres, bool months) => string.Join(" ", Kept(months).Select(t =>
    {
        var keys = string.Join(", ", t.Keys.Select(k => Dialect(k.Source, r, postgres)));
        var counts = string.Join(", ", t.Counts.Select(c => c.Counted == "*" ? sign : postgres ? $"{sign} * ({r}{c.Counted} IS NOT NULL)::int" : $"{sign} * ({r}{c.Counted} IS NOT NULL)"));
        return $"{Insert(t)} SELECT {keys}, {counts} WHERE {Which(t, r)} {Upsert(t)};";
    }));

    /// <summary>
    /// Fills <c>local_date</c> and <c>callback_bucket</c> of calls logged before they existed, in SQL: the prospect's
    /// day is the UTC day or the one either side whose weekday is the stored local weekday (no zone is more than 14 h
    /// from UTC, so the three candidates have three different weekdays); the UTC day when the zone was unknown.
    /// </summary>
    public static IReadOnlyList<string> BackfillSql(bool postgres)
    {
        var buckets = new StringBuilder("CASE");
        var minutes = postgres ? "(extract(epoch FROM called_back_at - started_at) / 60.0)" : "((julianday(called_back_at) - julianday(started_at)) * 1440.0)";
        for (var i = 0; i < CallbackDelay.BoundMinutes.Count - 1; i++)
        {
            buckets.Append(CultureInfo.InvariantCulture, $" WHEN {minutes} <= {CallbackDelay.BoundMinutes[i]} THEN {i}");
        }

        buckets.Append(CultureInfo.InvariantCulture, $" ELSE {CallbackDelay.BoundMinutes.Count - 1} END");
        var day = postgres
            ? """
              CASE
                  WHEN local_day IS NULL OR extract(isodow FROM started_at AT TIME ZONE 'UTC') = local_day THEN (started_at AT TIME ZONE 'UTC')::date
                  WHEN extract(isodow FROM (started_at AT TIME ZONE 'UTC') - interval '1 day') = local_day THEN (started_at AT TIME ZONE 'UTC')::date - 1
                  ELSE (started_at AT TIME ZONE 'UTC')::date + 1
              END
              """
            : """
              CASE
                  WHEN local_day IS NULL OR (CAST(strftime('%w', started_at) AS INTEGER) + 6) % 7 + 1 = local_day THEN date(started_at)
                  WHEN (CAST(strftime('%w', started_at, '-1 day') AS INTEGER) + 6) % 7 + 1 = local_day THEN date(started_at, '-1 day')
                  ELSE date(started_at, '+1 day')
              END
              """;
        return
        [
            $"UPDATE calls SET local_date = {day}, callback_bucket = CASE WHEN called_back_at IS NULL THEN NULL ELSE {buckets} END",
        ];
    }
}
