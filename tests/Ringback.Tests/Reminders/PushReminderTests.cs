using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Reminders;
using Ringback.Reminders;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Reminders;

/// <summary>
/// Push reminders through a push service that checks the VAPID signature and decrypts each payload as the device
/// would: devices added and removed in Settings, one that hangs does not hold up the others, one gone is dropped,
/// and "Snooze 5 min" sends the reminder again five minutes later.
/// </summary>
public partial class PushReminderTests
{
    private static readonly Instant Promised = Instant.FromUtc(2026, 11, 25, 13, 15); // Wednesday 08:15 in New York

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_promise_reaches_every_device_signed_and_encrypted_a_hanging_one_holds_up_none_a_gone_one_is_dropped_and_snooze_sends_it_again(DatabaseProvider provider)
    {
        await using var push = await PushReceiver.StartAsync();
        await using var app = await RingbackApiFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Ringback:Push:TimeoutSeconds"] = "2",
            ["Ringback:Smtp:From"] = "Ringback <reminders@abc.example>",
        });
        var (me, api) = await app.SignUpAsync();
        var pages = await app.SignInToPagesAsync();
        var settings = await pages.GetStringAsync("/settings");
        var key = Regex.Match(settings, "data-key=\"([^\"]+)\"").Groups[1].Value;
        System.Buffers.Text.Base64Url.DecodeFromChars(key).Length.ShouldBe(65, "the page offers the server's VAPID public key for the browser's subscription");

        // A subscription the browser could not have made is refused, field by field.
        var bad = await PostJsonAsync(pages, settings, "/settings?handler=Subscribe", new { endpoint = "ftp://push.example/x", keys = new { p256dh = "abc", auth = "" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("keys.p256dh");
        problem.ShouldContain("keys.auth");
        problem.ShouldContain("endpoint");

        var phone = push.NewDevice();
        var laptop = push.NewDevice();
        var old = push.NewDevice();
        foreach (var device in new[] { phone, laptop, old })
        {
            (await PostJsonAsync(pages, settings, "/settings?handler=Subscribe", device.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await pages.GetStringAsync("/settings")).ShouldContain("127.0.0.1", Case.Sensitive, "the devices are listed with their push service");
        string Id(BrowserDevice d) => d.Endpoint[(d.Endpoint.LastIndexOf('/') + 1)..];
        push.Hang[Id(laptop)] = TimeSpan.FromSeconds(6);
        push.Gone[Id(old)] = true;

        var (_, sue) = await api.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", company = "Acme Freight", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        (await api.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, Freda here.", promisedNextCallAt = "2026-11-25T08:15:00-05:00",
        })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var sender = app.Services.GetRequiredService<ReminderSender>();
        app.Clock.Reset(Promised - Duration.FromMinutes(5));
        var first = await sender.RunAsync(Promised - Duration.FromMinutes(5), default);
        (first.Sent, first.Failed).ShouldBe((2, 2), "the banner and the phone; the laptop timed out and the old device is gone. "
            + string.Join("; ", push.Refused) + " " + await ErrorsAsync(app, me));

        var received = push.Received.ShouldHaveSingleItem();
        received.DeviceId.ShouldBe(Id(phone));
        push.Refused.ShouldBeEmpty();
        received.Payload.GetProperty("title").GetString().ShouldBe("Call Sue Jones at Wed 08:15 EST their time, as promised");
        received.Payload.GetProperty("body").GetString()!.ShouldContain("Open with: \"Hi Sue, I'm calling as promised…\"");
        received.Payload.GetProperty("url").GetString().ShouldBe($"/contacts/{sueId}#log-call");
        received.Payload.GetProperty("tel").GetString().ShouldBe("tel:+12125550147");
        received.Subject.ShouldBe("mailto:reminders@abc.example");
        (received.Urgency, received.Ttl).ShouldBe(("high", 15 * 60), "kept by the push service only until the promise is past its use");

        await using (var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId)))
        {
            var entry = (await ReminderBook.ListAsync(db, me.Id, Promised, 10, default)).Single(r => r.ContactName == "Sue Jones");
            var pushes = entry.Deliveries.Where(d => d.Channel == ReminderChannel.Push).ToList();
            pushes.Count(d => d.State == DeliveryState.Sent).ShouldBe(1);
            pushes.Single(d => d.State == DeliveryState.Failed).LastError!.ShouldContain("did not answer within 2 s");
            pushes.Single(d => d.State == DeliveryState.GaveUp).LastError!.ShouldContain("410");
            (await PushDevices.ListAsync(db, me.Id, default)).Count.ShouldBe(2, "the device the push service no longer knows is dropped");
        }

        // Snooze from the lock screen: no session, the payload's token is the credential.
        var snooze = received.Payload.GetProperty("snooze").GetString();
        var anonymous = app.CreateClient();
        app.Clock.Reset(Promised - Duration.FromMinutes(4) - Duration.FromSeconds(30));
        (await anonymous.PostAsJsonAsync("/reminders/snooze", new { token = "forged" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.PostAsJsonAsync("/reminders/snooze", new { token = snooze })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.PostAsJsonAsync("/reminders/snooze", new { token = snooze })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "already snoozed");

        // The laptop answers again: its retry a minute later delivers the first round; the snooze comes five minutes after it was asked.
        push.Hang.Clear();
        (await sender.RunAsync(Promised - Duration.FromMinutes(4), default)).Sent.ShouldBe(1);
        (await sender.RunAsync(Promised + Duration.FromSeconds(29), default)).Sent.ShouldBe(0, "not before the five minutes are up");
        (await sender.RunAsync(Promised + Duration.FromSeconds(30), default)).Sent.ShouldBe(3, "the banner again, the phone and the laptop");
        push.Received.Count(r => r.DeviceId == Id(phone)).ShouldBe(2);
        push.Received.Count(r => r.DeviceId == Id(laptop)).ShouldBe(2);
        push.Received.Select(r => r.Topic).Distinct().ShouldHaveSingleItem("one reminder: a push service replaces a waiting one with its successor");
        push.Refused.ShouldBeEmpty();

        // Too late to snooze: five more minutes would take it past the promise's tolerance.
        app.Clock.Reset(Promised + Duration.FromMinutes(6));
        var late = await anonymous.PostAsJsonAsync("/reminders/snooze", new { token = push.Received[^1].Payload.GetProperty("snooze").GetString() });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).ShouldContain("Too late to snooze");

        // A test push from Settings reaches both devices now; a device removed in Settings gets nothing more.
        var page = await pages.GetStringAsync("/settings");
        var tested = await PostFormAsync(pages, page, "/settings?handler=TestReminder", new() { ["channel"] = "Push" });
        tested.ShouldContain("Push test sent. Push test sent.");
        push.Received.Count(r => r.Payload.GetProperty("title").GetString() == "Test reminder from Ringback").ShouldBe(2);
        var deviceId = Regex.Match(page, "handler=RevokeDevice&amp;id=([0-9a-f-]+)").Groups[1].Value;
        await PostFormAsync(pages, page, $"/settings?handler=RevokeDevice&id={deviceId}", []);
        await using (var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId)))
        {
            (await PushDevices.ListAsync(db, me.Id, default)).Select(d => d.Id.ToString()).ShouldNotContain(deviceId);
        }
    }

    private static async Task<string> ErrorsAsync(RingbackApiFactory app, Ringback.Accounts.User me)
    {
        await using var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId));
        return string.Join("; ", (await ReminderBook.ListAsync(db, me.Id, Promised, 10, default)).SelectMany(r => r.Deliveries).Select(d => $"{d.Channel} {d.State} {d.LastError}"));
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string page, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", RingbackApiFactory.AntiforgeryToken(page));
        return await client.SendAsync(request);
    }

    /// <summary>Posts a form as the page would and returns the page it lands on.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = RingbackApiFactory.AntiforgeryToken(page);
        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(url, content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
