using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Storage;

public class SchemaTests
{
    /// <summary>
    /// The hand-written migrations must build exactly what the EF model describes. The model's own schema is
    /// made by EnsureCreated in a second empty database (only here, as the reference); both are read back from
    /// the catalog and compared line by line.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MigratedSchemaEqualsModel(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider, migrate: true);
        await using var modelled = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var migratedDb = migrated.NewContext();
        await using var modelledDb = modelled.NewContext();
        (await modelledDb.Database.EnsureCreatedAsync()).ShouldBeTrue();

        var fromMigrations = await SchemaReader.ReadAsync(migratedDb);
        var fromModel = await SchemaReader.ReadAsync(modelledDb);

        fromModel.Count.ShouldBeGreaterThan(100, "the reference schema was read");
        fromMigrations.Except(fromModel).ShouldBeEmpty("the migrations make these, but the model does not describe them");
        fromModel.Except(fromMigrations).ShouldBeEmpty("the model describes these, but no migration makes them");
        (await migratedDb.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    /// <summary>
    /// The model the server starts building before its host is built (<see cref="Ringback.Data.Storage.WarmUp"/>)
    /// is the very one every context then uses: were the warm-up's options to differ in what EF keys its models
    /// by, each start would build the model twice, the second time on the critical path.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_model_built_at_start_up_is_the_one_every_context_uses(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await Ringback.Data.Storage.WarmUp(database.Storage);
        await using var warm = Ringback.Data.Storage.WarmUpContext(database.Storage);
        await using var db = database.NewContext();

        ReferenceEquals(warm.Model, db.Model).ShouldBeTrue();
    }

    /// <summary>
    /// A start decides whether to migrate from the migrations it finds itself (without a context, so as not to wait
    /// for the model): the same list EF Core finds, or a database a migration behind would be taken as current.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_start_knows_the_same_migrations_EF_Core_does(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.NewContext();

