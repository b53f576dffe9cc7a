using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Callbacks;

/// <summary>What every tally row is counted by: an organization's rep on a prospect's day.</summary>
public interface IDailyTally : Accounts.IOrganizationOwned
{
    Guid UserId { get; }

    LocalDate LocalDate { get; }
}

/// <summary>
/// A day's calls of one rep with the same direction, outcome and strategy, counted: what the Stats report reads
/// instead of the calls themselves. Kept by database triggers in the same transaction as every change to a call
/// (logged, corrected, re-credited, deleted, restored, removed with its contact), whichever path makes it.
/// </summary>
public sealed class CallTally : IDailyTally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The prospect's day (<see cref="Call.LocalDate"/>).</summary>
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

/// <summary>A day's messages of one rep that were a contact's n-th attempt, and how many were called back.</summary>
public sealed class MessageAttemptTally : IDailyTally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int Attempt { get; set; }
    public int Messages { get; set; }
    public int CalledBack { get; set; }
}

/// <summary>A day's messages of one rep left at one local hour of the prospect's, and how many were called back.</summary>
public sealed class MessageHourTally : IDailyTally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int LocalHour { get; set; }
    public int Messages { get; set; }
    public int CalledBack { get; set; }
}

/// <summary>A day's messages of one rep called back within one <see cref="CallbackDelay"/> bucket.</summary>
public sealed class CallbackDelayTally : IDailyTally
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int Bucket { get; set; }
    public int Messages { get; set; }
}

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
public static class StatsRollups
{
    private const string Message = "{r}direction = 'Outbound' AND {r}outcome IN ('VoicemailLeft', 'GatekeeperMessage')";

    /// <summary>One tally table: its key (column, and the expression over a call it comes from), what it counts
    /// ("*" for every call, else the calls where that column is set), and which calls it counts. {r} stands for the row.</summary>
    private sealed record Tally(string Table, (string Column, string Source, string Type)[] Keys, (string Column, string Counted)[] Counts, string Which);

    private static readonly (string, string, string)[] DayOfRep =
        [("organization_id", "{r}organization_id", "TEXT"), ("local_date", "{r}local_date", "TEXT"), ("user_id", "{r}user_id", "TEXT")];

    private static readonly Tally[] Tallies =
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
        foreach (var statement in RebuildSql())
        {
            var rows = await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            written += statement.StartsWith("INSERT", StringComparison.Ordinal) ? rows : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>The same SQL on both databases: counts of non-null columns, no dialect.</summary>
    public static IReadOnlyList<string> RebuildSql() => [.. Tallies.Select(t => $"DELETE FROM {t.Table}"), .. AddSql("TRUE")];

    /// <summary>
    /// Adds the tallies of the calls <paramref name="where"/> selects to what is there, one grouped statement per
    /// table: how a bulk write (the demo, with the triggers set aside) counts its calls once instead of row by row.
    /// </summary>
    public static IReadOnlyList<string> AddSql(string where) =>
    [
        .. Tallies.Select(t =>
        {
            var keys = string.Join(", ", t.Keys.Select(k => k.Source.Replace("{r}", "", StringComparison.Ordinal)));
            var counts = string.Join(", ", t.Counts.Select(c => c.Counted == "*" ? "COUNT(*)" : $"COUNT({c.Counted})"));
            return $"{Insert(t)} SELECT {keys}, {counts} FROM calls WHERE {Live("")} AND {Which(t, "")} AND {where} GROUP BY {keys} {Upsert(t)}";
        }),
    ];

    /// <summary>SQLite's tables, without rowid: a tally is found and read by its key, so the key is the table.</summary>
    public static IReadOnlyList<string> SqliteTables() =>
    [
        .. Tallies.Select(t =>
            $"CREATE TABLE {t.Table} ({string.Join(", ", t.Keys.Select(k => $"{k.Column} {k.Type} NOT NULL"))}, " +
            $"{string.Join(", ", t.Counts.Select(c => $"{c.Column} INTEGER NOT NULL"))}, " +
            $"CONSTRAINT \"PK_{t.Table}\" PRIMARY KEY ({string.Join(", ", t.Keys.Select(k => k.Column))})) WITHOUT ROWID"),
    ];

    /// <summary>SQLite: four triggers, each adding (+1) or taking away (−1) one call's share of every tally.</summary>
    public static IReadOnlyList<string> SqliteTriggers()
    {
        var columns = string.Join(", ", Counted);
        return
        [
            $"CREATE TRIGGER calls_tally_insert AFTER INSERT ON calls WHEN {Live("NEW.")} BEGIN {Share("NEW.", "1", postgres: false)} END",
            $"CREATE TRIGGER calls_tally_delete AFTER DELETE ON calls WHEN {Live("OLD.")} BEGIN {Share("OLD.", "-1", postgres: false)} END",
            $"CREATE TRIGGER calls_tally_update_old AFTER UPDATE OF {columns} ON calls WHEN {Live("OLD.")} BEGIN {Share("OLD.", "-1", postgres: false)} END",
            $"CREATE TRIGGER calls_tally_update_new AFTER UPDATE OF {columns} ON calls WHEN {Live("NEW.")} BEGIN {Share("NEW.", "1", postgres: false)} END",
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
    public static IReadOnlyList<string> PostgresTriggers() =>
    [
        $$"""
        CREATE OR REPLACE FUNCTION calls_tally_share(r calls, s integer) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT ({{Live("r.")}}) THEN
                RETURN;
            END IF;
            PERFORM pg_advisory_xact_lock(hashtextextended('ringback tallies ' || r.organization_id::text || ' ' || r.user_id::text, 0));
            {{Share("r.", "s", postgres: true)}}
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

    public static IReadOnlyList<string> PostgresTriggersDropped() =>
        ["DROP TRIGGER IF EXISTS calls_tally ON calls", "DROP FUNCTION IF EXISTS calls_tally()", "DROP FUNCTION IF EXISTS calls_tally_share(calls, integer)"];

    private static string Live(string r) => $"{r}deleted_at IS NULL AND {r}local_date IS NOT NULL";

    private static string Which(Tally tally, string r) => tally.Which.Replace("{r}", r, StringComparison.Ordinal);

    private static string Insert(Tally t) =>
        $"INSERT INTO {t.Table} ({string.Join(", ", t.Keys.Select(k => k.Column).Concat(t.Counts.Select(c => c.Column)))})";

    private static string Upsert(Tally t) =>
        $"ON CONFLICT ({string.Join(", ", t.Keys.Select(k => k.Column))}) DO UPDATE SET " +
        string.Join(", ", t.Counts.Select(c => $"{c.Column} = {t.Table}.{c.Column} + excluded.{c.Column}"));

    /// <summary>One row's share of every tally, signed: a statement per tally, each a no-op when the row is not of its kind.</summary>
    private static string Share(string r, string sign, bool postgres) => string.Join(" ", Tallies.Select(t =>
    {
        var keys = string.Join(", ", t.Keys.Select(k => k.Source.Replace("{r}", r, StringComparison.Ordinal)));
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
