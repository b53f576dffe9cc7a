using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Npgsql;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Storage;

/// <summary>Start-up tests time real processes: they run alone, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(StartupTests), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>
/// A restart always works: a server killed while starting (migrating, or holding the migration lock) never stops the
/// next start, and two live processes never migrate at once. The real executable is started and killed with SIGKILL.
/// </summary>
[Collection(nameof(StartupTests))]
[Trait("Tier", "Process")]
public class StartupTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    /// <summary>
    /// How long the next start may take. A start that hangs on a dead process's lock never ends, so any bound tells
    /// it apart; the suite allows 30 s for a loaded machine, and benchmarks/restart-kills.sh holds it to 10 s.
    /// </summary>
    private static readonly TimeSpan NextStartLimit = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("RINGBACK_NEXT_START_SECONDS"), out var s) && s > 0 ? s : 30);

    /// <summary>How many kill-and-restart rounds the random test runs per provider; benchmarks/restart-kills.sh runs 50.</summary>
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("RINGBACK_KILL_ROUNDS"), out var n) && n > 0 ? n : 3;

    /// <summary>
    /// A port another program holds is said in one line. The background services the failed start cancels used to
    /// follow it with a critical error and two stack traces each (the host logs a cancelled service as a failure
    /// unless it was stopped, and a start that fails is not a stop).
    /// </summary>
    [Fact]
    public async Task A_port_in_use_is_said_in_one_line_without_a_stack_trace()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await new RingbackProcess(database).RunAsync("serve", "--urls", url);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"ringback: cannot start: Failed to bind to address {url}: address already in use.");
        var everything = result.Out + result.Error;
        everything.ShouldNotContain("   at ", customMessage: everything);
        everything.ShouldNotContain("crit:", customMessage: everything);
        everything.ShouldNotContain("fail:", customMessage: everything);
    }

    [Fact]
    public async Task Bug_11_a_migration_lock_row_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var connection = new SqliteConnection($"Data Source={database.Storage.SqlitePath}"))
        {
            // What EF's SQLite lock leaves behind when its holder is killed between taking and releasing it.
            await connection.OpenAsync();
            await ExecuteAsync(connection, "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-28 09:00:00+00:00')");
        }

        await using var server = new RingbackProcess(database).StartServing();

        (await server.TryWaitUntilHealthyAsync(NextStartLimit)).ShouldBeTrue("the dead process's lock row was cleared");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_start_waits_while_a_live_process_holds_the_migration_lock_and_goes_on_when_it_dies(DatabaseProvider provider)
    {
        // On SQLite a database with migrations to apply: the only kind a start takes the file lock for. On PostgreSQL
        // the lock is EF's on the history table, which must exist, and a start waits for it to read the history at all.
        await using var database = await TestDatabase.CreateAsync(provider, migrate: provider == DatabaseProvider.Postgres);
        var holder = await HoldMigrationLockAsync(database);
        await using var server = new RingbackProcess(database).StartServing();
        try
        {
            (await server.TryWaitUntilHealthyAsync(TimeSpan.FromSeconds(4))).ShouldBeFalse("another live process holds the migration lock");
        }
        finally
        {
            // The holder goes away without releasing anything itself, as a killed process would.
            await holder.DisposeAsync();
        }

        (await server.TryWaitUntilHealthyAsync(NextStartLimit)).ShouldBeTrue("the lock died with its holder");
    }

    [Fact]
    public async Task A_start_on_a_database_with_every_migration_applied_does_not_wait_for_the_migration_lock()
    {
        // Nothing to migrate, so nothing to wait for (and no EF Migrate, which compares the model with the last snapshot
        // even when there is nothing to apply: 0.45 s of every start).
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var holder = await HoldMigrationLockAsync(database);
        await using var server = new RingbackProcess(database).StartServing();

        (await server.TryWaitUntilHealthyAsync(NextStartLimit)).ShouldBeTrue("a current database starts while another process holds the lock");
    }

    /// <summary>
    /// Each round kills a start at a random moment twice: on a fresh database (so the kill can land inside the
    /// migrations) and on a database in use, which then has to start within 10 s, be intact and still hold every
    /// contact the API acknowledged before.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Kills_at_random_moments_during_start_up_never_stop_the_next_start_or_lose_a_write(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var ringback = new RingbackProcess(database);
        var added = await ringback.RunAsync("user", "add", "--email", "freda@abc.example", "--name", "Freda Whitehouse", "--password", Password, "--token");
        added.ExitCode.ShouldBe(0, added.Error);
        var token = added.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        var acknowledged = new List<string>();
        var random = new Random(provider == DatabaseProvider.Sqlite ? 11 : 12);
        var slowest = TimeSpan.Zero;

        for (var round = 1; round <= Rounds; round++)
        {
            await using (var fresh = await TestDatabase.CreateAsync(provider, migrate: false))
            {
                await KillWhileStartingAsync(new RingbackProcess(fresh), random);
                await using var next = new RingbackProcess(fresh).StartServing();
                slowest = Max(slowest, await StartedWithinLimitAsync(next, $"round {round}, a fresh database"));
                await next.CrashAsync();
                await CheckIntegrityAsync(fresh);
            }

            await KillWhileStartingAsync(ringback, random);
            await using var server = ringback.StartServing();
            slowest = Max(slowest, await StartedWithinLimitAsync(server, $"round {round}, the database in use"));
            server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var id in acknowledged)
            {
                (await server.Client.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK, $"round {round}: contact {id} was acknowledged before");
            }

            var (created, body) = await server.Client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = $"Round {round}", directPhone = $"415-616-{2400 + round:0000}" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            acknowledged.Add(body.Str("contact.id"));
            await server.CrashAsync();
            await CheckIntegrityAsync(database);
        }

        output.WriteLine($"{provider}: {Rounds} rounds, {2 * Rounds} kills during start-up, {acknowledged.Count} acknowledged contacts all kept; slowest next start {slowest.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// How long the start took; fails past <see cref="NextStartLimit"/>, saying whether the start was only slow (it
    /// answered within a minute more) or hung, which is the fault these tests are for.
    /// </summary>
    private static async Task<TimeSpan> StartedWithinLimitAsync(RingbackProcess.Server server, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (await server.TryWaitUntilHealthyAsync(NextStartLimit))
        {
            return clock.Elapsed;
        }

        var late = await server.TryWaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        Assert.Fail(late
            ? $"{what}: the next start was slow, not stuck: /healthz answered after {clock.Elapsed.TotalSeconds:0.0} s (limit {NextStartLimit.TotalSeconds} s)"
            : $"{what}: the next start hung: no /healthz after {clock.Elapsed.TotalSeconds:0.0} s");
        return clock.Elapsed;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Stopped the moment it answers — while the reminder scheduler, which starts once the server listens, is still
    /// starting — a server stops cleanly. It used to end with an unhandled cancellation and SIGABRT (exit 134).
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_server_stopped_the_moment_it_answers_stops_cleanly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        for (var round = 1; round <= 3; round++)
        {
            await using var server = new RingbackProcess(database).StartServing();
            (await server.TryWaitUntilHealthyAsync(NextStartLimit)).ShouldBeTrue();
            var (exitCode, error, _) = await server.StopAsync();
            error.ShouldNotContain("Unhandled exception", customMessage: $"round {round}");
            exitCode.ShouldBe(0, $"round {round}: {error}");
        }
    }

    /// <summary>
    /// The first start on a new database migrates it before anything reads it. On PostgreSQL the data-protection key
    /// ring, kept in the database, was read first and the start logged "relation data_protection_keys does not exist"
    /// with a stack trace.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_first_start_on_a_new_database_logs_no_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var server = new RingbackProcess(database).StartServing();
        (await server.TryWaitUntilHealthyAsync(NextStartLimit)).ShouldBeTrue();
        (await server.Client.GetAsync("/signin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (exitCode, error, log) = await server.StopAsync();

        exitCode.ShouldBe(0, error);
        log.ShouldNotContain("fail:");
        log.ShouldNotContain("Exception");
        error.ShouldBeEmpty();
    }

    private static async Task KillWhileStartingAsync(RingbackProcess ringback, Random random)
    {
        // Start-up takes about 3 s here; a kill anywhere in the first 3.5 s lands in every phase of it.
        await using var starting = ringback.StartServing();
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 3500)));
        await starting.CrashAsync();
    }

    private static async Task CheckIntegrityAsync(TestDatabase database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var connection = new SqliteConnection($"Data Source={database.Storage.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        (await command.ExecuteScalarAsync()).ShouldBe("ok");
    }

    /// <summary>Holds the lock a migrating Ringback process holds, from this test process.</summary>
    private static async Task<IAsyncDisposable> HoldMigrationLockAsync(TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return await MigrationGuard.AcquireAsync(database.Storage.SqlitePath + ".migrating", CancellationToken.None);
        }

        var connection = new NpgsqlConnection(database.Storage.Postgres);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "BEGIN; LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE;");
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
