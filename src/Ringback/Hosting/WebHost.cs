using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Import;
using Ringback.Planner;
using Ringback.Practice;
using Ringback.Reminders;

namespace Ringback.Hosting;

/// <summary>The web host: the web app (Razor Pages, cookie sign-in) and the API (personal tokens).</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string ApiPolicy = "api";
    public const string SignInLimit = "sign-in";

    public static WebApplication Build(string[] args, IDictionary<string, string?> overrides)
    {
        // Content root is where the app is installed, so its appsettings.json is found from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        // EF Core's model (about a second) is built on the other core while the host is built, not after it.
        _ = Storage.WarmUp(builder.Configuration.GetSection(RingbackOptions.Section).Get<StorageOptions>() ?? new StorageOptions());

        // Run from a build (dotnet run, the tests), the CSS and JS live in the project's wwwroot and the build's
        // manifest points there; a published app has them beside it and no manifest, which makes this a no-op.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            // Loopback by default: a rep's contact book is not for the whole network unless they say so.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // A start that fails (a port in use, bad settings, PostgreSQL down) is told once, by whoever runs the host:
        // `ringback serve` says it in a line, and any other failure reaches its caller whole. The host would also log
        // it, stack trace and all, as "Hosting failed to start". So until the host has started, the host's own
        // category logs only what is critical, which still includes a background service that fails and stops it.
        var started = new StrongBox<bool>();
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Critical || Volatile.Read(ref started.Value));

        var services = builder.Services;
        // First of the hosted services, so the database is migrated before anything reads it: the data-protection
        // key ring is read by a hosted service that AddRingbackCore registers, and on a new PostgreSQL database it
        // met no table and logged an error.
        services.AddHostedService<PrepareOnStart>();
        services.AddRingbackCore(builder.Configuration);
        services.AddHostedService<StatisticsOnStart>();
        // After the start-up work, so the database is migrated before Quartz reads its tables.
        services.AddReminderScheduler();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new OrganizationScope(() => RingbackClaims.OrganizationOf(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.Converters.Add(new InstantJsonConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // Pages sign in with a cookie; the API only with a bearer token, so a browser's cookie can never be
        // used to call the API from another site (no CSRF surface there), and every page form has antiforgery.
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.Cookie.Name = "ringback";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                // Every cookie names a session kept on the server, checked on each request (Sessions).
                o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicy, new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
            .AddCapabilityPolicies();

        services.AddSingleton<PasswordResetMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMailer>());
        services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new Capabilities.PageFilter());
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AddPageRoute("/Contacts/Edit", "/contacts/new");
        });
        services.AddRateLimiter(o =>
        {
            // Password guessing: ten sign-in attempts a minute from one address, then 429 until the minute is up.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = SignInRules.Seconds(NodaTime.Duration.FromTimeSpan(retryAfter)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            // Ringback:SignIn:PerAddressPerMinute changes the ten (an office behind one NAT address may need more).
            // Only attempts count (a POST); opening the form does not, or a team joining at once would be locked out.
            o.AddPolicy(SignInLimit, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("reading")
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Ringback:SignIn:PerAddressPerMinute", 10),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddSingleton<SetupGate>();
        services.AddSingleton<Web.ShownNumbers>();
        services.AddSingleton<Import.ImportJobs>();
        services.AddSingleton<Practice.PracticeVoice>();
        services.AddSingleton<AudioDecoder>();
        services.AddSingleton<SpeechRecognizer>();
        services.AddSingleton<PracticeLab>();
        services.AddScoped<TakeRecorder>();
        services.AddScoped<Data.Practice.PracticeTakes>();
        services.AddOpenApi("v1", o => o.AddSchemaTransformer(InstantJsonConverter.DescribeAsync));

        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        StorageLog.SendTo(loggers);
        app.Lifetime.ApplicationStopped.Register(() => StorageLog.Forget(loggers));
        app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started.Value, true));
        app.UseTrustedProxies(app.Configuration);
        app.UseSecurityHeaders();
        // An API client gets a problem document; a person gets the error page (which takes any method, so a failed POST is still a 500).
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseExceptionHandler("/error"));
        // A person who reaches a missing page sees it inside the app, with a way back; an API client still gets a problem document.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));

        // Routing after the status code pages, so their re-execution of /error/404 is routed to the error page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<SetupGate.Middleware>();
        app.UseMiddleware<Sessions.TwoFactorRequirement>();
        app.UseAuthorization();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") && c.Request.Headers.ContainsKey(Idempotency.Header), api => api.UseMiddleware<Idempotency>());
        app.UseRateLimiter();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", HealthAsync).AllowAnonymous().WithName("Health").WithSummary("Whether the database answers and is up to date");

        // An API path that does not exist is a 404 problem for any caller, never the sign-in page a browser gets.
        app.MapFallback("/api/{**path}", () => Results.Problem("There is no such API endpoint; the OpenAPI document at /openapi/v1.json lists them.",
            statusCode: StatusCodes.Status404NotFound)).AllowAnonymous().ExcludeFromDescription();
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy);
        api.MapContactsApi();
        api.MapGatekeepersApi();
        api.MapReferenceClientsApi();
        api.MapCallsApi();
        api.MapImportApi();
        api.MapProfileApi();
        api.MapTeamApi();
        api.MapCoachApi();
        api.MapTemplatesApi();
        api.MapPracticeApi();
        api.MapPlannerApi();
        api.MapCallbacksApi();
        api.MapTelephonyApi();
        app.MapCalendarFeed();
        app.MapTelephonyWebhooks();
        app.MapReminderEndpoints();
        return app;
    }

    private static async Task<IResult> HealthAsync(IOptions<StorageOptions> storage, CancellationToken cancellationToken)
    {
        var database = storage.Value.Provider.ToString().ToLowerInvariant();
        SchemaState state;
        try
        {
            state = await Storage.SchemaAsync(storage.Value, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            state = SchemaState.Unreachable;
        }

        return state switch
        {
            SchemaState.Current => Results.Ok(new { status = "healthy", database }),
            SchemaState.Behind => Results.Json(new { status = "unhealthy", database, reason = "the schema is not up to date" }, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Json(new { status = "unhealthy", database, reason = "the database does not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }
}

/// <summary>Checks settings and migrates the database before the host takes requests.</summary>
internal sealed class PrepareOnStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RingbackServices.PrepareAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Refreshes SQLite's query planner statistics once the host listens, not before: a request that comes first is
/// planned with the statistics the last refresh left in the file (every import refreshes them too). SQLite never
/// refreshes them by itself.
/// </summary>
/// <remarks>
/// Not on PostgreSQL, which keeps its statistics itself (autovacuum's analyze, and every import's) and across
/// restarts. There the start-up ANALYZE only competed with the first page for the CPU: 0.6 s of the database
/// server's on 220,000 calls, and a start to the sign-in page of 1.6–2.2 s instead of 1.3–1.6 s on two cores.
/// </remarks>
internal sealed partial class StatisticsOnStart(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StatisticsOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        // Asynchronous continuations: otherwise the refresh runs inside the host's "started" notification, on the
        // thread that is finishing the start.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // A start that failed: the host logs a cancelled service as failed unless it was stopped.
                return;
            }
        }

        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RingbackDbContext>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Storage.AnalyzeAsync(db.Database.GetDbConnection(), db.Database.IsSqlite(), stoppingToken);
            Refreshed(logger, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // Old statistics only make some plans slower; the next start or import tries again.
            Failed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Query planner statistics refreshed in {Milliseconds} ms")]
    private static partial void Refreshed(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the query planner's statistics failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
