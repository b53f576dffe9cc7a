using NodaTime;
using Npgsql;
using Ringback.Accounts;
using Ringback.Data;

namespace Ringback.Tests.Infrastructure;

/// <summary>Both providers, for <c>[Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]</c>.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);
}

/// <summary>
/// A fresh, empty database for one test: its own SQLite file in a temp folder, or its own PostgreSQL database
/// on the test server. Dropped when disposed, so tests never share data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string? _postgresName;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseProvider provider, StorageOptions storage, string directory, string? postgresName, string? postgresAdmin)
    {
        Provider = provider;
        Storage = storage;
        _directory = directory;
        _postgresName = postgresName;
        _postgresAdmin = postgresAdmin;
    }

    public DatabaseProvider Provider { get; }

    public StorageOptions Storage { get; }

    public string Directory => _directory;

    /// <param name="migrate">True: a copy of a database migrated once per run (a copied SQLite file; PostgreSQL's
    /// <c>CREATE DATABASE … TEMPLATE</c>), as a host's start would leave it. False: an empty database, for the tests whose
    /// subject is migrating one (schema, start-up, upgrades).</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ringback-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = TestEnvironment.PostgresConnectionOrSkip();
            var name = "rb_test_" + Guid.NewGuid().ToString("N")[..16];
            var template = migrate ? await PostgresTemplate.Value : null;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            return new TestDatabase(provider, new StorageOptions { DataDirectory = directory, Postgres = builder.ToString() }, directory, name, admin);
        }

        var storage = new StorageOptions { DataDirectory = directory };
        if (migrate)
        {
            File.Copy(await SqliteTemplate.Value, storage.SqlitePath);
        }

        return new TestDatabase(provider, storage, directory, null, null);
    }

    /// <summary>The SQLite file every migrated test database starts as: migrated once, its WAL folded in, then only copied.</summary>
    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "ringback-tests", "template-" + Guid.NewGuid().ToString("N"));
        var storage = new StorageOptions { DataDirectory = directory };
        await Ringback.Data.Storage.MigrateAsync(storage);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={storage.SqlitePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return storage.SqlitePath;
    });

    /// <summary>The PostgreSQL database every migrated test database is created from; nobody stays connected to it, as a template needs.</summary>
    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var admin = TestEnvironment.PostgresConnectionOrSkip();
        var name = "rb_template_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        await Ringback.Data.Storage.MigrateAsync(new StorageOptions { Postgres = builder.ToString() });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The server went first (CI stops it at the end): the template went with it.
            }
        };
        return name;
    });

    public RingbackDbContext NewContext(Guid? organizationId = null) =>
        Ringback.Data.Storage.NewContext(Storage, OrganizationScope.Fixed(organizationId));

    /// <summary>An organization with one rep, for tests that need someone to own data.</summary>
    public async Task<User> AddUserAsync(string email = "freda@abc.example", string organization = "ABC Company")
    {
        await using var db = NewContext();
        var org = new Organization { Id = Guid.CreateVersion7(), Name = organization, CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            Name = "Freda Whitehouse",
            Email = email,
            TimeZone = "America/Chicago",
            CallbackPhone = "+19015552120",
            CreatedAt = org.CreatedAt,
        };
        db.Organizations.Add(org);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database goes: its connections are ended by the server (FORCE), and other tests' pools are left alone.
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(Storage.SqliteConnectionString));
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection on another thread: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
