using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Calls;

/// <summary>A rep takes back a mistake: every fact derived from the calls follows, as if they had been logged so.</summary>
public class CallCorrectionTests
{
    private static string At(int daysAgo, int hour) => RingbackApiFactory.Now.ToDateTimeOffset().AddDays(-daysAgo).Date.AddHours(hour).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deleting_restoring_and_correcting_a_message_moves_its_callback_credit_attempts_and_stats(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", timeZone = "America/New_York" });
        var sueId = sue.Str("contact.id");
        var (_, first) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "voicemail-left", strategy = "vague", startedAt = At(5, 15), messageText = "Hi Sue, Freda here." });
        var (_, second) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "voicemail-left", strategy = "warm-cold-call", startedAt = At(4, 15), messageText = "Hi Sue, Freda again." });
        var (_, back) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new { direction = "inbound", outcome = "connected", startedAt = At(3, 16) });
        (second.Str("attemptNumber"), (await Call(client, back)).Str("creditedCallId")).ShouldBe(("2", second.Str("id")));

        // Deleted: the callback now returns the first message, which is called back; the second no longer counts.
        var (deleted, _) = await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{second.Str("id")}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync($"/api/v1/calls/{second.Str("id")}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Call(client, back)).Str("creditedCallId").ShouldBe(first.Str("id"));
        (await Call(client, first)).Str("calledBackAt").ShouldNotBe("<null>");
        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}/timeline")).Body!.AsArray().Count.ShouldBe(2);
        // Paged: newest first, the second page of one is the first message; a contact that is not there is a 404.
        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}/timeline?limit=1&offset=1")).Body.Str("0.id").ShouldBe(first.Str("id"));
        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}/timeline?offset=5")).Body!.AsArray().ShouldBeEmpty();
        (await client.GetJsonAsync($"/api/v1/contacts/{Guid.NewGuid()}/timeline")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (_, bin) = await client.GetJsonAsync($"/api/v1/contacts/{sueId}/calls/deleted");
        (bin.Str("0.call.id"), bin.Str("0.deletedByUserId"), bin.Str("0.deletedByName")).ShouldBe((second.Str("id"), me.Id.ToString(), "Freda Whitehouse"));
        var stats = await Stats(client);
        (stats.Str("callbackRate.successes"), stats.Str("callbackRate.trials")).ShouldBe(("1", "1"));

        // Restored: everything it earned comes back with it.
        var (restored, again) = await client.PostAsync($"/api/v1/calls/{second.Str("id")}/restore", new { });
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Str("attemptNumber").ShouldBe("2");
        (await Call(client, back)).Str("creditedCallId").ShouldBe(second.Str("id"));
        (await Call(client, first)).Str("calledBackAt").ShouldBe("<null>");
        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}/calls/deleted")).Body!.AsArray().ShouldBeEmpty();
        stats = await Stats(client);
        (stats.Str("callbackRate.successes"), stats.Str("callbackRate.trials")).ShouldBe(("1", "2"));

        // Corrected: the second call was really made after their callback, so the callback returns the first message.
        var (corrected, fixedCall) = await client.PutAsync($"/api/v1/calls/{second.Str("id")}", new
        {
            outcome = "voicemail-left", strategy = "warm-cold-call", startedAt = At(2, 15), messageText = "Hi Sue, Freda again.", notes = "typed the wrong day",
        });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK);
        (fixedCall.Str("notes"), fixedCall.Str("startedAt"), fixedCall.Str("attemptNumber")).ShouldBe(("typed the wrong day", At(2, 15).Replace("Z", "+00:00", StringComparison.Ordinal), "2"));
        fixedCall.Str("updatedAt").ShouldNotBe("<null>");
        (await Call(client, back)).Str("creditedCallId").ShouldBe(first.Str("id"));

        // Deleting every call puts the contact back where the calls found them.
        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}")).Body.Str("contact.status").ShouldBe("engaged");
        foreach (var call in new[] { first, second, back })
        {
            (await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{call.Str("id")}")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await client.GetJsonAsync($"/api/v1/contacts/{sueId}")).Body.Str("contact.status").ShouldBe("new");
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{first.Str("id")}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Moving_a_promise_moves_the_plan_and_deleting_the_call_drops_it(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var (_, call) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, Freda here.", promisedNextCallAt = "2026-11-25T08:15:00-05:00",
        });
        (await Promises(client, sueId, "2026-11-25T13:15:00Z")).ShouldBe(["2026-11-25T13:15:00+00:00"]);

        var (moved, _) = await client.PutAsync($"/api/v1/calls/{call.Str("id")}", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, Freda here.", promisedNextCallAt = "2026-11-27T09:30:00-05:00",
        });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Promises(client, sueId, "2026-11-25T13:15:00Z")).ShouldBeEmpty();
        (await Promises(client, sueId, "2026-11-27T14:30:00Z")).ShouldBe(["2026-11-27T14:30:00+00:00"]);

        // A correction is held to the same rules as the call: a promise at 3 a.m. their time is refused, the call unchanged.
        var (refused, problem) = await client.PutAsync($"/api/v1/calls/{call.Str("id")}", new { outcome = "voicemail-left", promisedNextCallAt = "2026-11-27T03:00:00-05:00" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.promisedNextCallAt.0").ShouldContain("outside lawful calling hours");

        await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{call.Str("id")}");
        (await Promises(client, sueId, "2026-11-27T14:30:00Z")).ShouldBeEmpty();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_call_that_kept_a_promise_stops_counting_when_it_is_moved_away_from_the_minute_or_deleted(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", startedAt = "2026-11-20T15:00:00Z", messageText = "Hi Sue, Freda here.",
            promisedNextCallAt = "2026-11-23T10:00:00-05:00",
        });
        var (_, kept) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "busy", startedAt = "2026-11-23T15:07:00Z" });
        (await Kept(client)).ShouldBe(("1", "0"));

        (await client.PutAsync($"/api/v1/calls/{kept.Str("id")}", new { outcome = "busy", startedAt = "2026-11-23T17:00:00Z" })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Kept(client)).ShouldBe(("0", "1"));
        (await client.PutAsync($"/api/v1/calls/{kept.Str("id")}", new { outcome = "busy", startedAt = "2026-11-23T14:52:00Z" })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Kept(client)).ShouldBe(("1", "0"));
        await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{kept.Str("id")}");
        (await Kept(client)).ShouldBe(("0", "1"));
    }

    private static async Task<(string Kept, string Missed)> Kept(HttpClient client)
    {
        var (_, promises) = await client.GetJsonAsync("/api/v1/promises");
        return (promises.Str("0.kept"), promises.Str("0.missed"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Eight_simultaneous_edits_from_one_version_land_once_and_the_rest_get_412(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (created, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones" });
        var etag = created.Headers.ETag!.Tag;
        etag.ShouldBe($"\"{sue.Str("version")}\"");

        var edits = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            client.SendAsync(HttpMethod.Put, $"/api/v1/contacts/{sue.Str("contact.id")}", new { firstName = "Sue", lastName = $"Jones {i}" }, ifMatch: etag)));

        edits.Count(e => e.Response.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        edits.Count(e => e.Response.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(7);
        var winner = edits.Single(e => e.Response.StatusCode == HttpStatusCode.OK);
        var (read, now) = await client.GetJsonAsync($"/api/v1/contacts/{sue.Str("contact.id")}");
        (now.Str("contact.lastName"), read.Headers.ETag!.Tag).ShouldBe((winner.Body.Str("contact.lastName"), winner.Response.Headers.ETag!.Tag));
        edits.First(e => e.Response.StatusCode == HttpStatusCode.PreconditionFailed).Body.Str("title").ShouldBe("Changed since you read it");

        // Without If-Match an edit is unconditional, as before; a stale one on a call is refused the same way.
        (await client.PutAsync($"/api/v1/contacts/{sue.Str("contact.id")}", new { lastName = "Jones" })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, call) = await client.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new { outcome = "busy" });
        var (got, _) = await client.GetJsonAsync($"/api/v1/calls/{call.Str("id")}");
        var callTag = got.Headers.ETag!.Tag;
        (await client.SendAsync(HttpMethod.Put, $"/api/v1/calls/{call.Str("id")}", new { outcome = "no-answer" }, ifMatch: callTag)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(HttpMethod.Put, $"/api/v1/calls/{call.Str("id")}", new { outcome = "connected" }, ifMatch: callTag)).Response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{call.Str("id")}", ifMatch: callTag)).Response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await Call(client, call)).Str("outcome").ShouldBe("no-answer");
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/contacts/{sue.Str("contact.id")}", ifMatch: "\"999\"")).Response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Another_organizations_call_cannot_be_corrected_deleted_or_restored()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, mine) = await app.SignUpAsync();
        var (_, theirs) = await app.SignUpAsync("other@example.com");
        var (_, sue) = await mine.PostAsync("/api/v1/contacts", new { lastName = "Jones" });
        var (_, call) = await mine.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new { outcome = "busy" });
        var id = call.Str("id");

        (await theirs.PutAsync($"/api/v1/calls/{id}", new { outcome = "connected" })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await mine.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{id}");
        (await theirs.PostAsync($"/api/v1/calls/{id}/restore", new { })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.PostAsync($"/api/v1/calls/{id}/restore", new { })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> Call(HttpClient client, System.Text.Json.Nodes.JsonNode? call) =>
        (await client.GetJsonAsync($"/api/v1/calls/{call.Str("id")}")).Body;

    private static async Task<System.Text.Json.Nodes.JsonNode?> Stats(HttpClient client) =>
        (await client.GetJsonAsync("/api/v1/stats?from=2026-11-01&to=2026-11-30")).Body;

    private static async Task<List<string>> Promises(HttpClient client, string contactId, string at)
    {
        var (_, queue) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(at)}");
        return [.. queue!["items"]!.AsArray().Where(i => i.Str("contactId") == contactId && i.Str("kind") == "promise").Select(i => i.Str("dueAt"))];
    }
}
