using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Cli;

[Trait("Tier", "Process")]
public class CommandLineTests
{
    private const string Password = "correct horse battery staple";

    /// <summary>
    /// The issue's "done when": a contact imported from CSV and a call logged through the API are in the export
    /// and the timeline after a restart. The server is killed, not stopped, so the call must already be on disk.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_imported_contact_and_an_acknowledged_call_survive_a_crash(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var ringback = new RingbackProcess(database, realProcess: true);
        var added = await ringback.RunWithInputAsync(Password, "user", "add", "--email", "freda@abc.example", "--name", "Freda Whitehouse", "--password-stdin", "--token");
        added.ExitCode.ShouldBe(0, added.Error);
        var token = added.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        token.ShouldStartWith("rb_");

        var csv = Path.Combine(database.Directory, "hubspot.csv");
        await File.WriteAllTextAsync(csv, "First Name,Last Name,Phone Number,Company Name\nSue,Jones,(415) 616-2407,XYZ Company\n");
        var imported = await ringback.RunAsync("import", "contacts", csv);
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Out.ShouldContain("Imported 1 contact,");

        string contactId;
        await using (var server = await ringback.ServeAsync())
        {
            server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var (_, found) = await server.Client.GetJsonAsync("/api/v1/contacts?q=415.616.2407");
            contactId = found.Str("items.0.id");
            var logged = await server.Client.PostAsJsonAsync($"/api/v1/contacts/{contactId}/calls", new { outcome = "voicemail-left", messageText = "Hi Sue, this is Freda at 901-555-2120." });
            logged.StatusCode.ShouldBe(HttpStatusCode.Created);
            await server.CrashAsync();
        }

        await using (var restarted = await ringback.ServeAsync())
        {
            restarted.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var (_, timeline) = await restarted.Client.GetJsonAsync($"/api/v1/contacts/{contactId}/timeline");
            timeline.Str("0.messageText").ShouldBe("Hi Sue, this is Freda at 901-555-2120.");
        }

