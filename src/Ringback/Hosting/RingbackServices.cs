using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Import;
using Ringback.Reminders;

namespace Ringback.Hosting;

/// <summary>The services the web host and the CLI share, registered once.</summary>
public static class RingbackServices
{
    public static IServiceCollection AddRingbackCore(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RingbackOptions.Section);
        services.Configure<RingbackOptions>(section);
        services.Configure<StorageOptions>(section);
        services.Configure<Data.Planner.PlannerOptions>(configuration.GetSection(Data.Planner.PlannerOptions.Section));
        services.Configure<Data.Callbacks.CallbackOptions>(configuration.GetSection(Data.Callbacks.CallbackOptions.Section));
        services.PostConfigure<Data.Callbacks.CallbackOptions>(o =>
        {
            // The window's name before it had its own section; still read when the new one is not set.
            if (configuration[$"{Data.Callbacks.CallbackOptions.Section}:CreditDays"] is null
                && int.TryParse(configuration["Ringback:Planner:CallbackCreditDays"], out var days))
            {
                o.CreditDays = days;
            }
        });
        services.AddOptions<Data.Planner.PlannerOptions>()
            .PostConfigure<IOptions<Data.Callbacks.CallbackOptions>>((o, callbacks) => o.Callbacks = callbacks.Value);
        services.PostConfigure<Data.Planner.PlannerOptions>(o =>
        {
            foreach (var rule in configuration.GetSection("Ringback:CallingHours").GetChildren())
            {
                o.CallingHours[rule.Key.ToUpperInvariant()] = rule.Value ?? string.Empty;
            }
        });
        // The one place the real clock is chosen: everything else takes IClock, so tests run on a fake one.
#pragma warning disable RS0030
        services.AddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.AddScoped(sp => Storage.NewContext(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<OrganizationScope>()));
        services.AddScoped(sp => new AccountService(
            sp.GetRequiredService<RingbackDbContext>(), sp.GetRequiredService<IClock>(), sp.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion));
        services.AddScoped(sp => new ContactImporter(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<IClock>()));
        services.AddScoped(sp => new WebImports(sp.GetRequiredService<RingbackDbContext>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<IClock>()));
        services.AddScoped<Sessions>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<Membership>();
        services.AddScoped<Invitations>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<TwoFactor>();
        services.AddRingbackReminders(configuration);
        services.AddRingbackKeyRing();
        return services;
    }

    /// <summary>
    /// The data-protection key ring that encrypts cookies and stored secrets (the Twilio token, the VAPID key, the
    /// SMTP password). On SQLite (one machine) it lives in the data directory, apart from the database; on
    /// PostgreSQL in the database, because every node must read what another encrypted and a cookie one node
    /// issued must work on the next. A restart signs nobody out either way. Chosen from the final options, when
    /// first used, so a test's or an operator's overrides count.
    /// </summary>
    private static void AddRingbackKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ringback");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IOptions<StorageOptions>, IServiceProvider>((o, storage, provider) =>
            {
                // The CLI registers no logging; the web host does.
                var loggers = provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
                o.XmlRepository = storage.Value.Provider == DatabaseProvider.Postgres
                    ? new Ringback.Data.Secrets.PostgresKeyRing(storage.Value.PostgresConnectionString!)
                    : new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                        new DirectoryInfo(Path.Combine(storage.Value.ResolvedDataDirectory, "keys")), loggers);
            });
    }

    /// <summary>Checks settings and brings the schema up to date; both fail loudly rather than start half-configured.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<IOptions<RingbackOptions>>().Value.Validate();
        await Storage.MigrateAsync(services.GetRequiredService<IOptions<StorageOptions>>().Value, cancellationToken);
    }
}
