using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Hosting;

namespace Ringback.Cli;

/// <summary>The services a CLI command runs on: the same configuration sources and registrations as the web host.</summary>
public sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private CliServices(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    public RingbackDbContext Db => Services.GetRequiredService<RingbackDbContext>();

    /// <summary>Calling-hours rules and planner settings, as configured.</summary>
    public Data.Planner.PlannerOptions Planner => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Data.Planner.PlannerOptions>>().Value;

    /// <summary>The country numbers without a country code are read in.</summary>
    public string Region => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.RingbackOptions>>().Value.DefaultRegion;

    public NodaTime.Instant Now => Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();

    public static async Task<CliServices> StartAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(CliApp.Environment.Value ?? new Dictionary<string, string?>())
            .AddInMemoryCollection(CliApp.Overrides(parse))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRingbackCore(configuration);
        services.AddScoped(_ => OrganizationScope.Fixed(null));
        var provider = services.BuildServiceProvider();
        await RingbackServices.PrepareAsync(provider, cancellationToken);
        return new CliServices(provider);
    }

    /// <summary>
    /// The user a command acts as: the one named by email (<c>--as</c>), else the one remembered in
    /// <c>Ringback:User</c> (<c>RINGBACK_USER</c> in the environment), else the only user there is. Scopes the
    /// database to that user's organization.
    /// </summary>
    /// <summary>
    /// The one <c>--as</c> option every command that acts for someone takes; <paramref name="who"/> says whom it names
    /// there ("the rep who made the call"). Its default is <see cref="ActAsAsync"/>'s.
    /// </summary>
    public static System.CommandLine.Option<string?> ActAsOption(string who) =>
        new("--as") { Description = $"Email of {who} (default: RINGBACK_USER, else the only user)" };

    /// <summary><c>Ringback:User</c>, or <c>RINGBACK_USER</c> as the environment names it; null when neither is set.</summary>
    private string? RememberedEmail()
    {
        var configuration = Services.GetRequiredService<IConfiguration>();
        return (configuration["Ringback:User"] ?? configuration["RINGBACK_USER"]) is { Length: > 0 } remembered ? remembered : null;
    }

    /// <summary>The user <see cref="ActAsAsync"/> would pick, or null, saying nothing: for commands that only use a profile when there is one.</summary>
    public async Task<User?> FindUserAsync(string? email, CancellationToken cancellationToken)
    {
        email ??= RememberedEmail();
        var user = email is not null
            ? await Services.GetRequiredService<AccountService>().FindByEmailAsync(email, cancellationToken)
            : await Db.Users.IgnoreQueryFilters().Take(2).ToListAsync(cancellationToken) is [var only] ? only : null;
        if (user is not null)
        {
            Db.OrganizationId = user.OrganizationId;
        }

        return user;
    }

    /// <summary>
    /// The user a command acts as (see above), refused with the reason when they are deactivated or their role lacks
    /// <paramref name="needed"/>: the terminal answers to the same role matrix as the web and the API.
    /// </summary>
    public async Task<User?> ActAsAsync(string? email, CancellationToken cancellationToken, Capability needed = Capability.Work)
    {
        var user = await PickUserAsync(email, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (!user.IsActive)
        {
            await Console.Error.WriteLineAsync($"ringback: {user.Email} is deactivated; act as another user with --as EMAIL");
            return null;
        }

        if (!RoleMatrix.Allows(user.Role, needed))
        {
            var allowed = string.Join(" or ", RoleMatrix.Roles.Where(r => RoleMatrix.Allows(r, needed)).Select(r => r.ToString().ToLowerInvariant()));
            await Console.Error.WriteLineAsync($"ringback: {user.Email} is a {user.Role.ToString().ToLowerInvariant()}; this needs an {allowed} ({Validation.Words.Of(needed).ToLowerInvariant()})");
            return null;
        }

        return user;
    }

    private async Task<User?> PickUserAsync(string? email, CancellationToken cancellationToken)
    {
        User? user;
        email ??= RememberedEmail();
        if (email is not null)
        {
            user = await Services.GetRequiredService<AccountService>().FindByEmailAsync(email, cancellationToken);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"ringback: no user has the email {email}");
                return null;
            }
        }
        else
        {
            var users = await Db.Users.IgnoreQueryFilters().Take(2).ToListAsync(cancellationToken);
            if (users.Count != 1)
            {
                await Console.Error.WriteLineAsync(users.Count == 0
                    ? "ringback: there are no users yet; add one with: ringback user add --email you@example.com --name \"Your Name\""
                    : "ringback: there is more than one user; say which with --as EMAIL, or once for all commands with RINGBACK_USER=EMAIL");
                return null;
            }

            user = users[0];
        }

        Db.OrganizationId = user.OrganizationId;
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
