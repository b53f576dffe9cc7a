using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Coach;

/// <summary>The composer and the live coach in the log-a-call form, in real Chromium.</summary>
[Trait("Tier", "Browser")]
public class CoachPageTests
{
    [Fact]
    public async Task A_strategy_fills_the_message_and_the_coach_follows_the_typing()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_strategy_fills_the_message_and_the_coach_follows_the_typing), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("Salutation").FillAsync("Ms.");
            await page.GetByLabel("First name").FillAsync("Sue");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByLabel("Time zone").FillAsync("America/New_York");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            var log = page.Locator("form.log-call");
            var strategy = log.GetByLabel("Message strategy");
            var message = log.GetByLabel("Message left");
            var coach = page.Locator("#coach");
            Task ExpectFinding(string rule, bool present) =>
                Expect(coach.Locator($"[data-rule='{rule}']")).ToHaveCountAsync(present ? 1 : 0);

            // Honest by construction: no referrer, so no referral; the reason is on the page.
            await Expect(strategy.Locator("option[value='referral']")).ToBeDisabledAsync();
            await log.GetByText("Why some are unavailable").ClickAsync();
            await Expect(log.Locator(".unavailable")).ToContainTextAsync("Referral: No one referred Sue Jones");

            await log.GetByText("Voicemail left").ClickAsync();
            await log.GetByLabel("Promised call").FillAsync("2030-06-04T10:00");
            await strategy.SelectOptionAsync("Warm cold call");
            await Expect(message).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hello Ms\\. Jones, this is Freda Whitehouse with ABC Company, 901-555-2120, about"));
            await Expect(message).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("about \\[reason\\]"));
            await Expect(log.Locator("#Call-Strategy-note")).ToContainTextAsync("Type the specific point");

            await log.GetByLabel("What you want to talk about").FillAsync("your winter hiring");
            await log.GetByLabel("How it helps them").FillAsync("we cut hiring time by a third");
            await Expect(message).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(", about your winter hiring: we cut hiring time by a third\\. I'll call again Tuesday, June 4 at 10 a\\.m\\."));
            await Expect(coach).ToContainTextAsync("No findings");
            await Expect(coach).ToContainTextAsync("Say your number (901) 555-2120: nine oh one — five five five — two one two oh");

            // The rep's own words: a finding appears as they type and goes when they fix it.
            await message.FillAsync("");
            await message.PressSequentiallyAsync("Hi Sue, this is Freda Whitehouse at 901-555-2120. Is now a good time?");
            await ExpectFinding("asks-if-good-time", true);
            await ExpectFinding("number-not-at-end", true);
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
            {
                await page.Locator(".message-area").ScreenshotAsync(new() { Path = Path.Combine(docs, "coach-desktop.png") });
            }
            await message.FillAsync("Hi Sue, this is Freda Whitehouse at 901-555-2120, about your winter hiring: we cut hiring time by a third.");
            await message.PressSequentiallyAsync(" I'll call you again Tuesday at 10, or reach me at 901-555-2120.");
            await ExpectFinding("asks-if-good-time", false);
            await ExpectFinding("number-not-at-end", false);
            await Expect(coach.Locator(".score")).ToHaveTextAsync("100/100");

            // Changing strategy keeps the rep's own words.
            await strategy.SelectOptionAsync("Vague");
            await Expect(log.Locator("#Call-Strategy-note")).ToContainTextAsync("your own words");
            await Expect(message).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hi Sue, this is Freda Whitehouse at 901-555-2120, about"));

            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Logged: voicemail left.");
            var entry = page.Locator(".timeline li").First;
            await Expect(entry).ToContainTextAsync("I'll call you again Tuesday at 10");
            await Expect(entry.Locator(".tag")).ToHaveTextAsync("Vague");
        });
    }

    [Fact]
    public async Task The_message_can_be_heard_at_the_coached_pace_or_the_page_says_how_to_install_speech()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(The_message_can_be_heard_at_the_coached_pace_or_the_page_says_how_to_install_speech), async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var log = page.Locator("form.log-call");
            await log.GetByLabel("Message left").FillAsync("Hi, this is Freda Whitehouse at 901-555-2120. I'll call again Thursday at 10, or reach me at 901-555-2120.");

            if (!TestEnvironment.HasProgram("espeak-ng"))
            {
                Assert.False(TestEnvironment.RequireTools, "RINGBACK_REQUIRE_TOOLS=1 but espeak-ng is not installed");
                await Expect(log.Locator(".practice")).ToContainTextAsync("apt-get install espeak-ng");
                return;
            }

            await log.GetByRole(AriaRole.Button, new() { Name = "Hear it at the coached pace" }).ClickAsync();
            await Expect(log.Locator("[data-practice-length]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Plays for \\d+\\.\\d s \\(the coach estimated \\d+(\\.\\d)? s\\)$"));
            await Expect(log.Locator(".practice audio")).ToBeVisibleAsync();
            var duration = await log.Locator(".practice audio").EvaluateAsync<double>(
                "a => new Promise(r => a.readyState >= 1 ? r(a.duration) : a.addEventListener('loadedmetadata', () => r(a.duration)))");
            duration.ShouldBeGreaterThan(5);
        });
    }

    [Fact]
    public async Task A_rep_makes_their_own_template_from_a_built_in_one_and_the_composer_uses_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(A_rep_makes_their_own_template_from_a_built_in_one_and_the_composer_uses_it), async page =>
        {
            await browser.FirstRunAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Make your own from Vague" }).ClickAsync();
            await Expect(page.GetByLabel("Name")).ToHaveValueAsync("My vague");
            await page.GetByLabel("Message").FillAsync("Hi {contact.firstName}, {caller.name} on {caller.number}. I'll try you {next.call}: {caller.nickname}.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(page.Locator("#Input-Body-error")).ToContainTextAsync("{caller.nickname} is not a field");

            await page.GetByLabel("Message").FillAsync("Hi {contact.firstName}, {caller.name} on {caller.number}. I'll try you {next.call}: {caller.number}.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved My vague.");
            await Expect(page.Locator("#strategy-vague").Locator("xpath=..").Locator(".template").First).ToContainTextAsync("My vague");

            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Sue");
            await page.GetByLabel("Last name").FillAsync("Jones");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var log = page.Locator("form.log-call");
            await log.GetByLabel("Message strategy").SelectOptionAsync("Vague");
            await Expect(log.GetByLabel("Message left")).ToHaveValueAsync("Hi Sue, Freda Whitehouse on 901-555-2120. I'll try you [next.call]: 901-555-2120.");
            await Expect(log.Locator("#Call-Strategy-note")).ToContainTextAsync("Set when you will call again.");
        });
    }
}
