using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;
using Ringback.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

public class CallbacksApiTests
{
    private static string Iso(Instant instant) => instant.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);

    private static Instant Now => RingbackApiFactory.Now;

    private static async Task<string> MessageAsync(HttpClient client, string contactId, Instant at, string strategy, string outcome = "voicemail-left", string? gatekeeperId = null)
    {
        var (response, body) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new
        {
            outcome, strategy, startedAt = Iso(at), answeredByGatekeeperId = gatekeeperId,
            messageText = "Hi Sue, this is Freda Whitehouse at ABC Company, 901-555-2120. I'll try you Thursday at 10. Again, 901-555-2120.",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
        return body.Str("id");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callback_from_the_prospects_number_is_credited_to_the_latest_message_and_ends_the_chase(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147", mobilePhone = "917-555-0190" });
        var sueId = sue.Str("contact.id");
        var (_, cadences) = await client.GetJsonAsync("/api/v1/cadences");
        (await client.PostAsync($"/api/v1/cadences/{cadences.Str("0.id")}/enroll", new { contactIds = new[] { sueId } })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var first = await MessageAsync(client, sueId, Now - Duration.FromDays(3), "warm-cold-call");
        var second = await MessageAsync(client, sueId, Now - Duration.FromHours(26), "vague");

        // Her mobile, written another way: still her.
        var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "+1 917.555.0190", durationSeconds = 240 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
        (body.Str("result"), body.Str("matchedBy"), body.Str("call.contactId"), body.Str("call.direction")).ShouldBe(("logged", "contact-number", sueId, "inbound"));
        (body.Str("credit.messageCallId"), body.Str("credit.strategy"), body.Str("credit.attempt")).ShouldBe((second, "vague", "2"));
        long.Parse(body.Str("credit.secondsToCallback"), CultureInfo.InvariantCulture).ShouldBeInRange(26 * 3600 - 60, 26 * 3600 + 60);
        body.Str("credit.description").ShouldContain("(vague, attempt 2), 1 d 2 h later");

        var (_, message) = await client.GetJsonAsync($"/api/v1/calls/{second}");
        message.Str("calledBackAt").ShouldBe(body.Str("call.startedAt"));
        (await client.GetJsonAsync($"/api/v1/calls/{first}")).Body.Str("calledBackAt").ShouldBe("<null>");

        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.IgnoreQueryFilters().SingleAsync(c => c.Id == Guid.Parse(sueId));
        contact.Status.ShouldBe(Ringback.Contacts.ContactStatus.Engaged);
        var enrollment = await db.CadenceEnrollments.IgnoreQueryFilters().SingleAsync(e => e.ContactId == contact.Id);
        enrollment.EndedAt.ShouldNotBeNull();
        enrollment.EndReason.ShouldNotBeNull().ShouldContain("called back");
        (await db.FollowUps.IgnoreQueryFilters().Where(f => f.ContactId == contact.Id).Select(f => f.Kind).ToListAsync())
            .ShouldNotContain(k => k == FollowUpKind.ExpectedCallback || k == FollowUpKind.CadenceStep);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callback_from_a_gatekeepers_number_is_from_the_gatekeeper_and_credited_to_the_message_left_with_them(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var (_, gatekeeper) = await client.PostAsync($"/api/v1/contacts/{sueId}/gatekeepers", new { name = "Ann", relationship = "assistant", phone = "212-555-0199" });
        var message = await MessageAsync(client, sueId, Now - Duration.FromHours(4), "warm-cold-call", "gatekeeper-message", gatekeeper.Str("id"));

        var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "2125550199", answered = false });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
        (body.Str("matchedBy"), body.Str("call.answeredByGatekeeperId"), body.Str("call.answeredByName"), body.Str("call.outcome"))
            .ShouldBe(("gatekeeper-number", gatekeeper.Str("id"), "Ann", "no-answer"));
        body.Str("credit.messageCallId").ShouldBe(message);
        body.Str("credit.description").ShouldStartWith("your message with the gatekeeper of ");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callback_after_the_window_is_logged_but_credited_to_nothing(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var message = await MessageAsync(client, sue.Str("contact.id"), Now - Duration.FromDays(15), "warm-cold-call");

        var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "212-555-0147" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (body.Str("result"), body.Str("credit"), body.Str("call.creditedCallId")).ShouldBe(("logged", "<null>", "<null>"));
        (await client.GetJsonAsync($"/api/v1/calls/{message}")).Body.Str("calledBackAt").ShouldBe("<null>");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_number_waits_in_the_inbox_until_it_is_made_a_contact_filed_or_dismissed(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var message = await MessageAsync(client, sue.Str("contact.id"), Now - Duration.FromHours(3), "vague");

        var (waiting, item) = await client.PostAsync("/api/v1/callbacks", new { from = "(646) 555-0111" });
        waiting.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (item.Str("result"), item.Str("inbox.from"), item.Str("inbox.reason")).ShouldBe(("inbox", "+16465550111", "no contact has this number"));
        var (_, second) = await client.PostAsync("/api/v1/callbacks", new { from = "646 555 0112" });
        var (_, third) = await client.PostAsync("/api/v1/callbacks", new { from = "646 555 0113" });
        (await client.GetJsonAsync("/api/v1/inbox")).Body!.AsArray().Count.ShouldBe(3);

        // One click: a contact with the number, and the call on it.
        var (created, made) = await client.PostAsync($"/api/v1/inbox/{item.Str("inbox.id")}/contact", new { });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, made?.ToJsonString());
        var (_, newContact) = await client.GetJsonAsync($"/api/v1/contacts/{made.Str("call.contactId")}");
        (newContact.Str("contact.lastName"), newContact.Str("contact.directPhone")).ShouldBe(("Caller +16465550111", "+16465550111"));

        // Sue's new number: filed under her, the call is credited to her message.
        var (assigned, filed) = await client.PostAsync($"/api/v1/inbox/{second.Str("inbox.id")}/assign", new { contactId = sue.Str("contact.id") });
        assigned.StatusCode.ShouldBe(HttpStatusCode.Created, filed?.ToJsonString());
        filed.Str("credit.messageCallId").ShouldBe(message);

        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/inbox/{third.Str("inbox.id")}")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync("/api/v1/inbox")).Body!.AsArray().Count.ShouldBe(0);
        (await client.PostAsync($"/api/v1/inbox/{third.Str("inbox.id")}/contact", new { })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_call_reported_twice_is_logged_once(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });

        var (first, one) = await client.PostAsync("/api/v1/callbacks", new { from = "212-555-0147", externalId = "pbx:42" });
        var (again, two) = await client.PostAsync("/api/v1/callbacks", new { from = "212-555-0147", externalId = "pbx:42" });
        var (unknownFirst, three) = await client.PostAsync("/api/v1/callbacks", new { from = "646-555-0100", externalId = "pbx:43" });
        var (unknownAgain, four) = await client.PostAsync("/api/v1/callbacks", new { from = "646-555-0100", externalId = "pbx:43" });

        (first.StatusCode, again.StatusCode, unknownFirst.StatusCode, unknownAgain.StatusCode)
            .ShouldBe((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.OK));
        two.Str("call.id").ShouldBe(one.Str("call.id"));
        four.Str("inbox.id").ShouldBe(three.Str("inbox.id"));
        await using var db = app.Database.NewContext();
        (await db.Calls.IgnoreQueryFilters().CountAsync()).ShouldBe(1);
        (await db.UnmatchedCalls.IgnoreQueryFilters().CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_refused_with_the_field_named()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "12" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Str("errors.from.0").ShouldNotBe("<null>");
        var (missing, why) = await client.PostAsync("/api/v1/callbacks", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        why.Str("errors.from.0").ShouldStartWith("is required");
        var (stranger, whom) = await client.PostAsync("/api/v1/callbacks", new { contactId = Guid.NewGuid() });
        stranger.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        whom.Str("errors.contactId.0").ShouldBe("is not a contact here");
    }

    [Fact]
    public async Task Another_organizations_callbacks_and_inbox_are_not_seen()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, freda) = await app.SignUpAsync();
        var (_, other) = await app.SignUpAsync("bo@xyz.example", "XYZ", "Bo");
        await freda.PostAsync("/api/v1/contacts", new { lastName = "Jones", directPhone = "(212) 555-0147" });

        // Bo's organization does not have Sue's number: the call waits in Bo's inbox, not on Freda's contact.
        var (response, body) = await other.PostAsync("/api/v1/callbacks", new { from = "212-555-0147" });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await freda.GetJsonAsync("/api/v1/inbox")).Body!.AsArray().Count.ShouldBe(0);
        (await freda.PostAsync($"/api/v1/inbox/{body.Str("inbox.id")}/contact", new { })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
