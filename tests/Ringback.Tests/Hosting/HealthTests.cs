using System.Net;
using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Hosting;

public class HealthTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Health_says_whether_the_schema_is_current_from_the_migration_history(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var client = app.CreateClient();
        var (healthy, body) = await client.GetJsonAsync("/healthz");
        healthy.StatusCode.ShouldBe(HttpStatusCode.OK);
        (body.Str("status"), body.Str("database")).ShouldBe(("healthy", provider.ToString().ToLowerInvariant()));

        // A database whose history lacks this build's newest migration is behind: the probe says so, and says it
        // answers, so an operator migrates rather than looks for a network fault.
        string newest;
        await using (var db = app.Database.NewContext())
        {
            newest = db.Database.GetMigrations().Last();
            (await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", newest)).ShouldBe(1);
        }

        var (behind, why) = await client.GetJsonAsync("/healthz");
        behind.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (why.Str("status"), why.Str("reason")).ShouldBe(("unhealthy", "the schema is not up to date"));

        await using (var db = app.Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({0}, '10.0.0')""", newest);
        }

        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_on_a_postgresql_server_that_does_not_answer_says_so()
    {
        // The schema check on a server nobody listens on: unreachable, not behind.
        var state = await Ringback.Data.Storage.SchemaAsync(new StorageOptions { Postgres = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2" }, default);
        state.ShouldBe(SchemaState.Unreachable);
    }
}
