using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Api;
using Ringback.Data;

namespace Ringback.Hosting;

/// <summary>The web host: the API today, the web app in a later issue.</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, IDictionary<string, string?> overrides)
    {
        // Content root is where the app is installed, so its appsettings.json is found from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            // Loopback by default: a rep's contact book is not for the whole network unless they say so.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddRingbackCore(builder.Configuration);
        services.AddHostedService<PrepareOnStart>();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new OrganizationScope(() => RingbackClaims.OrganizationOf(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddOpenApi("v1");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", HealthAsync).AllowAnonymous().WithName("Health").WithSummary("Whether the database answers and is up to date");

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapContactsApi();
        api.MapGatekeepersApi();
        api.MapReferenceClientsApi();
        api.MapCallsApi();
        api.MapProfileApi();
        return app;
    }

    private static async Task<IResult> HealthAsync(RingbackDbContext db, IOptions<StorageOptions> storage, CancellationToken cancellationToken)
    {
        var database = storage.Value.Provider.ToString().ToLowerInvariant();
        try
        {
            return await RingbackServices.CanConnectAsync(db, cancellationToken)
                ? Results.Ok(new { status = "healthy", database })
                : Results.Json(new { status = "unhealthy", database, reason = "the schema is not up to date" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return Results.Json(new { status = "unhealthy", database, reason = "the database does not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>Checks settings and migrates the database before the host takes requests.</summary>
internal sealed class PrepareOnStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RingbackServices.PrepareAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
