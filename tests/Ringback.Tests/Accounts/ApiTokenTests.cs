using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>The look-up every API request makes, compiled once per database model.</summary>
public class ApiTokenTests
{
    private static readonly TestClock Clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    /// <summary>
    /// EF Core runs a compiled query only on the model it was compiled for: a process with both databases (the tests)
    /// looks tokens up on each in turn. Revoking a token and deactivating its user are seen by the next look-up.
    /// </summary>
    [Fact]
    public async Task A_token_is_found_on_either_database_in_turn_and_not_once_revoked_or_its_user_deactivated()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var people = new List<(TestDatabase Database, User User, string Token)>();
        foreach (var database in new[] { sqlite, postgres })
        {
            var user = await database.AddUserAsync(email: $"freda@{database.Storage.Provider}.example");
            await using var db = database.NewContext(user.OrganizationId);
            people.Add((database, user, await new AccountService(db, Clock, "US").CreateTokenAsync(user, "laptop")));
        }

        for (var round = 0; round < 2; round++)
        {
            foreach (var (database, user, token) in people)
            {
                await using var db = database.NewContext();
                var holder = await new AccountService(db, Clock, "US").FindByTokenAsync(token);
                holder.ShouldBe(new SignedInUser(user.Id, user.OrganizationId, user.Name, user.Email, user.Role));
                (await new AccountService(db, Clock, "US").FindByTokenAsync(token + "x")).ShouldBeNull();
            }
        }

        var (first, firstUser, firstToken) = people[0];
        await using (var db = first.NewContext(firstUser.OrganizationId))
        {
            (await new AccountService(db, Clock, "US").RevokeTokenAsync(firstUser, firstToken[..10])).ShouldBeTrue();
            (await new AccountService(db, Clock, "US").FindByTokenAsync(firstToken)).ShouldBeNull("revoked");
        }

        var (second, secondUser, secondToken) = people[1];
        await using (var db = second.NewContext(secondUser.OrganizationId))
        {
            var stored = await db.Users.FindAsync(secondUser.Id);
            stored!.DeactivatedAt = Clock.GetCurrentInstant();
            await db.SaveChangesAsync();
            (await new AccountService(db, Clock, "US").FindByTokenAsync(secondToken)).ShouldBeNull("its user is deactivated");
        }
    }
}
