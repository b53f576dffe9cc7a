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

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ringback-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        TestDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = TestEnvironment.PostgresConnectionOrSkip();
            var name = "rb_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(provider, new StorageOptions { DataDirectory = directory, Postgres = builder.ToString() }, directory, name, admin);
        }
        else
        {
            database = new TestDatabase(provider, new StorageOptions { DataDirectory = directory }, directory, null, null);
        }

        if (migrate)
        {
            await Ringback.Data.Storage.MigrateAsync(database.Storage);
        }

        return database;
    }

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
        SqliteCleanup();
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
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

    private static void SqliteCleanup() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
