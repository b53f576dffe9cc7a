using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

public class TwilioWebhookTests
{
    private static readonly string Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Twilio's signatures for these requests, from Twilio's own Python library.</summary>
    private static async Task<List<string>> TwilioSignsAsync(params (string Url, Dictionary<string, string> Form)[] requests)
    {
        var cases = new JsonArray([.. requests.Select(r => new JsonObject
        {
            ["token"] = Token,
            ["url"] = r.Url,
            ["params"] = new JsonObject([.. r.Form.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]),
        })]);
        var (exit, output, error) = await DebianPython.RunScriptAsync(Path.Combine("Callbacks", "twilio_sign.py"), cases.ToJsonString());
        exit.ShouldBe(0, error);
        var signed = JsonNode.Parse(output)!.AsArray();
        signed.ShouldAllBe(s => s!["valid"]!.GetValue<bool>());
        return [.. signed.Select(s => s!["signature"]!.GetValue<string>())];
    }

    private static async Task<(HttpResponseMessage Response, JsonNode? Body)> DeliverAsync(HttpClient twilio, string url, Dictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        var response = await twilio.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static Dictionary<string, string> Completed(string sid, string from, string to, string direction = "inbound", int seconds = 95, string? answeredBy = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC" + new string('1', 32),
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = sid,
            ["CallStatus"] = "completed",
            ["CallDuration"] = seconds.ToString(CultureInfo.InvariantCulture),
            ["Direction"] = direction,
            ["From"] = from,
            ["To"] = to,
            ["Called"] = to,
            ["Caller"] = from,
            ["CallerName"] = "JONES SUE",
            ["Timestamp"] = RingbackApiFactory.Now.InUtc().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        };
        if (answeredBy is not null)
        {
            form["AnsweredBy"] = answeredBy;
        }

        return form;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signed_status_callbacks_log_and_credit_calls_once_and_unsigned_ones_are_refused(DatabaseProvider provider)
    {
        await DebianPython.RequireModuleAsync("twilio", "python3-twilio");
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (setup, hook) = await client.PutAsync("/api/v1/telephony/twilio", new { authToken = Token });
        setup.StatusCode.ShouldBe(HttpStatusCode.OK, hook?.ToJsonString());
        var url = hook.Str("webhookUrl");
        url.ShouldStartWith("http://localhost/webhooks/twilio/");
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var (_, message) = await client.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", strategy = "warm-cold-call", startedAt = RingbackApiFactory.Now.Minus(Duration.FromHours(5)).ToDateTimeOffset(),
        });
        var twilio = app.CreateClient(); // no token: Twilio cannot sign in

        var inbound = Completed("CA" + new string('a', 32), "+12125550147", "+19015552120");
        var outbound = Completed("CA" + new string('b', 32), "+19015552120", "+12125550147", "outbound-api", 31, "machine_end_beep");
        var ringing = new Dictionary<string, string>(inbound) { ["CallStatus"] = "ringing", ["CallSid"] = "CA" + new string('c', 32) };
        var otherHookUrl = url[..url.LastIndexOf('/')] + "/not-our-key";
        var racing = Completed("CA" + new string('e', 32), "+12125550147", "+19015552120", seconds: 12);
        var signatures = await TwilioSignsAsync((url, inbound), (url, outbound), (url, ringing), (otherHookUrl, inbound), (url, racing));