        var exported = await ringback.RunAsync("export", "contacts");
        exported.ExitCode.ShouldBe(0, exported.Error);
        exported.Out.ShouldContain("Sue,Jones,,XYZ Company,,'+14156162407");
        exported.Out.ShouldContain(",working,", customMessage: "the logged voicemail moved Sue from new to working");
    }

    [Fact]
    public async Task A_bad_import_names_each_bad_row_exits_non_zero_and_imports_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        (await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda", "--password", Password)).ExitCode.ShouldBe(0);
        var csv = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(csv, "Last Name;Phone;Email\nGood;415-616-2407;g@x.example\nBad;12;nope\nAlso Good;;\n");

        var result = await ringback.RunAsync("import", "contacts", csv);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("line 3, column 'Phone': '12' is too short");
        result.Error.ShouldContain("line 3, column 'Email': 'nope' is not an email address");
        result.Error.ShouldContain("Nothing was imported: 1 of 3 rows are bad");
        result.Error.ShouldNotContain("   at ", customMessage: "no stack trace");
        (await ringback.RunAsync("export", "contacts")).Out.Trim().Split('\n').Length.ShouldBe(1, "only the header");

        var missing = await ringback.RunAsync("import", "contacts", Path.Combine(database.Directory, "nope.csv"));
        (missing.ExitCode, missing.Error.Trim()).ShouldBe((1, $"ringback: {Path.Combine(database.Directory, "nope.csv")}: no such file"));
    }

    [Fact]
    public async Task Log_call_finds_the_contact_by_number_and_keeps_the_promise_in_their_time_zone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        (await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda", "--password", Password)).ExitCode.ShouldBe(0);
        var csv = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(csv, "First Name,Last Name,Mobile,Time Zone\nSue,Jones,+44 7400 123456,Europe/London\n");
        (await ringback.RunAsync("import", "contacts", csv)).ExitCode.ShouldBe(0);

        var logged = await ringback.RunAsync("log-call", "--contact", "+447400123456", "--outcome", "voicemail left", "--strategy", "vague",
            "--message", "Hi Sue, this is Freda.", "--promise", "2030-03-29 10:30");
        logged.ExitCode.ShouldBe(0, logged.Error);
        logged.Out.ShouldStartWith("Logged voicemail-left with Sue Jones");

        await using var db = database.NewContext();
        var call = db.Calls.IgnoreQueryFilters().Single();

        // London is on GMT until the 31st: 10:30 there is 10:30 UTC.
        call.PromisedNextCallAt.ShouldBe(NodaTime.Instant.FromUtc(2030, 3, 29, 10, 30));

        // 01:30 in London is outside the calling hours there: refused with the next allowed time, nothing logged.
        var night = await ringback.RunAsync("log-call", "--contact", "+447400123456", "--outcome", "no answer", "--promise", "2030-03-29 01:30");
        night.ExitCode.ShouldBe(1);
        night.Error.ShouldContain("Fri 29 Mar 01:30 their time is outside the calling hours there");
        night.Error.ShouldContain("the next allowed time is Fri 29 Mar 09:00");
        db.Calls.IgnoreQueryFilters().Count().ShouldBe(1);
        call.Strategy.ShouldBe(Ringback.Calls.Strategy.Vague);

        var unknown = await ringback.RunAsync("log-call", "--contact", "415-000-0000", "--outcome", "busy");
        (unknown.ExitCode, unknown.Error.Trim()).ShouldBe((1, "ringback: --contact: no contact matches '415-000-0000'"));
        var badOutcome = await ringback.RunAsync("log-call", "--contact", "+447400123456", "--outcome", "left a message");
        badOutcome.ExitCode.ShouldBe(1);
        badOutcome.Error.ShouldContain("outcome: 'left a message' is not one of: connected, voicemail-left");
    }

    [Fact]
    public async Task User_add_refuses_a_short_password_and_a_taken_email()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        var weak = await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda", "--password", "short");
        (weak.ExitCode, weak.Error.Trim()).ShouldBe((1, "ringback: password: must be at least 12 characters"));
        (await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda", "--password", Password)).ExitCode.ShouldBe(0);
        var again = await ringback.RunAsync("user", "add", "--email", "F@ABC.example", "--name", "Freda", "--password", Password);
        (again.ExitCode, again.Error.Trim()).ShouldBe((1, "ringback: email: f@abc.example already has an account"));

        await using var db = database.NewContext();
        var stored = db.Users.IgnoreQueryFilters().Single();
        stored.PasswordHash.ShouldNotBeNull();
        stored.PasswordHash.ShouldNotContain(Password);
        db.ApiTokens.IgnoreQueryFilters().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_fails_start_up_with_a_plain_message_and_no_fallback()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        var ringback = new RingbackProcess(database, realProcess: true);

        var result = await ringback.RunAsync("user", "list", "--postgres", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldStartWith("ringback: ");
        result.Error.ShouldNotContain("   at ");
        File.Exists(database.Storage.SqlitePath).ShouldBeFalse("SQLite is never used as a fallback");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_and_tokens_are_stored_only_as_hashes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        var added = await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda", "--password", Password, "--token");
        var token = added.Out.Trim().Split('\n').Last().Trim();
        await using var server = await ringback.ServeAsync();
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await server.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listed = await ringback.RunAsync("user", "token", "list", "--email", "f@abc.example");
        listed.Out.ShouldStartWith(token[..10] + "…\tcli\tactive");
        var revoked = await ringback.RunAsync("user", "token", "revoke", "--email", "f@abc.example", token[..10]);
        revoked.ExitCode.ShouldBe(0, revoked.Error);

        (await server.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ringback.RunAsync("user", "token", "list", "--email", "f@abc.example")).Out.ShouldContain("revoked");
        await using var db = database.NewContext();
        var stored = db.ApiTokens.IgnoreQueryFilters().Single();
        stored.Hash.ShouldNotContain(token[3..]);
        stored.Hash.Length.ShouldBe(64);
    }
}