        Ringback.Data.Storage.KnownMigrations(provider).ShouldBe(db.Database.GetMigrations().ToList());
    }

    /// <summary>
    /// Ringback's statements are prepared on the PostgreSQL server once a connection has run them twice, unless the
    /// operator's connection string chose otherwise (in any spelling Npgsql accepts).
    /// </summary>
    [Theory]
    [InlineData("Host=db;Database=rb", 64, 2)]
    [InlineData("Host=db;Database=rb;Max Auto Prepare=0", 0, 2)]
    [InlineData("host=db;database=rb;maxautoprepare=5;AUTO PREPARE MIN USAGES=7", 5, 7)]
    public void PostgreSQL_statements_are_prepared_unless_the_operator_says_otherwise(string given, int maxAutoPrepare, int minUsages)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(new StorageOptions { Postgres = given }.PostgresConnectionString);

        builder.MaxAutoPrepare.ShouldBe(maxAutoPrepare);
        builder.AutoPrepareMinUsages.ShouldBe(minUsages);
        builder.Host.ShouldBe("db");
        new StorageOptions().PostgresConnectionString.ShouldBeNull();
    }

    [Fact]
    public async Task A_query_run_twice_on_PostgreSQL_is_prepared_on_the_server()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await db.Contacts.Where(c => c.LastName == "Nobody").CountAsync();
        }

        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        prepared.ShouldContain(sql => sql.Contains("contacts", StringComparison.Ordinal));
    }

    /// <summary>
    /// On PostgreSQL the data-protection keys live in the database, read and written in plain SQL: a key stored is
    /// in the migrated table, as EF Core maps it, and read back whole.
    /// </summary>
    [Fact]
    public async Task The_key_ring_on_PostgreSQL_is_the_migrated_table()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var ring = new Ringback.Data.Secrets.PostgresKeyRing(database.Storage.Postgres!);
        var key = new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "k1"), new System.Xml.Linq.XElement("secret", "s & <t>"));

        ring.StoreElement(key, "key-k1");

        ring.GetAllElements().Select(e => e.ToString()).ShouldBe([key.ToString()]);
        await using var db = database.NewContext();
        var row = await db.DataProtectionKeys.SingleAsync();
        row.FriendlyName.ShouldBe("key-k1");
        System.Xml.Linq.XElement.Parse(row.Xml!).ToString().ShouldBe(key.ToString());
    }

    /// <summary>
    /// What <c>dotnet ef migrations has-pending-model-changes</c> checks: each provider's migrations and model
    /// snapshot describe the model as it is now. A model change without <c>dotnet ef migrations add</c> for both
    /// providers fails here (and start-up refuses it too).
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_providers_migrations_cover_every_model_change(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.NewContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for this provider (README, Changing the schema)");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    /// <summary>
    /// A database made by the release before the migration tooling (Releases/, made with that release's CLI: a rep,
    /// three contacts, three calls, a do-not-call list, a token) upgrades in place and keeps every row.
    /// </summary>
    [Fact]
    public async Task A_database_from_the_previous_release_upgrades_in_place_with_every_row()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Releases", "ringback-20261122150000_StatsIndexes.db"), database.Storage.SqlitePath);

        await Ringback.Data.Storage.MigrateAsync(database.Storage);
        await using (var db = database.NewContext())
        {
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        }

        var org = await OnlyOrganizationAsync(database);
        await using var scoped = database.NewContext(org);
        (await scoped.Users.SingleAsync()).Email.ShouldBe("freda@abc.example");
        (await scoped.ApiTokens.CountAsync()).ShouldBe(1);
        var contacts = await scoped.Contacts.OrderBy(c => c.LastName).Select(c => new { c.LastName, c.DirectPhone }).ToListAsync();
        contacts.Select(c => $"{c.LastName} {c.DirectPhone}").ShouldBe(["Fields +17035558047", "Jones +14156162407", "Müller +4930901820"]);
        var calls = await scoped.Calls.OrderBy(c => c.StartedAt).Select(c => c.Outcome.ToString()).ToListAsync();
        calls.Count.ShouldBe(3);
        (await scoped.Calls.CountAsync(c => c.MessageText!.Contains("Thursday at 10"))).ShouldBe(1);
        (await scoped.DoNotCallNumbers.CountAsync()).ShouldBe(2);
        (await scoped.FollowUps.CountAsync()).ShouldBeGreaterThan(0);
    }

    private static async Task<Guid> OnlyOrganizationAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Organizations.Select(o => o.Id).SingleAsync();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_indexes_that_reads_depend_on_exist(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var schema = string.Join('\n', await SchemaReader.ReadAsync(db));

        schema.ShouldContain("IX_calls_contact_id_started_at", customMessage: "a contact's timeline");
        schema.ShouldContain("IX_calls_organization_id_user_id_promised_next_call_at", customMessage: "a rep's due calls");
        schema.ShouldContain("IX_contacts_organization_id_direct_phone", customMessage: "lookup by number");
        schema.ShouldContain("IX_contacts_organization_id_mobile_phone", customMessage: "lookup by number");
        schema.ShouldContain("IX_contacts_organization_id_after_hours_phone", customMessage: "lookup by number");
        schema.ShouldContain("IX_gatekeepers_organization_id_phone", customMessage: "lookup by a gatekeeper's number");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_provider_specific_search_index_exists(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name IN ('contact_search', 'contact_search_insert', 'contact_search_update', 'contact_search_delete')"
            : $"SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = '{ContactSearch.PostgresIndex}' AND indexdef LIKE '%gin_trgm_ops%'";
        var found = await db.Database.SqlQueryRaw<int>(sql).SingleAsync();

        found.ShouldBe(provider == DatabaseProvider.Sqlite ? 4 : 1);
    }

    /// <summary>
    /// Every connection a context gets runs with full sync, foreign keys and the busy timeout: a new one, and one the
    /// pool hands out again (the settings are applied once per connection SQLite has open, not on every hand-out).
    /// </summary>
    [Fact]
    public async Task Sqlite_is_in_WAL_mode_with_full_sync_on_every_connection()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        for (var round = 0; round < 4; round++)
        {
            if (round == 2)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            await using var db = database.NewContext();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            (await command.ExecuteScalarAsync()).ShouldBe("wal");
            command.CommandText = "PRAGMA synchronous";
            (await command.ExecuteScalarAsync()).ShouldBe(2L, $"2 is FULL (round {round})");
            command.CommandText = "PRAGMA foreign_keys";
            (await command.ExecuteScalarAsync()).ShouldBe(1L);
            command.CommandText = "PRAGMA busy_timeout";
            (await command.ExecuteScalarAsync()).ShouldBe(30000L);
        }
    }
}
