using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Callbacks;
using Ringback.Data.Calls;
using Ringback.Data.Planner;
using Ringback.Scheduling;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Callbacks;

/// <summary>Callbacks in the browser: one click to log one, the inbox, and the Stats page's figures.</summary>
[Trait("Tier", "Browser")]
public class StatsPageTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>
    /// Three days ago at 10:00 in New York (a Tuesday or not, the heatmap says which): four contacts, counted by hand —
    /// Ann (vague) called back after 2 h, Bob (vague) not yet, Cy (warm cold call) after 4 h, and Dee answered.
    /// Messages 3 (2 called back), calls out 4 (1 connected), time to callback 2 h and 4 h.
    /// </summary>
    private static async Task<(Instant Left, IsoDayOfWeek Day)> SeedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var freda = await db.Users.IgnoreQueryFilters().SingleAsync();
        db.OrganizationId = freda.OrganizationId;
        var now = TestEnvironment.WallClock.GetCurrentInstant();
        var day = now.InZone(NewYork).Date.PlusDays(-3);
        var left = LocalTimes.Resolve(day.At(new LocalTime(10, 0)), NewYork).ToInstant();
        var planner = new PlannerOptions();
        async Task<Guid> ContactAsync(string first, string number)
        {
            var contact = new Contact { Id = Guid.CreateVersion7(), FirstName = first, LastName = "Lane", DirectPhone = number, OwnerId = freda.Id, CreatedAt = left, UpdatedAt = left };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact.Id;
        }

        async Task LogAsync(Guid contactId, string outcome, string? strategy)
        {
            var result = await CallLog.LogAsync(db, contactId, freda.Id, new CallDraft { Outcome = outcome, Strategy = strategy, StartedAt = left }, null, now, default, planner);
            result.IsValid.ShouldBeTrue(result.Errors.ToString());
        }

        var ann = await ContactAsync("Ann", "+12125550101");
        var bob = await ContactAsync("Bob", "+12125550102");
        var cy = await ContactAsync("Cy", "+12125550103");
        var dee = await ContactAsync("Dee", "+12125550104");
        await LogAsync(ann, "voicemail-left", "vague");
        await LogAsync(bob, "voicemail-left", "vague");
        await LogAsync(cy, "voicemail-left", "warm-cold-call");
        await LogAsync(dee, "connected", null);
        foreach (var (number, hours) in new[] { ("212-555-0101", 2), ("(212) 555 0103", 4) })
        {
            var back = await Inbound.CaptureAsync(db, new InboundCall { From = number, StartedAt = left + Duration.FromHours(hours), Source = "api" }, "US", now, planner, default);
            back.Call.ShouldNotBeNull(back.Errors.ToString());
        }

        var unknown = await Inbound.CaptureAsync(db, new InboundCall { From = "646-555-0177", CallerName = "PAT QUINN", StartedAt = now - Duration.FromHours(1), Source = "twilio" }, "US", now, planner, default);
        unknown.Inbox.ShouldNotBeNull();
        return (left, day.DayOfWeek);
    }

    [Fact]
    public async Task The_stats_page_answers_which_strategy_works_and_a_click_logs_a_callback_credited_to_its_message()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(The_stats_page_answers_which_strategy_works_and_a_click_logs_a_callback_credited_to_its_message), async page =>
        {
            await browser.FirstRunAsync();
            var (_, day) = await SeedAsync(browser.Database);

            await page.GotoAsync("/stats");
            await Expect(page.Locator("[data-verdict]")).ToHaveTextAsync(
                "Too few messages to say which strategy gets calls returned: each needs at least 30 messages (the most any has is 2).");
            await Expect(page.Locator("[data-tile=callbacks]")).ToHaveTextAsync("67%");
            // Delays of 2 h and 4 h: half within 2 h, 90% within 4 h (the bounds of the buckets they fall in).
            await Expect(page.Locator("[data-tile=median]")).ToHaveTextAsync("2 h");
            await Expect(page.Locator(".tiles")).ToContainTextAsync("half were returned within this; 90% within 4 h");
            await Expect(page.Locator("[data-tile=connects]")).ToHaveTextAsync("25%");
            var vague = page.Locator("#by-strategy tr", new() { HasText = "Vague" });
            await Expect(vague.Locator("td")).ToHaveTextAsync(["2", "1", "50%", "9%–91%", "0", "too few to conclude"]);
            await Expect(page.Locator("svg.chart").First).ToHaveAttributeAsync("aria-label", "Callback rate by strategy, with 95% intervals");
            var row = page.Locator("#heatmap tbody tr", new() { HasText = day.ToString()[..3] });
            await Expect(row.Locator("td[title]")).ToHaveAttributeAsync("title", $"{day} 10:00 — 67% of 3 (95% CI 21%–94%)");
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(docs, "stats-desktop.png"), FullPage = true });
            }

            var csv = await page.Context.APIRequest.GetAsync(await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href") ?? "/stats?handler=csv");
            csv.Ok.ShouldBeTrue();
            var text = await csv.TextAsync();
            text.ShouldStartWith("table,key,successes,trials,rate,ci_low,ci_high,too_few_to_conclude\n");
            text.ShouldContain("strategy,vague,1,2,0.5,0.0945,0.9055,True\n");
            text.ShouldContain("time-to-callback,median-seconds,,2,7200,,,True\n");

            // Bob calls back: one click on his page, and it is credited to the vague message left three days ago.
            await page.GotoAsync("/contacts?q=Bob");
            await page.GetByRole(AriaRole.Link, new() { Name = "Bob Lane" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "They called back" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged their call: it returns your voicemail of ");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\(vague, attempt 1\), [23] d( \d+ h)? later\.$"));
            await Expect(page.Locator("[data-credit]")).ToContainTextAsync("Returns your voicemail of");
            await Expect(page.Locator(".status").First).ToHaveTextAsync("Engaged");

            await page.GotoAsync("/stats");
            await Expect(page.Locator("#by-strategy tr", new() { HasText = "Vague" })).ToContainTextAsync("100%");
            await Expect(page.Locator("[data-tile=callbacks]")).ToHaveTextAsync("100%");
        });
    }

    [Fact]
    public async Task A_call_from_an_unknown_number_becomes_a_contact_in_one_click_and_another_is_filed_under_the_right_one()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_call_from_an_unknown_number_becomes_a_contact_in_one_click_and_another_is_filed_under_the_right_one), async page =>
        {
            await browser.FirstRunAsync();
            await SeedAsync(browser.Database);
            await page.GotoAsync("/today");
            await page.Locator("[data-inbox-count]").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
            var item = page.Locator("[data-inbox]", new() { HasText = "(646) 555-0177" });
            await Expect(item).ToContainTextAsync("PAT QUINN");
            await Expect(item).ToContainTextAsync("via twilio; no contact has this number");
            await item.GetByRole(AriaRole.Button, new() { Name = "Make a contact" }).ClickAsync();
            await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Pat");
            await Expect(page.GetByLabel("Last name")).ToHaveValueAsync("Quinn");
            await Expect(page.GetByLabel("Direct phone")).ToHaveValueAsync("(646) 555-0177");

            await page.GotoAsync("/inbox");
            await Expect(page.GetByText("Nothing waiting.")).ToBeVisibleAsync();

            // Ann rings from a new mobile: filed under her by name.
            await using (var db = browser.Database.NewContext())
            {
                var org = await db.Users.IgnoreQueryFilters().Select(u => u.OrganizationId).FirstAsync();
                db.OrganizationId = org;
                var result = await Inbound.CaptureAsync(db, new InboundCall { From = "917-555-0190", Source = "twilio" }, "US", TestEnvironment.WallClock.GetCurrentInstant(), new PlannerOptions(), default);
                result.Inbox.ShouldNotBeNull();
            }

            await page.GotoAsync("/inbox");
            var ann = page.Locator("[data-inbox]", new() { HasText = "(917) 555-0190" });
            await ann.GetByLabel("Contact's name or number").FillAsync("Lane");
            await ann.GetByRole(AriaRole.Button, new() { Name = "File under them" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("contacts match “Lane”: pick one, or type more.");
            await page.Locator("[data-inbox]", new() { HasText = "(917) 555-0190" }).GetByRole(AriaRole.Button, new() { Name = "Ann Lane" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ann Lane" })).ToBeVisibleAsync();
            await Expect(page.Locator(".timeline .call").First).ToContainTextAsync("they called");
        });
    }
}
