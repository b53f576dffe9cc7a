using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Import;

/// <summary>The same file imported twice leaves one copy of each contact; the rep chooses what a matching row does.</summary>
public class ImportDuplicatesTests
{
    /// <summary>HubSpot's contact export: a first name alone, an owner by name, another by email, one who is not a user here, and a repeat.</summary>
    private const string HubSpot = """
        Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lead Status,Contact owner
        101,Sue,Jones,sue@xyz.example,(415) 616-2407,XYZ Company,COO,In progress,Freda Whitehouse
        102,Steve,Fields,steve@fields.example,415.616.2498,XYZ Company,CEO,Attempted to contact,freda@abc.example
        103,Dana,,dana@acme.example,,Acme Freight,Dispatcher,New,Pat Nobody
        104,Lee,Park,,(212) 555-0147,,,New,
        105,Susan,Jones,SUE@XYZ.EXAMPLE,,,,New,
        """;

    private static async Task<(HttpResponseMessage Response, JsonNode? Body)> ImportAsync(HttpClient client, string csv, string query = "")
    {
        using var content = new StringContent(csv.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/csv");
        var response = await client.PostAsync("/api/v1/imports/contacts" + query, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text));
    }

    private static async Task<List<JsonNode>> ContactsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/v1/contacts?pageSize=200")).Body!["items"]!.AsArray().Select(n => n!)];

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_file_imported_twice_leaves_one_copy_of_each_contact(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();

        var (first, report) = await ImportAsync(client, HubSpot);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, report?.ToJsonString());
        (report.Str("contactsImported"), report.Str("matched"), report.Str("skipped")).ShouldBe(("4", "1", "1"), "row 105 is Sue again (the same email)");
        report!["unknownOwners"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe(["Pat Nobody"]);
        var contacts = await ContactsAsync(client);
        contacts.Select(c => c.Str("displayName")).Order().ShouldBe(["Dana", "Lee Park", "Steve Fields", "Sue Jones"]);
        contacts.ShouldAllBe(c => c.Str("ownerId") == me.Id.ToString());

        // The dry run of the same file says how many rows match; the import then skips them and changes nothing.
        var (_, dry) = await ImportAsync(client, HubSpot, "?dryRun=true");
        (dry.Str("matched"), dry.Str("contactsImported")).ShouldBe(("5", "0"));
        var (_, again) = await ImportAsync(client, HubSpot);
        (again.Str("contactsImported"), again.Str("skipped"), again.Str("committed")).ShouldBe(("0", "5", "true"));
        (await ContactsAsync(client)).Count.ShouldBe(4);

        // Updating: the file's values replace the contacts', what it leaves empty stays.
        var (_, updated) = await ImportAsync(client, HubSpot.Replace("XYZ Company,COO", "XYZ Company,Chief Operating Officer", StringComparison.Ordinal), "?duplicates=update");
        (updated.Str("updated"), updated.Str("contactsImported")).ShouldBe(("4", "0"), "four rows match a contact; the fifth repeats a row of the file");
        var sue = (await ContactsAsync(client)).Single(c => c.Str("lastName") == "Jones");
        (sue.Str("title"), sue.Str("email")).ShouldBe(("Chief Operating Officer", "sue@xyz.example"));

        // As new, on request: every good row is a new contact.
        var (_, asNew) = await ImportAsync(client, HubSpot, "?duplicates=new");
        asNew.Str("contactsImported").ShouldBe("5");
        (await ContactsAsync(client)).Count.ShouldBe(9);
        (await ImportAsync(client, HubSpot, "?duplicates=twice")).Body.Str("errors.duplicates.0").ShouldContain("skip, update, new");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_imports_of_one_file_at_the_same_moment_do_not_duplicate(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var rows = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"{i},Pat,Prospect {i},pat{i}@example.com,,Co {i % 7},,New,"));
        var csv = "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lead Status,Contact owner\n" + rows;

        var both = await Task.WhenAll(ImportAsync(client, csv), ImportAsync(client, csv));

        both.ShouldAllBe(r => r.Response.StatusCode == HttpStatusCode.OK);
        both.Sum(r => int.Parse(r.Body.Str("contactsImported"), System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(300);
        (await client.GetJsonAsync("/api/v1/contacts?pageSize=1")).Body.Str("total").ShouldBe("300");
    }
}
