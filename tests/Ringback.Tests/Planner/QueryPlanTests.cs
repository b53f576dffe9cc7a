using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Planner;
using Ringback.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>
/// Today must not walk the call log. Rather than time it, every statement Today runs is explained by the database
/// itself, and a plan that scans the calls table fails the test: a plan is what changes with the data's size, and
/// on a million-contact demo one such scan took 52 s.
/// </summary>
public sealed partial class QueryPlanTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Today_reads_each_queued_contacts_calls_through_the_contact_index_at_every_list_size(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var contacts = await SeedAsync(database, rep, contactCount: 3000, callsEach: 12, due: 320);

        using var capture = new SqlCapture(database);
        CallList list;
        await using (var db = database.NewContext(rep.OrganizationId))
        {
            list = await Today.ForAsync(db, rep, Now, new PlannerOptions(), default);
        }

        list.Items.Count.ShouldBe(Today.MaxItems);
        capture.Statements.ShouldContain(s => s.Sql.Contains("\"calls\"", StringComparison.Ordinal));
        foreach (var statement in capture.Statements)
        {
            var scans = await ScansOfCallsAsync(database, statement);
            scans.ShouldBeEmpty($"{statement.Sql}\nis planned with a scan of the calls table");
        }

        // The same check run on the query Today used to make, so this test is known to see the fault it guards against.
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var db = database.NewContext(rep.OrganizationId);
            var ids = contacts.Take(200).ToList();
            var naive = db.Calls.Where(c => ids.Contains(c.ContactId)).OrderByDescending(c => c.StartedAt).Take(ids.Count * 8);
            using var naiveCapture = new SqlCapture(database);
            await naive.ToListAsync();
            (await ScansOfCallsAsync(database, naiveCapture.Statements.Single())).ShouldNotBeEmpty();
        }
    }

    /// <summary>Contacts with a history of calls, and a rep with promises due on <c>due</c> of them today.</summary>
    private static async Task<List<Guid>> SeedAsync(TestDatabase database, Ringback.Accounts.User rep, int contactCount, int callsEach, int due)
    {
        var ids = new List<Guid>();
        await using var db = database.NewContext(rep.OrganizationId);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < contactCount; i++)
        {
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(), OrganizationId = rep.OrganizationId, FirstName = "Pat", LastName = $"Prospect {i}", TimeZone = "America/New_York",
                OwnerId = rep.Id, Status = ContactStatus.Working, CreatedAt = Now - Duration.FromDays(90), UpdatedAt = Now - Duration.FromDays(90),
            };
            ids.Add(contact.Id);
            db.Contacts.Add(contact);
            for (var j = 0; j < callsEach; j++)
            {
                db.Calls.Add(new Call
                {
                    Id = Guid.CreateVersion7(), OrganizationId = rep.OrganizationId, ContactId = contact.Id, UserId = rep.Id, Direction = CallDirection.Outbound,
                    Outcome = j % 2 == 0 ? CallOutcome.VoicemailLeft : CallOutcome.NoAnswer, StartedAt = Now - Duration.FromHours(1 + (i * callsEach) + j), CreatedAt = Now,
                });
            }

            if (i < due)
            {
                db.FollowUps.Add(new FollowUp
                {
                    Id = Guid.CreateVersion7(), OrganizationId = rep.OrganizationId, ContactId = contact.Id, UserId = rep.Id, Kind = FollowUpKind.Promise,
                    DueAt = Now + Duration.FromMinutes(i), Why = "Promised", Strategy = Strategy.AsPromised,
                });
            }

            if (i % 500 == 499)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // The planner's statistics as on the million-contact demo (4.3 million calls): the sizes at which the
            // plan of an id-list query flipped to a walk of every call. SQLite reads its statistics from this table
            // (ANALYZE sqlite_schema reloads them), so the plans below are the ones a team's database would get.
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE sqlite_stat1 SET stat = '4300000' || substr(stat, instr(stat, ' ')) WHERE tbl = 'calls' AND instr(stat, ' ') > 0;
                UPDATE sqlite_stat1 SET stat = '1000000' || substr(stat, instr(stat, ' ')) WHERE tbl = 'contacts' AND instr(stat, ' ') > 0;
                ANALYZE sqlite_schema;
                """);
        }

        return ids;
    }

    /// <summary>The plan's lines that read the whole calls table (or all of one of its indexes).</summary>
    private static async Task<List<string>> ScansOfCallsAsync(TestDatabase database, Statement statement)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (database.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + statement.Sql;
        foreach (var (name, value) in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(reader.FieldCount - 1));
            }
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            return [.. lines.Where(l => SeqScanOfCalls().IsMatch(l))];
        }

        // SQLite names a table by its alias in the statement. "SCAN c" walks every call, with or without an index;
        // "SEARCH c … (organization_id=?)" walks every call of the organization, which on a team's database is the same.
        var aliases = CallsAlias().Matches(statement.Sql).Select(m => m.Groups[1].Value).Append("calls").ToHashSet();
        return [.. lines.Where(l => SqliteWalk().Match(l) is { Success: true } m && aliases.Contains(m.Groups["alias"].Value))];
    }

    [GeneratedRegex(@"Seq Scan on calls\b|Index (Only )?Scan (Backward )?using ""IX_calls_(organization_id_started_at|stats)""")]
    private static partial Regex SeqScanOfCalls();

    [GeneratedRegex(@"""calls"" AS ""(\w+)""")]
    private static partial Regex CallsAlias();

    [GeneratedRegex(@"^\s*(SCAN (?<alias>\w+)|SEARCH (?<alias>\w+) USING (COVERING )?INDEX \w+ \(organization_id=\?\)$)")]
    private static partial Regex SqliteWalk();

    private sealed record Statement(string Sql, List<(string Name, object? Value)> Parameters);

    /// <summary>The statements EF sends to one test database, read from EF's diagnostic events (no mock in the way).</summary>
    private sealed class SqlCapture : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly string _database;
        private readonly ConcurrentQueue<Statement> _statements = new();
        private readonly List<IDisposable> _subscriptions = [];

        public SqlCapture(TestDatabase database)
        {
            _database = database.Provider == DatabaseProvider.Sqlite ? database.Directory : new Npgsql.NpgsqlConnectionStringBuilder(database.Storage.Postgres).Database!;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public IReadOnlyList<Statement> Statements => [.. _statements.Where(s => s.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: DbCommand command }
                && (command.Connection?.DataSource?.Contains(_database, StringComparison.Ordinal) == true || command.Connection?.Database == _database))
            {
                _statements.Enqueue(new Statement(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
