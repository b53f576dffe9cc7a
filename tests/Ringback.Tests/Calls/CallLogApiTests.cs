using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Calls;

public class CallLogApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_gatekeeper_message_with_a_promise_and_an_appointment_shows_on_the_timeline(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        var (_, contact) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", timeZone = "America/New_York" });
        var contactId = contact.Str("contact.id");

        var (gkResponse, gatekeeper) = await client.PostAsync($"/api/v1/contacts/{contactId}/gatekeepers", new
        {
            name = "Pat Smith", relationship = "assistant", phone = "415-616-2400 x7", availabilityNote = "mornings before the stand-up", availableHours = "mon-fri 8:00-10:00",
        });
        gkResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        (gatekeeper.Str("relationship"), gatekeeper.Str("phone"), gatekeeper.Str("extension"), gatekeeper.Str("availableHours"))
            .ShouldBe(("assistant", "+14156162400", "7", "Mon-Fri 08:00-10:00"));

        var startedAt = DateTimeOffset.Parse("2026-11-20T14:05:00-05:00", System.Globalization.CultureInfo.InvariantCulture);
        var (logged, call) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new
        {
            startedAt,
            durationSeconds = 95,
            outcome = "gatekeeper-message",
            answeredByGatekeeperId = gatekeeper.Str("id"),
            strategy = "warm-cold-call",
            messageText = "Please tell Sue that Freda Whitehouse called, 901-555-2120.",
            promisedNextCallAt = "2026-11-21T08:15:00-05:00",
            commitments = "Email the case study",
            appointmentStart = "2026-11-25T15:00:00Z",
            appointmentEnd = "2026-11-25T16:00:00Z",
            appointmentPlace = "XYZ Company HQ",
            appointmentDirections = "Visitor parking at the back",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        (call.Str("answeredByName"), call.Str("repName"), call.Str("strategy"), call.Str("startedAt"), call.Str("promisedNextCallAt"))
            .ShouldBe(("Pat Smith", "Freda Whitehouse", "warm-cold-call", "2026-11-20T19:05:00+00:00", "2026-11-21T13:15:00+00:00"));

        await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new { outcome = "no-answer", startedAt = startedAt.AddDays(-1) });
        var (_, timeline) = await client.GetJsonAsync($"/api/v1/contacts/{contactId}/timeline");
        timeline!.AsArray().Select(c => c.Str("outcome")).ShouldBe(["gatekeeper-message", "no-answer"]);
        timeline[0].Str("appointmentDirections").ShouldBe("Visitor parking at the back");
        timeline[0].Str("userId").ShouldBe(me.Id.ToString());
        (await client.GetJsonAsync($"/api/v1/contacts/{contactId}")).Body.Str("contact.status").ShouldBe("meeting-booked");
        (await client.GetJsonAsync($"/api/v1/calls/{call.Str("id")}")).Body.Str("commitments").ShouldBe("Email the case study");
    }

    [Fact]
    public async Task A_call_naming_another_contacts_gatekeeper_or_left_in_the_future_is_refused_with_reasons()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { lastName = "Jones" });
        var (_, steve) = await client.PostAsync("/api/v1/contacts", new { lastName = "Fields" });
        var (_, stevesAssistant) = await client.PostAsync($"/api/v1/contacts/{steve.Str("contact.id")}/gatekeepers", new { name = "Lee" });

        var (response, problem) = await client.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "gatekeeper-message",
            answeredByGatekeeperId = stevesAssistant.Str("id"),
            startedAt = RingbackApiFactory.Now.ToDateTimeOffset().AddDays(2),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["answeredByGatekeeperId", "startedAt"]);
        (await client.GetJsonAsync($"/api/v1/contacts/{sue.Str("contact.id")}/timeline")).Body!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_retried_call_with_the_same_id_is_logged_once_and_an_id_taken_elsewhere_is_refused()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { lastName = "Jones" });
        var (_, bob) = await client.PostAsync("/api/v1/contacts", new { lastName = "Smith" });
        var url = $"/api/v1/contacts/{sue.Str("contact.id")}/calls";
        var id = Guid.NewGuid();

        (await client.PostAsync(url, new { id, outcome = "busy" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsync(url, new { id, outcome = "busy" })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetJsonAsync($"/api/v1/contacts/{sue.Str("contact.id")}/timeline")).Body!.AsArray().Count.ShouldBe(1);

        // The same id for another contact is not a retry: refused, naming the field.
        var (otherContact, problem) = await client.PostAsync($"/api/v1/contacts/{bob.Str("contact.id")}/calls", new { id, outcome = "busy" });
        otherContact.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["id"]);

        // A deleted call keeps its id (it can be restored): logging it again is refused, not a second call.
        (await client.DeleteAsync($"/api/v1/calls/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var (again, deletedProblem) = await client.PostAsync(url, new { id, outcome = "busy" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        deletedProblem!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["id"]);

        // Another organization's call id is refused the same way, and says nothing of that call.
        var (_, stranger) = await app.SignUpAsync("olga@elsewhere.example");
        var (_, theirs) = await stranger.PostAsync("/api/v1/contacts", new { lastName = "Other" });
        var (foreign, foreignProblem) = await stranger.PostAsync($"/api/v1/contacts/{theirs.Str("contact.id")}/calls", new { id, outcome = "busy" });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreignProblem!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["id"]);

        // Nor is a "retry" of that call, at its contact, from the other organization an answer with the call in it.
        var live = Guid.NewGuid();
        (await client.PostAsync(url, new { id = live, outcome = "busy" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (snooped, snoopedBody) = await stranger.PostAsync(url, new { id = live, outcome = "busy" });
        snooped.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        snoopedBody?.ToJsonString().ShouldNotContain(live.ToString());
    }

    [Fact]
    public async Task Reference_clients_are_kept_by_industry()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (created, gm) = await client.PostAsync("/api/v1/reference-clients", new { companyName = "General Motors", industry = "Automotive", result = "cut warranty calls by a third", mayName = true });
        await client.PostAsync("/api/v1/reference-clients", new { companyName = "Pepsi", industry = "Beverages", mayName = false });
        var (bad, problem) = await client.PostAsync("/api/v1/reference-clients", new { companyName = "" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["companyName", "industry"]);
        var (_, automotive) = await client.GetJsonAsync("/api/v1/reference-clients?industry=Automotive");
        automotive!.AsArray().Select(c => c.Str("companyName")).ShouldBe(["General Motors"]);
        automotive[0].Str("mayName").ShouldBe("true");

        var (updated, pepsi) = await client.PutAsync($"/api/v1/reference-clients/{gm.Str("id")}", new { companyName = "GM", industry = "Automotive", mayName = false });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        pepsi.Str("mayName").ShouldBe("false");
        (await client.DeleteAsync($"/api/v1/reference-clients/{gm.Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync("/api/v1/reference-clients")).Body!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_rep_keeps_their_callback_number_and_reachable_hours_in_their_profile()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (ok, profile) = await client.PutAsync("/api/v1/me", new
        {
            name = "Freda Whitehouse", companyName = "ABC Company", callbackPhone = "901.555.2120", afterHoursPhone = "(901) 555-7000",
            timeZone = "America/Chicago", reachableHours = "Mon-Fri 9:00-12:00",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (profile.Str("callbackPhone"), profile.Str("afterHoursPhone"), profile.Str("reachableHours"), profile.Str("role"))
            .ShouldBe(("+19015552120", "+19015557000", "Mon-Fri 09:00-12:00", "owner"));

        var (bad, problem) = await client.PutAsync("/api/v1/me", new { name = "", timeZone = "Chicago", reachableHours = "weekdays" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["name", "reachableHours", "timeZone"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Someone_new_who_answers_is_added_as_a_gatekeeper_with_the_call_or_not_at_all(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, contact) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", timeZone = "America/New_York" });
        var contactId = contact.Str("contact.id");

        // A bad promise: neither the call nor the gatekeeper is written.
        var (refused, problem) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new
        {
            outcome = "gatekeeper-message", newGatekeeper = new { name = "Pat Smith", relationship = "assistant" }, promisedNextCallAt = "next Tuesday",
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.promisedNextCallAt.0").ShouldStartWith("'next Tuesday' is not a date and time: write it as 2026-11-23T08:15:00-05:00");
        var (_, none) = await client.GetJsonAsync($"/api/v1/contacts/{contactId}");
        none.Str("gatekeepers").ShouldBe("[]");

        var (logged, call) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new
        {
            outcome = "gatekeeper-message", newGatekeeper = new { name = "Pat Smith", relationship = "assistant" }, prospectAvailable = "Tue and Thu after 2",
            messageText = "Please tell Sue that Freda Whitehouse called, 901-555-2120.",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, call?.ToJsonString());
        call.Str("answeredByName").ShouldBe("Pat Smith");
        var (_, after) = await client.GetJsonAsync($"/api/v1/contacts/{contactId}");
        (after.Str("gatekeepers.0.name"), after.Str("gatekeepers.0.relationship"), after.Str("gatekeepers.0.availabilityNote"))
            .ShouldBe(("Pat Smith", "assistant", "Tue and Thu after 2"));
        after.Str("gatekeepers.0.id").ShouldBe(call.Str("answeredByGatekeeperId"));

        var (badName, named) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", new { outcome = "gatekeeper-message", newGatekeeper = new { name = "" } });
        badName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        named.Str("errors").ShouldContain("newGatekeeper.name");
    }
}
