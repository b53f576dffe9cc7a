using Microsoft.Playwright;
using Ringback.Data;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright against the real <c>ringback serve</c> on a fresh SQLite database.
/// Chromium is launched as the machine needs it: headless, no sandbox as root, and no background networking,
/// component updates or sync, since nothing outside this machine can be reached.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly TestDatabase _database;
    private readonly RingbackProcess.Server _server;

    private BrowserSession(IPlaywright playwright, IBrowser browser, TestDatabase database, RingbackProcess.Server server, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _database = database;
        _server = server;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri BaseUrl => _server.Client.BaseAddress!;

    public TestDatabase Database => _database;

    /// <param name="prepare">Run against the database before the server starts (e.g. <c>ringback demo</c>).</param>
    /// <param name="settings">Configuration for the server, as the environment gives it ("Ringback:Smtp:Host" and so on).</param>
    /// <param name="browserArgs">More switches for Chromium (a fake microphone playing a file, say).</param>
    public static async Task<BrowserSession> StartAsync(int width = 1280, int height = 900, Func<RingbackProcess, Task>? prepare = null,
        IDictionary<string, string?>? settings = null, IEnumerable<string>? browserArgs = null)
    {
        TestEnvironment.RequireTool(File.Exists(Chromium), "Chromium is not installed (apt-get install chromium)");
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        if (prepare is not null)
        {
            await prepare(new RingbackProcess(database));
        }

        var serving = new RingbackProcess(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            serving.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        }

        var server = await serving.ServeAsync();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                .. browserArgs ?? []],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Client.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "America/Chicago",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(playwright, browser, database, server, context, page);
    }

    /// <summary>Runs the test's steps; if one fails, keeps a screenshot and the page's HTML as test output.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), await Page.ContentAsync());
            TestContext.Current.AddAttachment(name + ".html", await Page.ContentAsync());
            TestContext.Current.SendDiagnosticMessage($"Browser test failed at {Page.Url}; screenshot and HTML in {folder}");
            throw;
        }
    }

    /// <summary>Creates the owner through the first-run page, as a new user would.</summary>
    public async Task FirstRunAsync(string name = "Freda Whitehouse", string email = "freda@abc.example", string password = "correct horse battery staple")
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(BaseUrl, "/setup").ToString());
        await Page.GetByLabel("Your name").FillAsync(name);
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByLabel("Company you sell for").FillAsync("ABC Company");
        await Page.GetByLabel("Callback number").FillAsync("901-555-2120");
        await Page.GetByLabel("Your time zone").FillAsync("America/Chicago");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Contacts", Exact = true })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }
}
