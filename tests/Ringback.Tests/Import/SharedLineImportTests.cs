using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Import;

/// <summary>
/// Two address books of one team whose people share office switchboards: importing the second loses and merges no
/// one, "Update" only ever updates the same person, the dry run says exactly what the run does, and a callback from a
/// shared line waits for the rep instead of being credited on a guess.
/// </summary>
public class SharedLineImportTests
{
    /// <summary>A HubSpot export: three people on Acme's switchboard, two on Borsig's (a German office), one with her own line.</summary>
    private const string FirstBook = """
        Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title
        1,Fatima,Kowalski,fatima@acme.example,(415) 555-0100,Acme Freight,COO
        2,Jürgen,Schäfer,,(415) 555-0100,Acme Freight,Dispatcher
        3,Ana,Lima,ana@acme.example,(415) 555-0100,Acme Freight,Buyer
        4,Søren,Holm,,+49 30 901820,Borsig GmbH,Einkauf
        5,Lena,Wagner,lena@borsig.example,+49 30 901820,Borsig GmbH,Leitung
        6,Sue,Jones,sue@xyz.example,(212) 555-0147,XYZ Company,COO
        """;

    /// <summary>
    /// An Outlook export of another rep's book: four new people on the same switchboards, Jürgen again written the
    /// plain way, Lena again by her email, and Sue's number now under someone else (her desk changed hands).
    /// </summary>
    private const string SecondBook = """
        "First Name","Last Name","Company","Job Title","Business Phone","E-mail Address"
        "Marcus","Fields","Acme Freight","CFO","415.555.0100","marcus@acme.example"
        "Priya","Raman","Acme Freight","Sales","+1 415 555 0100",""
        "JURGEN","SCHAEFER","Acme Freight","Dispatch lead","4155550100",""
        "Klaus","Becker","Borsig GmbH","Technik","+49 (0)30 901820",""
        "L.","Wagner-Roth","Borsig","Leitung","","LENA@BORSIG.EXAMPLE"
        "Tom","Baker","XYZ Company","COO","(212) 555-0147","tom@xyz.example"
        """;

