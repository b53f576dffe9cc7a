using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Practice;

/// <summary>
/// The Practice page in Debian's Chromium, its microphone a fake one playing a take made with flite
/// (<c>--use-file-for-fake-audio-capture</c>): recorded through MediaRecorder, sent, analysed, heard back, compared.
/// </summary>
[Trait("Tier", "Browser")]
public sealed class PracticePageTests : IDisposable
{
    private readonly Takes _takes = new();

    public PracticePageTests() => Takes.RequireTools();

    public void Dispose() => _takes.Dispose();

    /// <summary>A click that posts a take waits for the page that follows, and analysing a 30 s take on a busy machine takes a while.</summary>
    private static readonly LocatorClickOptions Analysing = new() { Timeout = 60_000 };

    private static string[] FakeMicrophone(string wav) =>
        ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-audio-capture={wav}%noloop"];

    [Fact]
    public async Task A_take_recorded_in_the_browser_is_measured_heard_through_a_phone_line_and_compared_with_the_next()
    {
        // Chromium's fake microphone wants 16-bit PCM; a careful take first, padded so the recording catches all of it.
        var take = _takes.Sox(_takes.Padded(_takes.Careful(stretch: 1.3)), "pad", "0", "1", "gain", "-6");
        var seconds = double.Parse(Takes.Output("soxi", "-D", take).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await using var browser = await BrowserSession.StartAsync(browserArgs: FakeMicrophone(take));
        await browser.Context.GrantPermissionsAsync(["microphone"]);
        await browser.RunAsync("practice-record", async page =>
        {
            await browser.FirstRunAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Practice", Exact = true }).ClickAsync();
            await page.GetByLabel("Message you mean to say").FillAsync(Takes.Message);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-record-status]")).ToContainTextAsync("Recording");
            await page.WaitForTimeoutAsync((float)(seconds * 1000));
            await page.GetByRole(AriaRole.Button, new() { Name = "Stop and analyse" }).ClickAsync(Analysing);

            await Expect(page.Locator("#take-heading")).ToContainTextAsync("Your take", new() { Timeout = 30_000 });
            var figures = page.Locator(".figures");
            await Expect(figures).ToContainTextAsync("LUFS");
            await Expect(figures).ToContainTextAsync("words a minute");
            await Expect(page.Locator(".transcript")).ToContainTextAsync("nine oh one five five five two one two");
            await Expect(page.Locator(".transcript")).Not.ToContainTextAsync("unsure");
            await Expect(page.Locator(".findings")).ToHaveCountAsync(0, new() { Timeout = 1000 });
            await Expect(page.Locator(".coach-clear")).ToContainTextAsync("No findings");

            // Both players play WAVE audio: as recorded and through the line (8 kHz).
            foreach (var player in await page.Locator(".players audio").AllAsync())
            {
                var response = await page.APIRequest.GetAsync(await player.GetAttributeAsync("src") ?? "");
                (response.Status, response.Headers["content-type"]).ShouldBe((200, "audio/wav"));
                (await response.BodyAsync()).Length.ShouldBeGreaterThan(8000 * 2 * 5);
            }

            // A second take of the same message, uploaded this time: the two side by side.
            await page.GetByLabel("Or choose a recording").SetInputFilesAsync(_takes.Padded(_takes.Flite(stretch: 0.9)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Analyse", Exact = true }).ClickAsync(Analysing);
            await Expect(page.Locator(".findings [data-rule='too-fast']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var rows = page.Locator("table.progress tbody tr");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(1)).ToContainTextAsync("too-fast");
            await Expect(rows.Nth(0)).Not.ToContainTextAsync("too-fast");
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(docs, "practice-desktop.png"), FullPage = true });
            }

            // A file that is not audio is refused on the form, in words.
            var notAudio = _takes.Next("txt");
            await File.WriteAllTextAsync(notAudio, "name,phone");
            await page.GetByLabel("Or choose a recording").SetInputFilesAsync(notAudio);
            await page.GetByRole(AriaRole.Button, new() { Name = "Analyse", Exact = true }).ClickAsync(Analysing);
            await Expect(page.Locator("[data-take-errors]")).ToContainTextAsync("Recording: The file is not audio that ffmpeg can read");
        });
    }

    [Fact]
    public async Task A_take_of_the_message_is_recorded_beside_it_on_the_contacts_page()
    {
        var take = _takes.Sox(_takes.Padded(_takes.Flite(stretch: 0.9)), "pad", "0", "1", "gain", "-6");
        var seconds = double.Parse(Takes.Output("soxi", "-D", take).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await using var browser = await BrowserSession.StartAsync(width: 390, height: 844, browserArgs: FakeMicrophone(take));
        await browser.Context.GrantPermissionsAsync(["microphone"]);
        await browser.RunAsync("practice-contact", async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/contacts/new");
            await page.GetByLabel("First name").FillAsync("Dana");
            await page.GetByLabel("Last name").FillAsync("Okonkwo-Villanueva");
            await page.GetByLabel("Time zone").FillAsync("America/New_York");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var log = page.Locator("form.log-call");
            await log.GetByLabel("Message left").FillAsync(Takes.Message);

            await log.GetByRole(AriaRole.Button, new() { Name = "Record a take" }).ClickAsync();
            await Expect(log.Locator("[data-take-status]")).ToContainTextAsync("Recording");
            await page.WaitForTimeoutAsync((float)(seconds * 1000));
            await log.GetByRole(AriaRole.Button, new() { Name = "Stop and analyse" }).ClickAsync();

            await Expect(log.Locator("[data-take-status]")).ToContainTextAsync("words a minute", new() { Timeout = 30_000 });
            await Expect(log.Locator("[data-take-result] [data-rule='too-fast']")).ToBeVisibleAsync();
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
            {
                await log.Locator(".message").ScreenshotAsync(new() { Path = Path.Combine(docs, "practice-contact-mobile.png") });
            }

            await log.GetByRole(AriaRole.Link, new() { Name = "Hear it through a phone line and compare takes" }).ClickAsync();
            await Expect(page.Locator("#take-heading")).ToContainTextAsync("Your take");
            await Expect(page.GetByText("The message for")).ToContainTextAsync("Dana Okonkwo-Villanueva");
            if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } shots)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "practice-mobile.png"), FullPage = true });
            }
        });
    }

    [Fact]
    public async Task Without_ffmpeg_the_page_says_how_to_install_it_before_anyone_records()
    {
        await using var browser = await BrowserSession.StartAsync(settings: new Dictionary<string, string?> { ["Ringback:Ffmpeg"] = "/nonexistent/ffmpeg" });
        await browser.RunAsync("practice-no-ffmpeg", async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/practice");

            await Expect(page.Locator("[data-unavailable]")).ToContainTextAsync("sudo apt-get install ffmpeg");
        });
    }
}
