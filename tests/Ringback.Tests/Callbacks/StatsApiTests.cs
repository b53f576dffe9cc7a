using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Ringback.Data;
using Ringback.Scheduling;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

/// <summary>Every figure of the report, on a small team's data counted by hand, on both databases.</summary>
public class StatsApiTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static string Iso(Instant instant) => instant.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_matches_the_figures_counted_by_hand(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, freda) = await app.SignUpAsync("freda@abc.example", "ABC");
        var (_, bo) = await app.SignUpAsync("bo@abc.example", "ABC", "Bo Diaz");
        var day = RingbackApiFactory.Now.InZone(NewYork).Date.PlusDays(-10);
        var t = LocalTimes.Resolve(day.At(new LocalTime(9, 0)), NewYork).ToInstant();
        var h = Duration.FromHours(1);

        async Task<string> ContactAsync(HttpClient client, string last, string number, string? referrer = null)
        {
            var (response, body) = await client.PostAsync("/api/v1/contacts", new { firstName = "Pat", lastName = last, directPhone = number, referredByName = referrer });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
            return body.Str("contact.id");
        }

        async Task CallAsync(HttpClient client, string contact, Instant at, string outcome, string? strategy = null, Instant? promise = null)
        {
            var (response, body) = await client.PostAsync($"/api/v1/contacts/{contact}/calls",
                new { outcome, strategy, startedAt = Iso(at), promisedNextCallAt = promise is { } p ? Iso(p) : null });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
        }

        async Task CallbackAsync(HttpClient client, string from, Instant at)
        {
            var (response, body) = await client.PostAsync("/api/v1/callbacks", new { from, startedAt = Iso(at) });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
            body.Str("credit").ShouldNotBe("<null>");
        }

        // Freda: two vague messages at 09:00 (one returned after 1 h), a referral on the second attempt the next day
        // (returned after 3 h), and a conversation with a promise she keeps five minutes late.
        var c1 = await ContactAsync(freda, "One", "212-555-0101");
        var c2 = await ContactAsync(freda, "Two", "212-555-0102");
        var c3 = await ContactAsync(freda, "Three", "212-555-0103", referrer: "Sam Reed");
        var c4 = await ContactAsync(freda, "Four", "212-555-0104");
        await CallAsync(freda, c1, t, "voicemail-left", "vague");
        await CallbackAsync(freda, "212-555-0101", t + h);
        await CallAsync(freda, c2, t, "voicemail-left", "vague");
        await CallAsync(freda, c3, t, "no-answer");
        await CallAsync(freda, c3, t + Duration.FromDays(1), "voicemail-left", "referral");
        await CallbackAsync(freda, "212-555-0103", t + Duration.FromDays(1) + 3 * h);
        var promised = t + Duration.FromDays(2) + h;
        await CallAsync(freda, c4, t, "connected", promise: promised);
        await CallAsync(freda, c4, promised + Duration.FromMinutes(5), "no-answer");
        // Bo: a warm cold call returned after 5 h, and a promise he does not keep.
        var c5 = await ContactAsync(bo, "Five", "212-555-0105");
        var c6 = await ContactAsync(bo, "Six", "212-555-0106");
        await CallAsync(bo, c5, t, "voicemail-left", "warm-cold-call");
        await CallbackAsync(bo, "212-555-0105", t + 5 * h);
        await CallAsync(bo, c6, t + Duration.FromDays(1), "no-answer", promise: t + Duration.FromDays(3) + h);

        var (response, team) = await freda.GetJsonAsync("/api/v1/stats");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, team?.ToJsonString());

        // 4 messages, 3 returned; 8 calls out, 1 connected; 2 promises due, 1 kept.
        Rate(team!["callbackRate"]).ShouldBe((3, 4));
        Rate(team["connectRate"]).ShouldBe((1, 8));
        Rate(team["promiseKeeping"]).ShouldBe((1, 2));
        team["strategies"]!.AsArray().Select(s => (s!["name"]!.GetValue<string>(), Rate(s["callbackRate"])))
            .ShouldBe([("referral", (1, 1)), ("warm-cold-call", (1, 1)), ("vague", (1, 2))]);
        team["attempts"]!.AsArray().Select(a => (a!["attempt"]!.GetValue<string>(), Rate(a["callbackRate"]))).ShouldBe([("1", (2, 3)), ("2", (1, 1))]);
        team["hours"]!.AsArray().Select(c => (c!["day"]!.GetValue<string>(), c["hour"]!.GetValue<int>(), Rate(c["callbackRate"])))
            .ShouldBe(new[] { (day.DayOfWeek, 3, 2), (day.PlusDays(1).DayOfWeek, 1, 1) }.OrderBy(x => x.DayOfWeek)
                .Select(x => (x.DayOfWeek.ToString().ToLowerInvariant(), 9, (x.Item3, x.Item2))));
        // Delays 1 h, 3 h, 5 h: half (rank 2 of 3) within 3 h, 90% (rank 3) within 5 h.
        (team.Str("timeToCallback.count"), team.Str("timeToCallback.medianSeconds"), team.Str("timeToCallback.percentile90Seconds"), team.Str("timeToCallback.percentile90"))
            .ShouldBe(("3", "10800", "18000", "5 h"));
        team["reps"]!.AsArray().Select(r => (r!["name"]!.GetValue<string>(), Rate(r["callbackRate"]), Rate(r["connectRate"]), Rate(r["promiseKeeping"])))
            .ShouldBe([("Bo Diaz", (1, 1), (0, 2), (0, 1)), ("Freda Whitehouse", (2, 3), (1, 6), (1, 1))]);
        team.Str("verdict").ShouldBe("Too few messages to say which strategy gets calls returned: each needs at least 30 messages (the most any has is 2).");
        team.Str("callbackRate.low").ShouldStartWith("0.300"); // Wilson 3/4: 0.3006–0.9544
        team.Str("callbackRate.high").ShouldStartWith("0.954");

        var (_, mine) = await bo.GetJsonAsync("/api/v1/stats?rep=me");
        (mine.Str("whose"), mine.Str("strategies.0.name")).ShouldBe(("Bo Diaz", "warm-cold-call"));
        Rate(mine!["callbackRate"]).ShouldBe((1, 1));
        Rate(mine["promiseKeeping"]).ShouldBe((0, 1));

        // A period that ends before the calls sees none of them.
        var before = day.PlusDays(-1).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        var (_, empty) = await freda.GetJsonAsync($"/api/v1/stats?to={before}");
        Rate(empty!["callbackRate"]).ShouldBe((0, 0));

        using var csv = await freda.GetAsync("/api/v1/stats.csv?rep=freda@abc.example");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain("callbacks,all,2,3,0.6667,0.2077,0.9385,True\n");
        text.ShouldContain("rep-promises-kept,Freda Whitehouse,1,1,1,0.2065,1,True\n");

        var (bad, problem) = await freda.GetJsonAsync("/api/v1/stats?from=2026-13-01&to=2026-01-01&rep=nobody");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.from.0").ShouldBe("'2026-13-01' is not a date like 2026-11-01");
        problem.Str("errors.rep.0").ShouldBe("'nobody' is not a rep here: use team, me, or a rep's email");
    }

    private static (int Successes, int Trials) Rate(JsonNode? rate) => (rate!["successes"]!.GetValue<int>(), rate["trials"]!.GetValue<int>());
}
