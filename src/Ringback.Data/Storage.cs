using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
    public static void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(storage.Postgres, npgsql => npgsql.EnableRetryOnFailure(3));
        }
        else
        {
            Directory.CreateDirectory(storage.ResolvedDataDirectory);
            options.UseSqlite(storage.SqliteConnectionString);
            options.AddInterceptors(SqliteDurability.Instance);
        }

        // The migrations carry no model snapshot (they are hand-written); MigratedSchemaEqualsModel checks
        // instead, on both providers, that they build exactly the schema the model describes.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static DbContextOptions<RingbackDbContext> Options(StorageOptions storage)
    {
        var builder = new DbContextOptionsBuilder<RingbackDbContext>();
        Configure(builder, storage);
        return builder.Options;
    }

    /// <summary>Brings the schema up to date. Run at start-up by both the web host and the CLI.</summary>
    public static async Task MigrateAsync(RingbackDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL persists in the file: readers never block the writer, and with synchronous=FULL (set on
            // every connection by SqliteDurability) a committed transaction survives a power cut.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await AnalyzeAsync(db.Database.GetDbConnection(), db.Database.IsSqlite(), cancellationToken);
    }

    /// <summary>
    /// Refreshes the planner's statistics, so that a big, one-organization table still gets its phone and id
    /// indexes used. On SQLite a sampled ANALYZE (milliseconds, even at a million rows); PostgreSQL's own ANALYZE.
    /// Run at start-up and after every bulk import.
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
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
