using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Contacts;

public class ContactsApiTests
{
    [Fact]
    public async Task Every_api_endpoint_needs_a_token_but_health_and_the_openapi_document_do_not()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var anonymous = app.CreateClient();

        foreach (var url in new[] { "/api/v1/contacts", "/api/v1/reference-clients", "/api/v1/me", $"/api/v1/contacts/{Guid.NewGuid()}/timeline" })
        {
            var response = await anonymous.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        }

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "rb_not-a-real-token");
        (await anonymous.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (health, healthBody) = await app.CreateClient().GetJsonAsync("/healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (healthBody.Str("status"), healthBody.Str("database")).ShouldBe(("healthy", "sqlite"));

        foreach (var url in new[] { "/api/v1/no-such-thing", "/api/v1/contacts/not-an-id/place", "/api/v2/contacts" })
        {
            var (missing, problem) = await app.CreateClient().GetJsonAsync(url);
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            problem.Str("detail").ShouldContain("no such API endpoint", customMessage: url);
        }

        var (openApi, document) = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        openApi.StatusCode.ShouldBe(HttpStatusCode.OK);
        document!["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/v1/contacts/{contactId}/calls");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_contact_is_created_read_updated_and_deleted(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();

        var (created, body) = await client.PostAsync("/api/v1/contacts", new
        {
            salutation = "Ms.", firstName = "Sue", lastName = "Jones", company = "XYZ Company", industry = "Chemicals",
            directPhone = "(415) 616-2407", mobilePhone = "415.616.2498", timeZone = "America/Los_Angeles", referredByName = "Joe Sampson",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = body.Str("contact.id");
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/contacts/{id}");
        (body.Str("contact.directPhone"), body.Str("contact.company"), body.Str("contact.status"), body.Str("contact.ownerId"))
            .ShouldBe(("+14156162407", "XYZ Company", "new", me.Id.ToString()));

        var (updated, updatedBody) = await client.PutAsync($"/api/v1/contacts/{id}", new { firstName = "Sue", lastName = "Jones-Smith", status = "meeting-booked", directPhone = "+1 415 616 2407" });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (updatedBody.Str("contact.lastName"), updatedBody.Str("contact.status"), updatedBody.Str("contact.company")).ShouldBe(("Jones-Smith", "meeting-booked", "<null>"));

        (await client.GetJsonAsync($"/api/v1/contacts/{id}")).Body.Str("contact.displayName").ShouldBe("Sue Jones-Smith");
        (await client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validation_errors_are_problem_details_naming_every_bad_field()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (response, problem) = await client.PostAsync("/api/v1/contacts", new
        {
            lastName = "", directPhone = "555-12", email = "nope", timeZone = "Mars/Base", status = "hot", ownerId = Guid.NewGuid(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["directPhone", "email", "lastName", "ownerId", "status", "timeZone"]);
        problem.Str("errors.directPhone.0").ShouldContain("too short");
    }

    [Fact]
    public async Task Unreadable_json_gets_a_problem_saying_where_not_a_500()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        using var content = new StringContent("{\"lastName\": \"Jones\", \"ownerId\": 42", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/contacts", content);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("ownerId");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_list_searches_by_any_written_number_filters_sorts_and_pages(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        for (var i = 0; i < 120; i++)
        {
            (await client.PostAsync("/api/v1/contacts", new { lastName = $"Prospect{i:000}", industry = i % 2 == 0 ? "Tires" : "Chemicals", status = i < 10 ? "engaged" : "new" }))
                .Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await client.PostAsync("/api/v1/contacts", new { firstName = "Greg", lastName = "Pitcher", directPhone = "415-616-2407" });

        foreach (var written in new[] { "(415) 616-2407", "415.616.2407", "+1 415 616 2407", "1-415-616-2407" })
        {
            var (_, found) = await client.GetJsonAsync($"/api/v1/contacts?q={Uri.EscapeDataString(written)}");
            (found.Str("total"), found.Str("items.0.lastName")).ShouldBe(("1", "Pitcher"), written);
        }

        var (_, page3) = await client.GetJsonAsync("/api/v1/contacts?q=prospect&pageSize=50&page=3");
        (page3.Str("total"), page3!["items"]!.AsArray().Count, page3.Str("items.0.lastName")).ShouldBe(("120", 20, "Prospect100"));

        var (_, engagedTires) = await client.GetJsonAsync($"/api/v1/contacts?status=engaged&industry=Tires&ownerId={me.Id}&sort=-name");
        engagedTires!["items"]!.AsArray().Select(c => c.Str("lastName")).ShouldBe(["Prospect008", "Prospect006", "Prospect004", "Prospect002", "Prospect000"]);

        var (bad, problem) = await client.GetJsonAsync("/api/v1/contacts?pageSize=1000&page=0&status=cold&sort=mood");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["page", "pageSize", "sort", "status"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_see_only_their_own_organizations_contacts(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, alice) = await app.SignUpAsync("alice@a.example", "A Corp");
        var (_, bob) = await app.SignUpAsync("bob@b.example", "B Corp");
        var (_, created) = await alice.PostAsync("/api/v1/contacts", new { lastName = "Secret", directPhone = "415-616-2407" });
        var id = created.Str("contact.id");

        (await bob.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetJsonAsync("/api/v1/contacts?q=415-616-2407")).Body.Str("total").ShouldBe("0");
        (await bob.PutAsync($"/api/v1/contacts/{id}", new { lastName = "Mine" })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "no-answer" })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsync("/api/v1/contacts", new { lastName = "Other", referredByContactId = id })).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bob.PostAsync("/api/v1/contacts", new { id, lastName = "Clash" })).Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await alice.GetJsonAsync($"/api/v1/contacts/{id}")).Body.Str("contact.lastName").ShouldBe("Secret");
    }

    /// <summary>The API adds through the same contact book as the form, with the form's check for the same person.</summary>
    [Fact]
    public async Task Adding_the_same_person_again_is_refused_with_the_match_unless_the_caller_adds_anyway()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", company = "Acme Freight", email = "sue@acme.example" });
        var (again, problem) = await client.PostAsync("/api/v1/contacts", new { firstName = "Susan", lastName = "Jones", email = "SUE@acme.example" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        problem.Str("title").ShouldBe("Likely the same person");
        problem.Str("detail").ShouldContain($"/api/v1/contacts/{sue.Str("contact.id")}");
        problem.Str("detail").ShouldContain("addAnyway");

        var (colleague, _) = await client.PostAsync("/api/v1/contacts", new { firstName = "Marcus", lastName = "Fields", company = "Acme Freight", directPhone = "(212) 555-0100" });
        colleague.StatusCode.ShouldBe(HttpStatusCode.Created, "a colleague at the same company is someone else");
        var (anyway, added) = await client.PostAsync("/api/v1/contacts", new { firstName = "Susan", lastName = "Jones", email = "sue@acme.example", addAnyway = true });
        anyway.StatusCode.ShouldBe(HttpStatusCode.Created);
        added.Str("contact.id").ShouldNotBe(sue.Str("contact.id"));
    }

    [Fact]
    public async Task Posting_the_same_contact_id_twice_creates_it_once()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var id = Guid.NewGuid();

        var first = await client.PostAsync("/api/v1/contacts", new { id, lastName = "Once" });
        var retry = await client.PostAsync("/api/v1/contacts", new { id, lastName = "Once" });

        first.Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetJsonAsync("/api/v1/contacts")).Body.Str("total").ShouldBe("1");
    }
}
