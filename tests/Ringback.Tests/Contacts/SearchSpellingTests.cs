using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Contacts;

/// <summary>Search finds what people type: a name without its accents or with them spelled out, a number in another country's way, part of a number.</summary>
public class SearchSpellingTests
{
    private static async Task<List<string>> FoundAsync(HttpClient client, string q) =>
        [.. (await client.GetJsonAsync($"/api/v1/contacts?q={Uri.EscapeDataString(q)}")).Body!["items"]!.AsArray().Select(c => c.Str("lastName")).Order()];

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Names_are_found_however_their_accents_are_typed_and_numbers_however_they_are_dialled(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        await client.PostAsync("/api/v1/contacts", new { firstName = "Jürgen", lastName = "Schäfer", company = "Société Générale", directPhone = "+49 30 901820" });
        await client.PostAsync("/api/v1/contacts", new { firstName = "Łukasz", lastName = "Wałęsa", mobilePhone = "+48 512 345 678" });
        await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(415) 616-2407" });
        await client.PostAsync("/api/v1/contacts", new { firstName = "Ana", lastName = "Straße" });

        foreach (var typed in new[] { "Schaefer", "schafer", "SCHÄFER", "jurgen schaefer", "Juergen", "societe generale", "0049 30 9018", "+49 30 90", "030 901820", "49309018" })
        {
            (await FoundAsync(client, typed)).ShouldBe(["Schäfer"], typed);
        }

        (await FoundAsync(client, "Lukasz Walesa")).ShouldBe(["Wałęsa"]);
        (await FoundAsync(client, "0048 512")).ShouldBe(["Wałęsa"]);
        (await FoundAsync(client, "strasse")).ShouldBe(["Straße"]);
        (await FoundAsync(client, "616-24")).ShouldBe(["Jones"]);
        (await FoundAsync(client, "Schmidt")).ShouldBeEmpty();
    }

    /// <summary>A contact saved before names were kept folded is found after the migration that folds them.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_migration_folds_the_names_of_contacts_saved_before(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, created) = await client.PostAsync("/api/v1/contacts", new { firstName = "Zoë", lastName = "Müller", company = "Ålesund Fisk" });
        var id = Guid.Parse(created.Str("contact.id"));
        await using (var db = app.Database.NewContext())
        {
            // As an earlier release saved it: the names as typed, nothing folded.
            await db.Contacts.IgnoreQueryFilters().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.SearchText, "Zoë Müller Ålesund Fisk"));
        }

        (await FoundAsync(client, "Mueller")).ShouldBeEmpty();

        await using (var db = app.Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(SearchFolding.Update(postgres: provider == DatabaseProvider.Postgres));
        }

        foreach (var typed in new[] { "Mueller", "muller", "Zoe", "alesund" })
        {
            (await FoundAsync(client, typed)).ShouldBe(["Müller"], typed);
        }
    }
}
