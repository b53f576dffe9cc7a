using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Callbacks;

/// <summary>
/// A day's calls of one rep with the same direction, outcome, strategy and attempt, counted: what the Stats report
/// reads instead of the calls themselves. Kept by database triggers in the same transaction as every change to a call
/// (logged, corrected, re-credited, deleted, restored, removed with its contact), whichever path makes it.
/// </summary>
public sealed class CallTally : Accounts.IOrganizationOwned
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The prospect's day (<see cref="Call.LocalDate"/>).</summary>
    public LocalDate LocalDate { get; set; }

    public CallDirection Direction { get; set; }
    public CallOutcome Outcome { get; set; }

    /// <summary>The strategy as stored on the call, empty for none (a key column cannot be null).</summary>
    public string Strategy { get; set; } = "";

    /// <summary>The attempt number, 0 for none.</summary>
    public int Attempt { get; set; }

    public int Calls { get; set; }
    public int CalledBack { get; set; }
    public int Meetings { get; set; }
    public int Promises { get; set; }
    public int PromisesKept { get; set; }
}

/// <summary>A day's messages of one rep left at one local hour of the prospect's, and how many were called back.</summary>
public sealed class MessageHourTally : Accounts.IOrganizationOwned
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int LocalHour { get; set; }
    public int Messages { get; set; }
    public int CalledBack { get; set; }
}

/// <summary>A day's messages of one rep called back within one <see cref="CallbackDelay"/> bucket.</summary>
public sealed class CallbackDelayTally : Accounts.IOrganizationOwned
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public LocalDate LocalDate { get; set; }
    public int Bucket { get; set; }
    public int Messages { get; set; }
}

/// <summary>
/// The SQL that keeps the tallies: triggers on <c>calls</c> (added by the StatsRollups migration) and the rebuild
/// from the calls (<c>ringback stats rebuild</c>), which must agree — <c>StatsRollupTests</c> holds them to the
/// same figures as counting the calls themselves, on random data, on both databases.
/// </summary>
/// <remarks>
/// Triggers rather than code in the write path: a call changes through EF, the bulk writers of the demo and imports,
/// and cascades when a contact is removed; a trigger sees every one of them inside the change's own transaction, so a
/// tally can never disagree with the calls it counts after a crash.
/// </remarks>
public static class StatsRollups
{
    private const string Messages = "('VoicemailLeft', 'GatekeeperMessage')";

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
    public static IReadOnlyList<string> RebuildSql() =>
        ["DELETE FROM call_tallies", "DELETE FROM message_hour_tallies", "DELETE FROM callback_delay_tallies", .. AddSql("TRUE")];

