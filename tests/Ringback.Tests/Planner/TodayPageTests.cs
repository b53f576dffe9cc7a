using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Planner;

/// <summary>The planner in the browser: Today as home, lawful hours on the contact page, do-not-call at once.</summary>
[Trait("Tier", "Browser")]
public class TodayPageTests
{
    [Fact]
    public async Task Today_lists_a_new_contact_with_their_inferred_zone_and_a_do_not_call_request_takes_them_off_at_once()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Today_lists_a_new_contact_with_their_inferred_zone_and_a_do_not_call_request_takes_them_off_at_once), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Sue");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByLabel("Direct phone").FillAsync("(305) 555-0147");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            // No zone given: Miami's area code says Eastern time, and Florida's law applies beside the federal one.
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("America/New_York, inferred from their area code");
            await Expect(page.Locator("[data-lawful]")).ToContainTextAsync("US federal law · Florida · your working hours");

            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/today$"));
            var item = page.Locator(".queue-item", new() { HasText = "Sue Jones" });
            await Expect(item).ToContainTextAsync("New contact: not called yet.");
            await Expect(item).ToContainTextAsync("“Hi Sue, this is Freda Whitehouse with ABC Company.”");
            await Expect(item).ToContainTextAsync("America/New_York, inferred from their area code");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No do-not-call registry copy has been imported");
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(docs, "today-desktop.png") });
            }

            await item.GetByRole(AriaRole.Link, new() { Name = "Sue Jones" }).ClickAsync();
            await page.GetByText("They asked not to be called again").First.ClickAsync();
            await page.GetByLabel("What they said").FillAsync("Please take me off your list");
            await page.GetByRole(AriaRole.Button, new() { Name = "Put on our do-not-call list" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sue Jones is on your do-not-call list.");
            await Expect(page.Locator(".alert.dnc")).ToContainTextAsync("+13055550147 is on Our do-not-call list");

            await page.GetByRole(AriaRole.Link, new() { Name = "Today" }).ClickAsync();
            await Expect(page.GetByText("Nothing to call today.")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_contacts_a_search_finds_are_enrolled_in_a_cadence_together()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(The_contacts_a_search_finds_are_enrolled_in_a_cadence_together), async page =>
        {
            await browser.FirstRunAsync();
            foreach (var (first, last) in new[] { ("Ann", "Acme"), ("Bob", "Acme"), ("Cy", "Other") })
            {
                await page.GotoAsync("/contacts/new");
                await page.GetByLabel("First name").FillAsync(first);
                await page.GetByLabel("Last name").FillAsync(last);
                await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{first} {last}" })).ToBeVisibleAsync();
            }

            await page.GotoAsync("/contacts");
            await page.GetByRole(AriaRole.Searchbox).FillAsync("Acme");
            await Expect(page.Locator("#results")).Not.ToContainTextAsync("Cy Other");
            await page.GetByText("Enrol the contacts these filters find in a cadence").ClickAsync();
            await page.Locator("details.bulk").GetByLabel("Cadence").SelectOptionAsync("Seven touches in a month");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enrol them" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Enrolled 2 contacts in Seven touches in a month.");

            await page.GotoAsync("/contacts");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ann Acme" }).ClickAsync();
            await Expect(page.Locator("section.next")).ToContainTextAsync("In Seven touches in a month since");
            await Expect(page.Locator(".planned")).ToContainTextAsync("Seven touches in a month: step 1 of 7 (day 0)");
            await page.GotoAsync("/contacts");
            await page.GetByRole(AriaRole.Link, new() { Name = "Cy Other" }).ClickAsync();
            await Expect(page.Locator("section.next")).Not.ToContainTextAsync("In Seven touches");
        });
    }
}