    private static async Task<JsonNode> ImportAsync(HttpClient client, string csv, string query = "")
    {
        using var content = new StringContent(csv.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/csv");
        var response = await client.PostAsync("/api/v1/imports/contacts" + query, content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static async Task<List<JsonNode>> ContactsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/v1/contacts?pageSize=200")).Body!["items"]!.AsArray().Select(n => n!)];

    private static (string, string, string, string) Counts(JsonNode r) => (r.Str("new"), r.Str("updated"), r.Str("skipped"), r.Str("sharesNumber"));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_second_address_book_on_shared_office_lines_imports_without_losing_or_merging_anyone(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();

        var first = await ImportAsync(client, FirstBook);
        (first.Str("contactsImported"), first.Str("matched"), first.Str("sharesNumber")).ShouldBe(("6", "0", "3"), "rows 2, 3 and 5 share a switchboard with an earlier row");
        var before = await ContactsAsync(client);

        // The dry run says exactly what "Update" will do: two rows are people we have, four are new people.
        var dry = await ImportAsync(client, SecondBook, "?dryRun=true&duplicates=update");
        Counts(dry).ShouldBe(("4", "2", "0", "4"));
        var matches = dry["matches"]!.AsArray().Select(m => m.Str("text")).ToList();
        matches.ShouldContain(m => m.StartsWith("line 2 Marcus Fields ↔ ", StringComparison.Ordinal) && m.EndsWith(": same number (imported as a new contact that shares the number)", StringComparison.Ordinal));
        matches.ShouldContain("line 4 JURGEN SCHAEFER ↔ Jürgen Schäfer: the same number (updates that contact)");
        matches.ShouldContain("line 6 L. Wagner-Roth ↔ Lena Wagner: the same email (updates that contact)");
        matches.ShouldContain("line 7 Tom Baker ↔ Sue Jones: same number (imported as a new contact that shares the number)");

        var run = await ImportAsync(client, SecondBook, "?duplicates=update");
        Counts(run).ShouldBe(Counts(dry));
        run.Str("contactsImported").ShouldBe("4");

        var after = await ContactsAsync(client);
        after.Count.ShouldBe(10, "six from the first book, four new people from the second");
        foreach (var person in before)
        {
            var now = after.Single(c => c.Str("id") == person.Str("id"));
            var samePerson = person.Str("email") is not "<null>" and var email
                ? string.Equals(email, now.Str("email"), StringComparison.OrdinalIgnoreCase)
                : Ringback.Contacts.SamePerson.Names(person.Str("firstName"), person.Str("lastName"), now.Str("firstName"), now.Str("lastName"));
            samePerson.ShouldBeTrue($"{person.Str("displayName")} did not become {now.Str("displayName")}");
        }

        var sue = after.Single(c => c.Str("email") == "sue@xyz.example");
        (sue.Str("firstName"), sue.Str("lastName")).ShouldBe(("Sue", "Jones"), "Tom only has her old number");
        var juergen = after.Single(c => c.Str("title") == "Dispatch lead");
        juergen.Str("lastName").ShouldBe("SCHAEFER", "the same person, brought up to date from the newer book");

        // Imported again, both books change nothing.
        Counts(await ImportAsync(client, FirstBook)).ShouldBe(("0", "0", "6", "0"));
        Counts(await ImportAsync(client, SecondBook)).ShouldBe(("0", "0", "6", "0"));
        (await ContactsAsync(client)).Count.ShouldBe(10);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_rep_decides_single_rows_and_a_bad_choice_is_named(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        await ImportAsync(client, FirstBook);

        // Line 4 (Jürgen again) updated, line 6 (Lena again) imported as a new contact, the rest as the default says.
        var run = await ImportAsync(client, SecondBook, "?rows=4:update,6:new");
        Counts(run).ShouldBe(("5", "1", "0", "4"));

        using var content = new StringContent(SecondBook, Encoding.UTF8, "text/csv");
        var (response, body) = (await client.PostAsync("/api/v1/imports/contacts?rows=4:merge,x:new", content), (JsonNode?)null);
        body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Str("errors.rows.0").ShouldContain("skip, update, new");
        body.Str("errors.rows.1").ShouldContain("'x:new' is not LINE:CHOICE");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callback_from_a_shared_switchboard_waits_with_its_candidates_and_is_credited_when_filed(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        await ImportAsync(client, FirstBook);
        var contacts = await ContactsAsync(client);
        string IdOf(string last) => contacts.Single(c => c.Str("lastName") == last).Str("id");
        var at = RingbackApiFactory.Now;

        foreach (var (last, hoursAgo) in new[] { ("Kowalski", 50), ("Lima", 3) })
        {
            var (logged, call) = await client.PostAsync($"/api/v1/contacts/{IdOf(last)}/calls", new
            {
                outcome = "voicemail-left", strategy = "vague", startedAt = (at - Duration.FromHours(hoursAgo)).ToDateTimeOffset(),
                messageText = "Hi, this is Greg Pitcher at 415-616-2407. It is Tuesday morning and I'll be in the office today. 415-616-2407. Thanks!",
            });
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, call?.ToJsonString());
        }

        var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "415-555-0100", durationSeconds = 120 });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body?.ToJsonString());
        body.Str("result").ShouldBe("shared-line");
        body!["candidates"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([IdOf("Lima"), IdOf("Kowalski"), IdOf("Schäfer")], "the latest message first");
        var (_, inbox) = await client.GetJsonAsync("/api/v1/inbox");
        inbox.Str("0.candidates.0").ShouldBe(IdOf("Lima"));
        inbox.Str("0.reason").ShouldContain("shared line: 3 contacts");

        // The rep says it was Fatima: the call is logged on her and credited to her message, not Ana's later one.
        var (filed, logged2) = await client.PostAsync($"/api/v1/inbox/{body.Str("inbox.id")}/assign", new { contactId = IdOf("Kowalski") });
        filed.StatusCode.ShouldBe(HttpStatusCode.Created, logged2?.ToJsonString());
        (logged2.Str("call.contactId"), logged2.Str("credit.strategy")).ShouldBe((IdOf("Kowalski"), "vague"));
    }
}
