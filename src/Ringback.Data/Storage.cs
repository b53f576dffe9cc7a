using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Ringback.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. Bound from the <c>Ringback</c> configuration section, which the CLI's flags, environment
/// variables (<c>Ringback__Postgres</c>) and appsettings.json all fill.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Folder for the SQLite file; created on first run.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// A PostgreSQL connection string. Setting it is the one and only way to choose PostgreSQL; with it unset the
    /// embedded SQLite file is used. There is no fallback: if PostgreSQL is chosen and cannot be reached, start-up fails.
    /// </summary>
    public string? Postgres { get; set; }

    public DatabaseProvider Provider => string.IsNullOrWhiteSpace(Postgres) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>
    /// <see cref="Postgres"/> as Ringback connects with it: statements prepared on the server once a connection has
    /// run them twice (Npgsql's automatic preparation), unless the operator's string says otherwise. EF Core sends each
    /// query as an unnamed statement that the server parses and plans every time: about 1.2 ms of the two statements
    /// behind a timeline page (the token and the calls), in the server's log. EF's statements name their columns, so a
    /// migration that adds a column never changes what a prepared one returns.
    /// </summary>
    public string? PostgresConnectionString
    {
        get
        {
            if (Provider != DatabaseProvider.Postgres)
            {
                return null;
            }

            var given = new DbConnectionStringBuilder { ConnectionString = Postgres };
            var named = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var builder = new NpgsqlConnectionStringBuilder(Postgres);
            if (!named.Contains("MaxAutoPrepare"))
            {
                builder.MaxAutoPrepare = 64;
            }

            if (!named.Contains("AutoPrepareMinUsages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }

            return builder.ConnectionString;
        }
    }

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ringback");

    public string ResolvedDataDirectory => string.IsNullOrWhiteSpace(DataDirectory) ? DefaultDataDirectory : Path.GetFullPath(DataDirectory);

    public string SqlitePath => Path.Combine(ResolvedDataDirectory, "ringback.db");

    public string SqliteConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = SqlitePath,
        ForeignKeys = true,

        // Private cache: each connection has its own page cache, which WAL readers need to see fresh data.
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>What to tell a person about where their data is, without any password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite {SqlitePath}";
        }

        var builder = new NpgsqlConnectionStringBuilder(Postgres);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}

