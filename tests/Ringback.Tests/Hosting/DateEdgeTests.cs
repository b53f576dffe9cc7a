using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Hosting;

/// <summary>
/// Every page and endpoint that takes a day, a period or an instant answers year 9999, year 0001 and values past what
/// it can show in the field's words: a 400 naming the field, or the page with its message, never a 500.
/// </summary>
public class DateEdgeTests
{
    private static readonly string[] Days = ["9999-12-31", "0001-01-01", "2199-12-31", "1900-01-01", "10000-01-01", "2026-02-30"];
    private static readonly string[] Instants = ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2199-12-31T23:00:00Z"];

    [Fact]
    public async Task No_day_or_instant_at_the_edges_of_the_calendar_answers_500()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "+49 30 901820" });
        var id = sue.Str("contact.id");
        var browser = await SavedCookie.SignInAsync(app, "freda@abc.example");

        var api = Days.SelectMany(d => new[] { $"/api/v1/stats?from={d}&to={d}", $"/api/v1/stats?to={d}", $"/api/v1/stats?from={d}", $"/api/v1/stats.csv?from={d}&to={d}" })
            .Concat(Instants.SelectMany(i => new[] { $"/api/v1/queue?at={Uri.EscapeDataString(i)}", $"/api/v1/promises?from={Uri.EscapeDataString(i)}",
                $"/api/v1/promises?from=2026-01-01T00:00:00Z&to={Uri.EscapeDataString(i)}", $"/api/v1/team/activity?from={Uri.EscapeDataString(i)}",
                $"/api/v1/team/activity?from=2026-01-01T00:00:00Z&to={Uri.EscapeDataString(i)}" }));
        foreach (var url in api)
        {
            var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBeLessThan(500, $"{url}: {text}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                System.Text.Json.Nodes.JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).ShouldBeSubsetOf(["from", "to", "at"], url);
            }
        }

        foreach (var at in Instants)
        {
            var (response, body) = await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "no-answer", startedAt = at });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"startedAt {at}: {body?.ToJsonString()}");
            var (promise, promised) = await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "no-answer", promisedNextCallAt = at });
            ((int)promise.StatusCode).ShouldBeLessThan(500, $"promisedNextCallAt {at}: {promised?.ToJsonString()}");
        }

        foreach (var at in new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2199-12-31T00:00:00Z" })
        {
            var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from = "+49 30 901820", startedAt = at });
            ((int)response.StatusCode).ShouldBeLessThan(500, $"callback startedAt {at}: {body?.ToJsonString()}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                body.Str("errors.startedAt.0").ShouldNotBe("<null>", body?.ToJsonString());
            }
        }

        var pages = Days.SelectMany(d => new[] { $"/today?day={d}", $"/stats?from={d}&to={d}", $"/stats?to={d}", $"/team/activity?from={d}&to={d}", $"/team/activity?to={d}" })
            .Concat(["/contacts/" + id + "?handler=RepTime&at=9999-12-31T08:15", "/contacts/" + id + "?handler=RepTime&at=0001-01-01T00:00"]);
        foreach (var url in pages)
        {
            var response = await browser.SendAsync(HttpMethod.Get, url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }

        var today = await (await browser.SendAsync(HttpMethod.Get, "/today?day=9999-12-31")).Content.ReadAsStringAsync();
        today.ShouldContain("9999-12-31 is not between 1900-01-01 and 2199-12-31; showing today.");
        var stats = await (await browser.SendAsync(HttpMethod.Get, "/stats?from=0001-01-01&to=0001-01-02")).Content.ReadAsStringAsync();
        stats.ShouldContain("0001-01-01 is not between 1900-01-01 and 2199-12-31");
    }
}