    /// <summary>
    /// Adds the tallies of the calls <paramref name="where"/> selects to what is there, one grouped statement per
    /// table: how a bulk write (the demo, with the triggers set aside) counts its calls once instead of row by row.
    /// </summary>
    public static IReadOnlyList<string> AddSql(string where) =>
    [
        $"""
        INSERT INTO call_tallies (organization_id, local_date, user_id, direction, outcome, strategy, attempt, calls, called_back, meetings, promises, promises_kept)
        SELECT organization_id, local_date, user_id, direction, outcome, COALESCE(strategy, ''), COALESCE(attempt_number, 0),
               COUNT(*), COUNT(called_back_at), COUNT(meeting_booked_at), COUNT(promised_next_call_at), COUNT(promise_kept_by_call_id)
        FROM calls WHERE deleted_at IS NULL AND local_date IS NOT NULL AND {where}
        GROUP BY organization_id, local_date, user_id, direction, outcome, COALESCE(strategy, ''), COALESCE(attempt_number, 0)
        ON CONFLICT (organization_id, local_date, user_id, direction, outcome, strategy, attempt) DO UPDATE SET
            calls = call_tallies.calls + excluded.calls, called_back = call_tallies.called_back + excluded.called_back,
            meetings = call_tallies.meetings + excluded.meetings, promises = call_tallies.promises + excluded.promises,
            promises_kept = call_tallies.promises_kept + excluded.promises_kept
        """,
        $"""
        INSERT INTO message_hour_tallies (organization_id, local_date, user_id, local_hour, messages, called_back)
        SELECT organization_id, local_date, user_id, local_hour, COUNT(*), COUNT(called_back_at)
        FROM calls WHERE deleted_at IS NULL AND local_date IS NOT NULL AND direction = 'Outbound' AND outcome IN {Messages} AND local_hour IS NOT NULL AND {where}
        GROUP BY organization_id, local_date, user_id, local_hour
        ON CONFLICT (organization_id, local_date, user_id, local_hour) DO UPDATE SET
            messages = message_hour_tallies.messages + excluded.messages, called_back = message_hour_tallies.called_back + excluded.called_back
        """,
        $"""
        INSERT INTO callback_delay_tallies (organization_id, local_date, user_id, bucket, messages)
        SELECT organization_id, local_date, user_id, callback_bucket, COUNT(*)
        FROM calls WHERE deleted_at IS NULL AND local_date IS NOT NULL AND direction = 'Outbound' AND outcome IN {Messages} AND callback_bucket IS NOT NULL AND {where}
        GROUP BY organization_id, local_date, user_id, callback_bucket
        ON CONFLICT (organization_id, local_date, user_id, bucket) DO UPDATE SET messages = callback_delay_tallies.messages + excluded.messages
        """,
    ];

    /// <summary>SQLite: four triggers, each adding (+1) or taking away (−1) one call's share of the three tallies.</summary>
    public static IReadOnlyList<string> SqliteTriggers()
    {
        var columns = string.Join(", ", Counted);
        return
        [
            $"CREATE TRIGGER calls_tally_insert AFTER INSERT ON calls WHEN NEW.deleted_at IS NULL AND NEW.local_date IS NOT NULL BEGIN {SqliteShare("NEW", 1)} END",
            $"CREATE TRIGGER calls_tally_delete AFTER DELETE ON calls WHEN OLD.deleted_at IS NULL AND OLD.local_date IS NOT NULL BEGIN {SqliteShare("OLD", -1)} END",
            $"CREATE TRIGGER calls_tally_update_old AFTER UPDATE OF {columns} ON calls WHEN OLD.deleted_at IS NULL AND OLD.local_date IS NOT NULL BEGIN {SqliteShare("OLD", -1)} END",
            $"CREATE TRIGGER calls_tally_update_new AFTER UPDATE OF {columns} ON calls WHEN NEW.deleted_at IS NULL AND NEW.local_date IS NOT NULL BEGIN {SqliteShare("NEW", 1)} END",
        ];
    }

    public static IReadOnlyList<string> SqliteTriggersDropped() =>
    [
        "DROP TRIGGER IF EXISTS calls_tally_insert", "DROP TRIGGER IF EXISTS calls_tally_delete",
        "DROP TRIGGER IF EXISTS calls_tally_update_old", "DROP TRIGGER IF EXISTS calls_tally_update_new",
    ];

