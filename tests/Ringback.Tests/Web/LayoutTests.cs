using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Web;

/// <summary>
/// The pages a rep uses most, at desktop and phone width: nothing may need sideways scrolling, and every form
/// field has a label. Screenshots are kept as test output; with RINGBACK_SCREENSHOTS=dir they go there too
/// (that is how docs/screenshots is made).
/// </summary>
[Trait("Tier", "Browser")]
public class LayoutTests
{
    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task The_main_pages_fit_the_screen_and_label_every_field(string device, int width, int height)
    {
        await using var browser = await BrowserSession.StartAsync(width, height);
        await browser.RunAsync($"layout-{device}", async page =>
        {
            await browser.FirstRunAsync();
            await page.GotoAsync("/import");
            await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
            {
                Name = "contacts.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(SampleContacts),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Import 10 new contacts" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported 10 contacts");

            // A second address book from the same offices: the check lists every row that meets a contact, beside it.
            await page.GotoAsync("/import");
            await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "second-book.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(SecondBook) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();
            await Expect(page.Locator("[data-matches]")).ToContainTextAsync("Marcus Fields-Wolfeschlegelsteinhausen");
            await CheckAsync(page, device, "import-matches", page.Locator("[data-matches]"));
            await page.GetByLabel("What to do with line 3").SelectOptionAsync("New");
            await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 new contacts" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported 3 contacts");

            // Line 3 was Sue again, imported as new on purpose: her page offers to merge, and asks first.
            await page.GotoAsync("/contacts?q=Jones");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sue Jones" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Merge into this contact…" }).ClickAsync();
            await Expect(page.Locator("[data-merge-preview]")).ToContainTextAsync("Merge Susan Jones into Sue Jones?");
            await CheckAsync(page, device, "merge-preview", page.Locator("[data-merge-preview]"));
            await page.Locator("[data-merge-preview]").GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

            await page.GotoAsync("/contacts");
            await CheckAsync(page, device, "contacts");

            await page.GetByRole(AriaRole.Link, new() { Name = "Sue Jones" }).ClickAsync();
            var log = page.Locator("form.log-call");
            await log.GetByText("Gatekeeper message").ClickAsync();
            await log.GetByLabel("…or someone new: their name").FillAsync("Pat Smith");
            await log.GetByLabel("When is the prospect available?").FillAsync("Tue and Thu after 2");
            await log.GetByLabel("Message strategy").SelectOptionAsync("Warm cold call");
            await log.GetByLabel("Message left").FillAsync("Please tell Sue that Joe Sampson suggested I call. Freda Whitehouse, 901-555-2120.");
            await log.GetByLabel("Promised call").FillAsync("2030-06-04T14:30");
            await log.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged");
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await CheckAsync(page, device, "contact");

            await page.Locator("#log-call").ScrollIntoViewIfNeededAsync();
            await CheckAsync(page, device, "log-call", page.Locator("#log-call"));

            // Sue's office rings back: the Stats page has a strategy, an attempt and an hour to show.
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.GetByRole(AriaRole.Button, new() { Name = "They called back" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged their call: it returns your message with the gatekeeper of");
            await page.GotoAsync("/stats");
            await Expect(page.Locator("#by-strategy")).ToContainTextAsync("Warm cold call");
            await CheckAsync(page, device, "stats");
            // A call from Steve's mobile, which Marcus shares since the second book: it waits with both of them.
            await page.GotoAsync("/contacts?q=Fields");
            await page.GetByRole(AriaRole.Link, new() { Name = "Steve Fields" }).ClickAsync();
            await Expect(page.Locator("[data-shared-line]")).ToContainTextAsync("Shares a number with Marcus Fields-Wolfeschlegelsteinhausen");
            await CheckAsync(page, device, "contact-shared-line", page.Locator("[data-shared-line]"));
            await using (var db = browser.Database.NewContext())
            {
                var organization = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Users));
                await using var own = browser.Database.NewContext(organization.OrganizationId);
                var captured = await Ringback.Data.Callbacks.Inbound.CaptureAsync(own, new Ringback.Data.Callbacks.InboundCall { From = "+1 703 555 0101", Source = "twilio", CallerName = "PERFORMANCE TIRES" },
                    "US", TestEnvironment.WallClock.GetCurrentInstant(), new Ringback.Data.Planner.PlannerOptions(), default);
                captured.Candidates.Count.ShouldBe(2);
            }

            await page.GotoAsync("/inbox");
            await Expect(page.Locator("[data-candidates]")).ToContainTextAsync("Marcus Fields-Wolfeschlegelsteinhausen");
            await CheckAsync(page, device, "inbox");

            // A prospect abroad whose mobile could be in several zones, with a long name and email: a range of times.
            await page.GotoAsync("/contacts?q=Wolfeschlegelsteinhausenbergerdorff");
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Wolfeschlegelsteinhausen") }).ClickAsync();
            await Expect(page.Locator("[data-place-zone]")).ToContainTextAsync("Australia/Perth to Australia/Lord_Howe");
            await CheckAsync(page, device, "contact-abroad");
            await page.GotoAsync("/today");
            await CheckAsync(page, device, "today");

            // Taking back a mistake, on its own pages: correcting a call, a likely duplicate, a page that is not there.
            await page.GotoAsync("/contacts?q=Sue");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sue Jones" }).ClickAsync();
            await page.Locator(".timeline li").First.GetByRole(AriaRole.Link, new() { Name = "Correct" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("Correct a call") })).ToBeVisibleAsync();
            await CheckAsync(page, device, "correct-call");
            await page.GotoAsync("/today?day=2030-06-04");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tuesday 4 June" })).ToBeVisibleAsync();
            await CheckAsync(page, device, "today-another-day");
            await page.GotoAsync("/contacts/00000000-0000-0000-0000-000000000001");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
            await CheckAsync(page, device, "not-found");
            if (width < 700)
            {
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Stats" })).ToBeHiddenAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Stats" })).ToBeVisibleAsync();
                await CheckAsync(page, device, "menu-open");
            }
        });
    }

    /// <summary>The demo as a new user opens it, any day of the week: Today has calls, and no page scrolls sideways.</summary>
    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task The_demo_is_alive_today_and_fits_the_screen(string device, int width, int height)
    {
        string? password = null;
        await using var browser = await BrowserSession.StartAsync(width, height, async ringback =>
        {
            var demo = await ringback.RunAsync("demo", "--contacts", "1500", "--months", "3");
            demo.ExitCode.ShouldBe(0, demo.Error);
            password = System.Text.RegularExpressions.Regex.Match(demo.Out, "with the password (\\S+)").Groups[1].Value;
        });
        await browser.RunAsync($"demo-{device}", async page =>
        {
            await page.GotoAsync("/signin");
            await page.GetByLabel("Email").FillAsync("owner@demo.ringback.example");
            await page.GetByLabel("Password").FillAsync(password!);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/today$"));
            (await page.Locator(".queue-item").CountAsync()).ShouldBeGreaterThan(0, "the demo plans calls relative to the day it is opened");
            await CheckAsync(page, device, "demo-today");
            await page.GotoAsync("/stats");
            await CheckAsync(page, device, "demo-stats");
            await page.GotoAsync("/contacts");
            await CheckAsync(page, device, "demo-contacts");
            await page.Locator("table a").First.ClickAsync();
            await CheckAsync(page, device, "demo-contact");

            // The manager's view over the demo team: every rep has calls, messages and a last call.
            await page.GotoAsync("/team/activity");
            var reps = page.Locator("table.activity tbody tr");
            (await reps.CountAsync()).ShouldBeGreaterThan(1);
            await Expect(reps.First).Not.ToContainTextAsync("no calls yet");
            await CheckAsync(page, device, "demo-team-activity");
            var me = (await page.Locator(".who").TextContentAsync())!.Trim();
            var other = page.Locator($"table.activity tbody tr:not([data-rep='{me}'])").First;
            var name = await other.GetAttributeAsync("data-rep");
            await other.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.Locator(".viewing")).ToContainTextAsync($"You are looking at {name}'s queue");
        });
    }

    internal static async Task CheckAsync(IPage page, string device, string name, ILocator? part = null)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
              .filter(e => !e.labels?.length && !e.getAttribute("aria-label")).map(e => e.name)
            """);
        unlabelled.ShouldBeEmpty($"{name} has fields without labels");

        var file = $"{name}-{device}.png";
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots") };
        if (Environment.GetEnvironmentVariable("RINGBACK_SCREENSHOTS") is { Length: > 0 } docs)
        {
            folders.Add(docs);
        }

        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            if (part is null)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file) });
            }
            else
            {
                await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, file) });
            }
        }

        // Checked after the screenshot, so a failure leaves the picture of what is too wide.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var widest = await page.EvaluateAsync<string>("""
            [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                && !(function clipped(n) { for (n = n.parentElement; n && n !== document.body; n = n.parentElement) { if (["auto", "scroll", "hidden"].includes(getComputedStyle(n).overflowX)) return true; } return false; })(e))
              .map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className + ": " + (e.textContent || "").trim().slice(0, 60)).slice(-3).join(" | ")
            """);
        overflow.ShouldBeLessThanOrEqualTo(0, $"{name} scrolls sideways on a {device}: {widest}");
    }

    /// <summary>Another rep's book: Steve's assistant line under a long-named colleague, Sue again by her email, one new person.</summary>
    private const string SecondBook = """
        First Name,Last Name,Company Name,Job Title,Mobile Phone Number,Email
        Marcus,Fields-Wolfeschlegelsteinhausen,Performance Tires,Purchasing,+1 703 555 0101,marcus.fields-wolfeschlegelsteinhausen@performancetires.example
        Susan,Jones,XYZ Company,Chief Operating Officer,,SUE@XYZ.EXAMPLE
        Priya,Raman,Boheme Chemicals,Buyer,+44 20 7946 0958,priya@boheme.example
        """;

    private const string SampleContacts = """
        First Name,Last Name,Company Name,Job Title,Industry,Phone Number,Mobile Phone Number,Email,Time Zone,Lead Status
        Sue,Jones,XYZ Company,COO,Chemicals,(415) 616-2407,,sue@xyz.example,America/Los_Angeles,Attempted to contact
        Steve,Fields,Performance Tires,CEO,Automotive,703-555-8047,+1 703 555 0101,steve@ptires.example,America/New_York,New
        Greg,Pitcher,Boheme Chemicals,VP Operations,Chemicals,415.616.2498,,greg@boheme.example,America/Los_Angeles,Connected
        Sally,LeQuota,Pitcher Inc,Head of Sales,Software,+1 312 555 0144,,sally@pitcher.example,America/Chicago,Open Deal
        Harley,Smith,Smith & Sons,Owner,Construction,(901) 555-0199,,harley@smith.example,America/Chicago,New
        Amélie,Laurent,Société Générale,Directrice,Banking,+33 1 23 45 67 89,,amelie@sg.example,Europe/Paris,New
        Raj,Patel,Mumbai Textiles,MD,Textiles,+91 98765 43210,,raj@textiles.example,Asia/Kolkata,Bad Timing
        Dave,Dialer,ABC Company,Account Executive,Chemicals,+1 415 555 0123,,dave@abc.example,America/Denver,New
        Maximiliana,Wolfeschlegelsteinhausenbergerdorff,Great Southern Land Logistics Proprietary Limited,Chief Procurement Officer,Logistics,+61 412 345 678,,maximiliana.wolfeschlegelsteinhausenbergerdorff@greatsouthernlandlogistics.example,,New
        Dmitri,Ivanov,Uralskiye Zavody,Director,Manufacturing,+7 912 345-67-89,,dmitri@zavody.example,,New
        """;
}
