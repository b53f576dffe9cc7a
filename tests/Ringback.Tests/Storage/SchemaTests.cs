using Microsoft.EntityFrameworkCore;
using Ringback.Data;
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

    [Fact]
    public async Task Sqlite_is_in_WAL_mode_with_full_sync_on_every_connection()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
        command.CommandText = "PRAGMA synchronous";
        (await command.ExecuteScalarAsync()).ShouldBe(2L, "2 is FULL");
        command.CommandText = "PRAGMA foreign_keys";
        (await command.ExecuteScalarAsync()).ShouldBe(1L);
    }
}
