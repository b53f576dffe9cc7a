using System.Text.Json;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Text;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Web;

/// <summary>
/// In Chromium against the real server with its scheduler running: a promise logged in the web is reminded in the
/// banner of the open page, the app installs (manifest, icons, service worker), and a push reaching the service
/// worker becomes a notification with its two actions.
/// </summary>
[Trait("Tier", "Browser")]
public class ReminderBrowserTests
{
    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task A_promise_logged_in_the_web_shows_in_the_banner_and_a_push_becomes_a_notification(string device, int width, int height)
    {
        await using var browser = await BrowserSession.StartAsync(width, height);
        await browser.RunAsync($"reminders-{device}", async page =>
        {
            await browser.FirstRunAsync();

            // Remind ten minutes ahead, so a promise eight minutes away is due at once.
            await page.GotoAsync("/settings");
            await page.GetByLabel("Remind me (minutes before)").FillAsync("10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save reminder settings" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminder settings saved.");

            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Maximiliane");
            await page.GetByLabel("Last name").FillAsync("Wolfeschlegelsteinhausen-Bergerdorff");
            await page.GetByLabel("Company").FillAsync("Internationale Spedition und Lagerhaus Gesellschaft mbH");
            // The real server keeps the real time: the prospect is put where a call in eight minutes, and one at 10:00
            // tomorrow, are lawful whenever the test runs (London by day, New York, Honolulu or Guam by night).
            var (number, zoneId) = PlaceLawfulNow();
            await page.GetByLabel("Direct phone").FillAsync(number);
            await page.GetByLabel("Time zone").FillAsync(zoneId);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maximiliane Wolfeschlegelsteinhausen-Bergerdorff" })).ToBeVisibleAsync();
            var contactUrl = new Uri(page.Url).AbsolutePath;

            var prospectZone = DateTimeZoneProviders.Tzdb[zoneId];
            var promised = TestEnvironment.WallClock.GetCurrentInstant().Plus(Duration.FromMinutes(8)).InZone(prospectZone).LocalDateTime;
            var log = page.Locator("form.log-call");
            await log.GetByText("Voicemail left").ClickAsync();
            await log.GetByLabel("Message left").FillAsync("Hi Maximiliane, this is Freda Whitehouse at 901-555-2120; I'll call you again in a few minutes. 901-555-2120.");
            await log.GetByLabel("Promised call").FillAsync(LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd'T'HH:mm").Format(promised));
            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Logged: voicemail left.");

            // The server's scheduler (Quartz, every 10 s) sends it; the open page asks every 15 s.
            var banner = page.Locator("#reminders .reminder");
            await Expect(banner).ToBeVisibleAsync(new() { Timeout = 45_000 });
            await Expect(banner).ToContainTextAsync("Call Maximiliane Wolfeschlegelsteinhausen-Bergerdorff at");
            await Expect(banner).ToContainTextAsync("Hi Maximiliane, I'm calling as promised…");
            await Expect(banner.GetByRole(AriaRole.Link, new() { Name = "Open and log the call" })).ToHaveAttributeAsync("href", $"{contactUrl}#log-call");
            var e164 = "+" + new string([.. number.Where(char.IsAsciiDigit)]);
            await Expect(banner.GetByRole(AriaRole.Link, new() { Name = $"Dial {e164}" })).ToHaveAttributeAsync("href", $"tel:{e164}");
            await LayoutTests.CheckAsync(page, device, "reminder-banner");

            // Dismissed, it stays dismissed on the next page.
            await banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
            await Expect(banner).ToHaveCountAsync(0);
            // Once the new page has asked for its reminders, the dismissed one must not be among them.
            await page.RunAndWaitForResponseAsync(() => page.GotoAsync("/today"), r => r.Url.Contains("/reminders/live", StringComparison.Ordinal));
            await Expect(page.Locator("#reminders .reminder")).ToHaveCountAsync(0);

            // Installable: the manifest and its icons load, and the service worker runs.
            var manifest = await page.EvaluateAsync<JsonElement>("fetch('/manifest.webmanifest').then(r => r.json())");
            foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
            {
                var src = icon.GetProperty("src").GetString();
                (await page.EvaluateAsync<int>($"fetch('{src}').then(r => r.status)")).ShouldBe(200, src);
            }

            manifest.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).ShouldContain("512x512");
            (await page.EvaluateAsync<string>("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")).ShouldEndWith("/sw.js");

            // A push reaching the service worker becomes a notification with "open" and "snooze".
            await browser.Context.GrantPermissionsAsync(["notifications"]);
            var cdp = await browser.Context.NewCDPSessionAsync(page);
            var registration = new TaskCompletionSource<string>();
            cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
            {
                foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray().Where(r => !r.GetProperty("isDeleted").GetBoolean()))
                {
                    registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
                }
            };
            await cdp.SendAsync("ServiceWorker.enable");
            var payload = JsonSerializer.Serialize(new
            {
                title = "Call Maximiliane Wolfeschlegelsteinhausen-Bergerdorff at Wed 08:15 GMT their time, as promised",
                body = "Open with: \"Hi Maximiliane, I'm calling as promised…\"", url = $"{contactUrl}#log-call", tel = "tel:+442079460958", tag = "r1", snooze = "token",
            });
            await cdp.SendAsync("ServiceWorker.deliverPushMessage", new()
            {
                ["origin"] = browser.BaseUrl.GetLeftPart(UriPartial.Authority), ["registrationId"] = await registration.Task.WaitAsync(TimeSpan.FromSeconds(10)), ["data"] = payload,
            });
            var shown = await page.EvaluateAsync<JsonElement>("""
                (async () => {
                  const r = await navigator.serviceWorker.ready;
                  for (let i = 0; i < 50; i++) {
                    const n = await r.getNotifications();
                    if (n.length) return n.map(x => ({ title: x.title, body: x.body, actions: x.actions.map(a => a.action), url: x.data.url }));
                    await new Promise(ok => setTimeout(ok, 100));
                  }
                  return [];
                })()
                """);
            var notification = shown.EnumerateArray().ShouldHaveSingleItem();
            notification.GetProperty("title").GetString()!.ShouldStartWith("Call Maximiliane");
            notification.GetProperty("url").GetString().ShouldBe($"{contactUrl}#log-call");
            notification.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["open", "snooze"]);

            // A second promise whose reminder came due while no Ringback ran: not sent late, and Today says so.
            var tomorrow = promised.Date.PlusDays(1).At(new LocalTime(10, 0));
            var cli = new RingbackProcess(browser.Database);
            var logged = await cli.RunAsync("log-call", "--contact", "Maximiliane", "--outcome", "voicemail-left", "--message", "Hi Maximiliane, Freda again.",
                "--promise", LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm").Format(tomorrow));
            logged.ExitCode.ShouldBe(0, logged.Error);
            var afterDowntime = tomorrow.InZoneLeniently(prospectZone).ToInstant() + Duration.FromHours(1);
            var sent = await cli.RunAsync("reminders", "send-due", "--at", InstantPattern.General.Format(afterDowntime));
            sent.Out.ShouldContain("1 missed while down");
            await page.GotoAsync("/today");
            var down = page.Locator(".missed-while-down");
            await Expect(down).ToContainTextAsync("A reminder could not be sent in time");
            await Expect(down).ToContainTextAsync("Maximiliane Wolfeschlegelsteinhausen-Bergerdorff");
            // The missed promise itself is told in the banner ("was not made", with the next lawful time); closed, the notice shows whole.
            var told = page.Locator("#reminders .reminder");
            await Expect(told).ToContainTextAsync("was not made");
            await told.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
            await Expect(told).ToHaveCountAsync(0);
            await LayoutTests.CheckAsync(page, device, "today-missed-while-down", down);

            // Settings shows the reminder that went out and on which channels.
            await page.GotoAsync("/settings");
            var section = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Reminders", Exact = true }) });
            await Expect(section.Locator(".reminder-log")).ToContainTextAsync("App: sent");
            await LayoutTests.CheckAsync(page, device, "settings-reminders", section);
        });
    }