    private static string SqliteShare(string row, int sign)
    {
        var s = sign.ToString(CultureInfo.InvariantCulture);
        return $"""
            INSERT INTO call_tallies (organization_id, local_date, user_id, direction, outcome, strategy, attempt, calls, called_back, meetings, promises, promises_kept)
            VALUES ({row}.organization_id, {row}.local_date, {row}.user_id, {row}.direction, {row}.outcome, COALESCE({row}.strategy, ''), COALESCE({row}.attempt_number, 0),
                    {s}, {s} * ({row}.called_back_at IS NOT NULL), {s} * ({row}.meeting_booked_at IS NOT NULL), {s} * ({row}.promised_next_call_at IS NOT NULL),
                    {s} * ({row}.promise_kept_by_call_id IS NOT NULL))
            ON CONFLICT (organization_id, local_date, user_id, direction, outcome, strategy, attempt) DO UPDATE SET
                calls = call_tallies.calls + excluded.calls, called_back = call_tallies.called_back + excluded.called_back,
                meetings = call_tallies.meetings + excluded.meetings, promises = call_tallies.promises + excluded.promises,
                promises_kept = call_tallies.promises_kept + excluded.promises_kept;
            INSERT INTO message_hour_tallies (organization_id, local_date, user_id, local_hour, messages, called_back)
            SELECT {row}.organization_id, {row}.local_date, {row}.user_id, {row}.local_hour, {s}, {s} * ({row}.called_back_at IS NOT NULL)
            WHERE {row}.direction = 'Outbound' AND {row}.outcome IN {Messages} AND {row}.local_hour IS NOT NULL
            ON CONFLICT (organization_id, local_date, user_id, local_hour) DO UPDATE SET
                messages = message_hour_tallies.messages + excluded.messages, called_back = message_hour_tallies.called_back + excluded.called_back;
            INSERT INTO callback_delay_tallies (organization_id, local_date, user_id, bucket, messages)
            SELECT {row}.organization_id, {row}.local_date, {row}.user_id, {row}.callback_bucket, {s}
            WHERE {row}.direction = 'Outbound' AND {row}.outcome IN {Messages} AND {row}.callback_bucket IS NOT NULL
            ON CONFLICT (organization_id, local_date, user_id, bucket) DO UPDATE SET messages = callback_delay_tallies.messages + excluded.messages;
            """;
    }

    /// <summary>PostgreSQL: one row trigger calling one function that takes the old row's share away and adds the new one's.</summary>
    public static IReadOnlyList<string> PostgresTriggers() =>
    [
        $$"""
        CREATE OR REPLACE FUNCTION calls_tally_share(r calls, s integer) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF r.deleted_at IS NOT NULL OR r.local_date IS NULL THEN
                RETURN;
            END IF;
            INSERT INTO call_tallies AS t (organization_id, local_date, user_id, direction, outcome, strategy, attempt, calls, called_back, meetings, promises, promises_kept)
            VALUES (r.organization_id, r.local_date, r.user_id, r.direction, r.outcome, COALESCE(r.strategy, ''), COALESCE(r.attempt_number, 0),
                    s, s * (r.called_back_at IS NOT NULL)::int, s * (r.meeting_booked_at IS NOT NULL)::int, s * (r.promised_next_call_at IS NOT NULL)::int,
                    s * (r.promise_kept_by_call_id IS NOT NULL)::int)
            ON CONFLICT (organization_id, local_date, user_id, direction, outcome, strategy, attempt) DO UPDATE SET
                calls = t.calls + excluded.calls, called_back = t.called_back + excluded.called_back, meetings = t.meetings + excluded.meetings,
                promises = t.promises + excluded.promises, promises_kept = t.promises_kept + excluded.promises_kept;
            IF r.direction = 'Outbound' AND r.outcome IN {{Messages}} THEN
                IF r.local_hour IS NOT NULL THEN
                    INSERT INTO message_hour_tallies AS t (organization_id, local_date, user_id, local_hour, messages, called_back)
                    VALUES (r.organization_id, r.local_date, r.user_id, r.local_hour, s, s * (r.called_back_at IS NOT NULL)::int)
                    ON CONFLICT (organization_id, local_date, user_id, local_hour) DO UPDATE SET
                        messages = t.messages + excluded.messages, called_back = t.called_back + excluded.called_back;
                END IF;
                IF r.callback_bucket IS NOT NULL THEN
                    INSERT INTO callback_delay_tallies AS t (organization_id, local_date, user_id, bucket, messages)
                    VALUES (r.organization_id, r.local_date, r.user_id, r.callback_bucket, s)
                    ON CONFLICT (organization_id, local_date, user_id, bucket) DO UPDATE SET messages = t.messages + excluded.messages;
                END IF;
            END IF;
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