        // Missing, wrong, for other parameters, for another URL: 403, nothing logged.
        (await DeliverAsync(twilio, url, inbound, null)).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await DeliverAsync(twilio, url, inbound, "AAAA" + signatures[0][4..])).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await DeliverAsync(twilio, url, inbound, signatures[1])).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await DeliverAsync(twilio, url, inbound, signatures[3])).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var tampered = new Dictionary<string, string>(inbound) { ["From"] = "+16465550100" };
        var (forged, problem) = await DeliverAsync(twilio, url, tampered, signatures[0]);
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        problem.Str("detail").ShouldContain("X-Twilio-Signature");
        (await DeliverAsync(twilio, otherHookUrl, inbound, signatures[3])).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var db = app.Database.NewContext())
        {
            (await db.Calls.IgnoreQueryFilters().CountAsync()).ShouldBe(1, "only the message so far");
        }

        var (logged, first) = await DeliverAsync(twilio, url, inbound, signatures[0]);
        logged.StatusCode.ShouldBe(HttpStatusCode.OK, first?.ToJsonString());
        first.Str("result").ShouldBe("logged");
        // Delivered again, or replayed by someone who saw it: the same call, not a second one.
        var (replayed, second) = await DeliverAsync(twilio, url, inbound, signatures[0]);
        replayed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (second.Str("result"), second.Str("callId")).ShouldBe(("already-logged", first.Str("callId")));

        var (_, early) = await DeliverAsync(twilio, url, ringing, signatures[2]);
        early.Str("result").ShouldBe("ignored");
        var (_, out1) = await DeliverAsync(twilio, url, outbound, signatures[1]);
        out1.Str("result").ShouldBe("logged");

        var (_, callback) = await client.GetJsonAsync($"/api/v1/calls/{first.Str("callId")}");
        (callback.Str("direction"), callback.Str("outcome"), callback.Str("durationSeconds"), callback.Str("creditedCallId"), callback.Str("externalId"))
            .ShouldBe(("inbound", "connected", "95", message.Str("id"), $"twilio:{inbound["CallSid"]}"));
        var (_, voicemail) = await client.GetJsonAsync($"/api/v1/calls/{out1.Str("callId")}");
        (voicemail.Str("direction"), voicemail.Str("outcome"), voicemail.Str("attemptNumber")).ShouldBe(("outbound", "voicemail-left", "2"));
        // Twilio retrying while the first delivery is still being written: eight at once, one call.
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(twilio, url, racing, signatures[4])));
        deliveries.ShouldAllBe(d => d.Response.StatusCode == HttpStatusCode.OK);
        deliveries.Count(d => d.Body.Str("result") == "logged").ShouldBe(1);
        deliveries.Select(d => d.Body.Str("callId")).Distinct().ShouldHaveSingleItem();
        await using (var db = app.Database.NewContext())
        {
            (await db.Calls.IgnoreQueryFilters().CountAsync()).ShouldBe(4);
        }
    }

    [Fact]
    public async Task A_call_from_an_unknown_number_lands_in_the_inbox_with_the_caller_id_name()
    {
        await DebianPython.RequireModuleAsync("twilio", "python3-twilio");
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, hook) = await client.PutAsync("/api/v1/telephony/twilio", new { authToken = Token });
        var url = hook.Str("webhookUrl");
        var form = Completed("CA" + new string('d', 32), "+16465550111", "+19015552120");
        var signature = (await TwilioSignsAsync((url, form)))[0];

        var (response, body) = await DeliverAsync(app.CreateClient(), url, form, signature);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.Str("result").ShouldBe("inbox");
        var (_, inbox) = await client.GetJsonAsync("/api/v1/inbox");
        (inbox.Str("0.from"), inbox.Str("0.callerName"), inbox.Str("0.source")).ShouldBe(("+16465550111", "JONES SUE", "twilio"));
    }

    [Fact]
    public async Task Ringbacks_signatures_are_twilios_for_random_requests()
    {
        await DebianPython.RequireModuleAsync("twilio", "python3-twilio");
        var random = new Random(6);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => "aZ09 +-_.:/?&=%é€ü"[random.Next(18)])]);
        var requests = Enumerable.Range(0, 40).Select(i => (
            Url: $"https://ringback.example.com/webhooks/twilio/{Text(10).Replace(' ', 'x')}?q={i}",
            Form: Enumerable.Range(0, random.Next(1, 12)).Select(_ => Text(random.Next(1, 10)) + "K").Distinct()
                .ToDictionary(k => k, _ => Text(random.Next(0, 20))))).ToArray();

        var twilios = await TwilioSignsAsync(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            TwilioSignature.Compute(Token, requests[i].Url, requests[i].Form).ShouldBe(twilios[i], $"request {i}: {JsonSerializer.Serialize(requests[i].Form)}");
        }
    }

    [Fact]
    public async Task Setting_up_twilio_needs_a_real_token_and_is_the_organizations_own()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (bad, problem) = await client.PutAsync("/api/v1/telephony/twilio", new { authToken = "short" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.authToken.0").ShouldStartWith("is required");

        var (_, first) = await client.PutAsync("/api/v1/telephony/twilio", new { authToken = Token });
        var (_, again) = await client.PutAsync("/api/v1/telephony/twilio", new { authToken = Token.ToUpperInvariant() });
        again.Str("webhookUrl").ShouldBe(first.Str("webhookUrl"), "a new token keeps the URL Twilio already has");
        await using (var db = app.Database.NewContext())
        {
            var stored = await db.TelephonyHooks.IgnoreQueryFilters().SingleAsync();
            stored.ProtectedSecret.ShouldNotContain(Token.ToUpperInvariant(), Case.Insensitive);
        }

        // A rep of the same organization sees the hook but may not change it: that is the owner's.
        var (_, rep) = await app.SignUpAsync("rae@abc.example", "freda@abc.example", "Rae");
        (await rep.GetJsonAsync("/api/v1/telephony/twilio")).Body.Str("webhookUrl").ShouldBe(first.Str("webhookUrl"));
        (await rep.PutAsync("/api/v1/telephony/twilio", new { authToken = Token })).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rep.SendAsync(HttpMethod.Delete, "/api/v1/telephony/twilio")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (_, other) = await app.SignUpAsync("bo@xyz.example", "XYZ", "Bo");
        (await other.GetJsonAsync("/api/v1/telephony/twilio")).Body.Str("configured").ShouldBe("false");
        (await client.SendAsync(HttpMethod.Delete, "/api/v1/telephony/twilio")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync("/api/v1/telephony/twilio")).Body.Str("configured").ShouldBe("false");
    }
}