    /// <summary>A prospect's number and zone where a call eight to twenty minutes from now, and one at 10:00 the next day, are lawful.</summary>
    private static (string Number, string Zone) PlaceLawfulNow()
    {
        (string Number, string Zone)[] places =
        [
            ("+44 20 7946 0958", "Europe/London"), ("+1 212-555-0147", "America/New_York"), ("+1 808-555-0147", "Pacific/Honolulu"), ("+1 671-555-0147", "Pacific/Guam"),
        ];
        var now = TestEnvironment.WallClock.GetCurrentInstant();
        foreach (var (number, zoneId) in places)
        {
            var contact = new Ringback.Contacts.Contact
            {
                Id = Guid.NewGuid(), LastName = "Test", CreatedAt = now, DirectPhone = "+" + new string([.. number.Where(char.IsAsciiDigit)]), TimeZone = zoneId,
            };
            var place = Ringback.Data.Planner.Places.For(contact, null, new Ringback.Data.Planner.PlannerOptions());
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var tomorrow = now.InZone(zone).Date.PlusDays(1).At(new LocalTime(10, 0)).InZoneLeniently(zone).ToInstant();
            if (new[] { 8, 14, 20 }.All(m => place.Check(now + Duration.FromMinutes(m)).Refusal is null) && place.Check(tomorrow).Refusal is null)
            {
                return (number, zoneId);
            }
        }

        throw new InvalidOperationException($"No place in the list may be called at {now}: add one.");
    }
}
