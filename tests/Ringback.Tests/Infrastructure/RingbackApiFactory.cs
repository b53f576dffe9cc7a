using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Ringback.Accounts;
using Ringback.Data;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// The whole app in memory over a fresh database of the chosen provider (a copy of the run's migrated template), on a fake clock that
/// stands at <see cref="Now"/> until a test moves it: no test depends on the hour or the day it runs.
/// </summary>
public sealed class RingbackApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Where every test host's clock starts: a Tuesday, 10:00 in New York, 09:00 in Chicago.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);

    private readonly TestDatabase _database;

    private readonly Dictionary<string, string?> _settings;

    private bool _ownsDatabase = true;

    private RingbackApiFactory(TestDatabase database, IDictionary<string, string?>? settings)
    {
        _database = database;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
    }

    public TestDatabase Database => _database;

    /// <summary>The host's clock; tests move it with <c>Advance</c>.</summary>
    public FakeClock Clock { get; } = new(Now);

    /// <param name="settings">Configuration beyond the database's, as appsettings.json or the environment would give it.</param>
    public static async Task<RingbackApiFactory> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        // The host's start-up runs the migrations as in production, finding the copy of the run's migrated template current.
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new RingbackApiFactory(database, settings);
        _ = factory.Server;
        return factory;
    }

    /// <summary>A host on a database the test made and keeps (to run the CLI against it before or after).</summary>
    public static Task<RingbackApiFactory> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var factory = new RingbackApiFactory(database, settings) { _ownsDatabase = false };
        _ = factory.Server;
        return Task.FromResult(factory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ringback:DataDirectory"] = _database.Storage.DataDirectory,
            ["Ringback:Postgres"] = _database.Storage.Postgres,
            ["Ringback:DefaultRegion"] = "US",
            // Tests send reminders as of the fake clock themselves (ReminderSender.RunAsync); a test of the scheduler turns it on.
            ["Ringback:Reminders:Scheduler"] = "false",
        }).AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>A signed-up rep with an API token, and a client that sends it.</summary>
    public async Task<(User User, HttpClient Client)> SignUpAsync(string email = "freda@abc.example", string? organization = null, string name = "Freda Whitehouse")
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var (user, errors) = await accounts.AddUserAsync(new NewUser
        {
            Email = email,
            Name = name,
            Password = "correct horse battery staple",
            Organization = organization ?? email,
            CompanyName = "ABC Company",
            CallbackPhone = "901-555-2120",
            TimeZone = "America/Chicago",
        });
        user.ShouldNotBeNull(errors.ToString());
        var token = await accounts.CreateTokenAsync(user, "tests");
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (user, client);
    }

    /// <summary>A browser-like client signed in to the pages with a cookie, as a rep is after the sign-in form.</summary>
    public async Task<HttpClient> SignInToPagesAsync(string email = "freda@abc.example", string password = "correct horse battery staple")
    {
        var client = CreateClient();
        var form = await client.GetStringAsync("/signin");
        var token = AntiforgeryToken(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var signedIn = await client.PostAsync("/signin", content);
        signedIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/today", "signing in lands on Today");
        return client;
    }

    /// <summary>The antiforgery token a page's forms carry, to post as the page would.</summary>
    public static string AntiforgeryToken(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}
