using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>
/// Prospects in 32 countries get their own zone — or an honest "unknown" — and the contact page, Today (the API's
/// queue), the CLI's <c>today --json</c> and <c>GET /contacts/{id}/place</c> all say the same.
/// </summary>
public partial class ProspectPlaceTests
{
    /// <summary>(number as a rep types it, the zone or zones expected, "unknown" when the number does not say).</summary>
    private static readonly (string Number, string Zone)[] Prospects =
    [
        ("+49 30 901820", "Europe/Berlin"),
        ("+34 810 12 34 56", "Europe/Madrid"),
        ("+351 21 234 5678", "Europe/Lisbon"),
        ("+61 2 1234 5678", "Australia/Sydney"),
        ("+55 11 2345-6789", "America/Sao_Paulo"),
        ("+52 222 123 4567", "America/Mexico_City"),
        ("+44 121 234 5678", "Europe/London"),
        ("+33 1 23 45 67 89", "Europe/Paris"),
        ("+39 02 1234 5678", "Europe/Rome"),
        ("+31 10 123 4567", "Europe/Amsterdam"),
        ("+32 12 34 56 78", "Europe/Brussels"),
        ("+41 21 234 56 78", "Europe/Zurich"),
        ("+43 1 234567890", "Europe/Vienna"),
        ("+46 8 123 456", "Europe/Stockholm"),
        ("+47 21 23 45 67", "Europe/Oslo"),
        ("+45 32 12 34 56", "Europe/Copenhagen"),
        ("+48 12 345 67 89", "Europe/Warsaw"),
        ("+420 212 345 678", "Europe/Prague"),
        ("+353 22 12345", "Europe/Dublin"),
        ("+91 74104 10123", "Asia/Kolkata"),
        ("+81 3-1234-5678", "Asia/Tokyo"),
        ("+82 2 212 3456", "Asia/Seoul"),
        ("+65 6123 4567", "Asia/Singapore"),
        ("+852 2123 4567", "Asia/Hong_Kong"),
        ("+27 10 123 4567", "Africa/Johannesburg"),
        ("+971 2 234 5678", "Asia/Dubai"),
        ("+90 212 345 67 89", "Europe/Istanbul"),
        ("+57 601 2345678", "America/Bogota"),
        ("+254 20 2012345", "Africa/Nairobi"),
        ("(602) 555-0123", "America/Phoenix"),
        ("+61 412 345 678", "Australia/Perth to Australia/Lord_Howe"),
        ("+7 912 345-67-89", "unknown"),
    ];

    [Fact]
    public async Task Every_surface_agrees_on_where_a_prospect_is_in_32_countries()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, api) = await app.SignUpAsync();
        var pages = await app.SignInToPagesAsync();

        // Today lists 20 new contacts at a time: two rounds of 16, each taken off the book after it is checked.
        foreach (var round in Prospects.Chunk(16))
        {
            var ids = new List<string>();
            foreach (var (number, _) in round)
            {
                var (response, body) = await api.PostAsync("/api/v1/contacts", new { lastName = number, directPhone = number });
                response.StatusCode.ShouldBe(HttpStatusCode.Created, number + ": " + body?.ToJsonString());
                ids.Add(body.Str("contact.id"));
            }

            var (_, queue) = await api.GetJsonAsync("/api/v1/queue");
            var queued = queue!["items"]!.AsArray().ToDictionary(i => i.Str("contactId"));
            var cli = await new RingbackProcess(app.Database).RunAsync("today", "--json", "--at", "2026-11-24T15:00:00Z");
            cli.ExitCode.ShouldBe(0, cli.Error);
            var listed = JsonNode.Parse(cli.Out)!["items"]!.AsArray().ToDictionary(i => i.Str("contact"));

            for (var i = 0; i < round.Length; i++)
            {
                var (number, zone) = round[i];
                var (_, place) = await api.GetJsonAsync($"/api/v1/contacts/{ids[i]}/place");
                place.Str("zone").ShouldBe(zone, number);
                place.Str("known").ShouldBe(zone == "unknown" ? "false" : "true", number);
                place.Str("inferred").ShouldBe(zone == "unknown" ? "false" : "true", number);

                var item = queued[ids[i]];
                (item.Str("prospectZone"), item.Str("prospectLocalTime"), item.Str("zoneExplanation"))
                    .ShouldBe((place.Str("zone"), place.Str("localTime"), place.Str("explanation")), number + " on Today");

                var line = listed[number];
                (line.Str("prospectZone"), line.Str("prospectLocalTime"), line.Str("zoneExplanation"))
                    .ShouldBe((place.Str("zone"), place.Str("localTime"), place.Str("explanation")), number + " in the CLI");

                var html = WebUtility.HtmlDecode(await pages.GetStringAsync($"/contacts/{ids[i]}"));
                PlaceZone().Match(html).Groups[1].Value.ShouldBe(place.Str("zone"), number + " on the contact page");
                html.ShouldContain(place.Str("explanation"), customMessage: number + " on the contact page");
                LocalTime().Match(html).Groups[1].Value.ShouldBe(zone == "unknown" ? "not known" : place.Str("localTime"), number + " on the contact page");
            }

            foreach (var id in ids)
            {
                (await api.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            }
        }
    }

    [GeneratedRegex("data-place-zone=\"([^\"]*)\"")]
    private static partial Regex PlaceZone();

    [GeneratedRegex("<strong data-local-time>([^<]*)</strong>")]
    private static partial Regex LocalTime();
}