public static class Storage
{
    /// <summary>
    /// A context on the chosen database. Each provider has its own subclass, so each finds its own migrations;
    /// everything else sees the shared <see cref="RingbackDbContext"/>.
    /// </summary>
    public static RingbackDbContext NewContext(StorageOptions storage, OrganizationScope? scope)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Provider == DatabaseProvider.Sqlite && DirectoriesMade.TryAdd(storage.ResolvedDataDirectory, true))
        {
            Directory.CreateDirectory(storage.ResolvedDataDirectory);
        }

        // Each query takes a connection from the pool and gives it back. Held for the context's life instead, a
        // small queue cost 17% less CPU, but at 32 clients the server kept a connection per request in flight, each
        // with its own page cache and copy of the schema: 387–439 MiB after the suite's load instead of 306.
        return Create(storage, scope);
    }

    /// <summary>The data directories this process has made sure of: a context is made for every request.</summary>
    private static readonly ConcurrentDictionary<string, bool> DirectoriesMade = new(StringComparer.Ordinal);

    /// <summary>
    /// Context options by database, made once: they are immutable, and built for every context (every request) they
    /// cost a connection-string builder, and EF Core's look-up of its services by the options' hash, each time.
    /// </summary>
    private static readonly ConcurrentDictionary<(DatabaseProvider, string), DbContextOptions> OptionsBy = new();

    /// <summary>The context on <paramref name="storage"/>'s database, with nothing created on disk.</summary>
    private static RingbackDbContext Create(StorageOptions storage, OrganizationScope? scope) => storage.Provider == DatabaseProvider.Postgres
        ? new PostgresRingbackDbContext((DbContextOptions<PostgresRingbackDbContext>)OptionsBy.GetOrAdd((DatabaseProvider.Postgres, storage.Postgres!), _ =>
            new DbContextOptionsBuilder<PostgresRingbackDbContext>().UseNpgsql(storage.PostgresConnectionString, npgsql => npgsql.EnableRetryOnFailure(3))
                .UseLoggerFactory(StorageLog.Instance).Options), scope)
        : new SqliteRingbackDbContext((DbContextOptions<SqliteRingbackDbContext>)OptionsBy.GetOrAdd((DatabaseProvider.Sqlite, storage.ResolvedDataDirectory), _ =>
            new DbContextOptionsBuilder<SqliteRingbackDbContext>().UseSqlite(storage.SqliteConnectionString).AddInterceptors(SqliteDurability.Instance)
                .UseLoggerFactory(StorageLog.Instance).Options), scope);

    /// <summary>
    /// Builds EF Core's model for <paramref name="storage"/>'s database on a pool thread and returns at once. The
    /// model takes about a second to build — no compiled model is possible while query filters scope every table
    /// (dotnet/efcore#24897) — and the first context built it only after the host was built; started first, it is
    /// made on the other core while the host is built. The context is made with the same options as every later one,
    /// so EF, which keeps a model per set of options that share its services, hands them this model (whoever asks
    /// while it is being made waits for it). Nothing is opened or created. A failure is left for the first real
    /// context to meet and report.
    /// </summary>
    public static Task WarmUp(StorageOptions storage) => Task.Run(() =>
    {
        try
        {
            using var db = WarmUpContext(storage);
            _ = db.Model;
        }
#pragma warning disable CA1031 // The same failure reaches the first real context, which reports it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    });

    internal static RingbackDbContext WarmUpContext(StorageOptions storage) => Create(storage, scope: null);

    /// <summary>Brings the schema up to date. Run at start-up by both the web host and the CLI.</summary>
    /// <remarks>
    /// Two processes never migrate at once, and a process killed while migrating never stops the next start.
    /// On PostgreSQL, EF's own lock is a table lock inside the migrating transaction, which the server drops with
    /// the dead connection. On SQLite, EF's lock is a row in <c>__EFMigrationsLock</c>, which a killed process
    /// leaves behind, and every later start would wait for it forever. So SQLite migrations run under an operating
    /// system lock on a file beside the database (<see cref="MigrationGuard"/>), which dies with its holder:
    /// whoever holds it is the only live migrator, and any lock row it finds belongs to a dead one.
    /// </remarks>
    public static async Task MigrateAsync(StorageOptions storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (await IsCurrentAsync(storage, cancellationToken))
        {
            return;
        }

        await using var db = NewContext(storage, scope: null);
        if (!db.Database.IsSqlite())
        {
            // EF reads the history before it makes its table, and logs a new database's missing table as a failed
            // command (an error in the log of a healthy first start): the table is made first, by EF's own script.
            var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().GetCreateIfNotExistsScript();
            await db.Database.ExecuteSqlRawAsync(history, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await using (await MigrationGuard.AcquireAsync(storage.SqlitePath + ".migrating", cancellationToken))
        {
            // WAL persists in the file: readers never block the writer, and with synchronous=FULL (set on
            // every connection by SqliteDurability) a committed transaction survives a power cut.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await ClearDeadMigrationLockAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether the database has every migration already: then a start skips EF's Migrate, which even with nothing to
    /// apply compares the model with the last migration's snapshot (0.45 s of a 4.7 s start, measured in a trace).
    /// A new or older database, or one whose history cannot be read, goes through Migrate as before.
    /// </summary>
    /// <remarks>
    /// Asked on a plain connection, not through a context: anything a context does first waits for EF Core's model,
    /// which is still being built on the other core when a server starts (<see cref="WarmUp"/>), and the answer needs
    /// only the history table and the migrations compiled into this assembly (0.25 s of a PostgreSQL start was this
    /// wait, in a trace).
    /// </remarks>
    private static async Task<bool> IsCurrentAsync(StorageOptions storage, CancellationToken cancellationToken) =>
        await SchemaAsync(storage, cancellationToken) == SchemaState.Current;

    /// <summary>
    /// Whether the database answers and has every migration this build knows: what <c>/healthz</c> reports, asked the
    /// same way as at start (a plain connection and the history table), so a probe costs one small query (0.24 ms of
    /// CPU) rather than EF's comparison of the model with the migrations (15.7 ms), and a database that does not
    /// answer is told apart from one that is behind.
    /// </summary>
    public static async Task<SchemaState> SchemaAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Provider == DatabaseProvider.Sqlite && !File.Exists(storage.SqlitePath))
        {
            return SchemaState.Behind;
        }

        await using DbConnection connection = storage.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(storage.PostgresConnectionString)
            : new SqliteConnection(storage.SqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DbException)
        {
            return SchemaState.Unreachable;
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            return KnownMigrations(storage.Provider).All(applied.Contains) ? SchemaState.Current : SchemaState.Behind;
        }
        catch (DbException) when (connection.State == System.Data.ConnectionState.Open)
        {
            // No history table: a database no migration has run on.
            return SchemaState.Behind;
        }
        catch (DbException)
        {
            return SchemaState.Unreachable;
        }
    }

    /// <summary>
    /// The migrations this build has for a provider's context, found as EF Core finds them: every migration class in
    /// this assembly whose <see cref="DbContextAttribute"/> names that context, by its <see cref="MigrationAttribute"/> id.
    /// </summary>
    internal static IReadOnlyList<string> KnownMigrations(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresMigrations.Value : SqliteMigrations.Value;

    private static readonly Lazy<IReadOnlyList<string>> PostgresMigrations = new(() => MigrationsOf(typeof(PostgresRingbackDbContext)));
    private static readonly Lazy<IReadOnlyList<string>> SqliteMigrations = new(() => MigrationsOf(typeof(SqliteRingbackDbContext)));

    private static IReadOnlyList<string> MigrationsOf(Type context) =>
        [.. typeof(Storage).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>Removes EF's SQLite lock row; called only by the holder of the <see cref="MigrationGuard"/>.</summary>
    private static async Task ClearDeadMigrationLockAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken);
        if (exists > 0)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
        }
    }

    /// <summary>
    /// Refreshes the planner's statistics, so that a big, one-organization table still gets its phone and id
    /// indexes used. On SQLite a sampled ANALYZE; PostgreSQL's own ANALYZE. Run after every bulk import, and by the
    /// web host in the background once it listens (it took 2 s of a million-contact start when run before).
    /// </summary>
    public static async Task AnalyzeAsync(DbConnection connection, bool sqlite, CancellationToken cancellationToken)
    {
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sqlite ? "PRAGMA analysis_limit=1000; ANALYZE;" : "ANALYZE contacts, gatekeepers, companies, calls;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (close)
            {
                await connection.CloseAsync();
            }
        }
    }
}

/// <summary>Sets the per-connection pragmas that make an acknowledged SQLite write durable.</summary>
/// <remarks>
/// Once for each connection SQLite has open, not each time the pool hands one out: the settings live with the
/// connection, and running the three statements on every open was about a tenth of a small request's CPU. A pooled
/// connection keeps its handle, so the handle tells a connection already set up from a new one.
/// </remarks>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> SetUp = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && SetUp.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        if (handle is not null)
        {
            SetUp.AddOrUpdate(handle, SetUp);
        }
    }
}

/// <summary>What <see cref="Storage.SchemaAsync"/> found.</summary>
public enum SchemaState
{
    Current,
    Behind,
    Unreachable,
}
