using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using Ringback.Data;
using Ringback.Data.Reminders;

namespace Ringback.Reminders;

/// <summary>
/// One pass of the reminder work, run by Quartz. Quartz keeps its schedule in Ringback's own database (its tables,
/// <c>QRTZ_*</c>, made by Quartz for its own version) and, on PostgreSQL, clusters: with several Ringback processes
/// on one database only one runs this job at a time, and if that process dies, another recovers the job. The
/// reminders themselves live in Ringback's tables, written with the plan, and each is claimed by a conditional
/// update, so even a pass run twice sends nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SendDueRemindersJob(ReminderSender sender, IClock clock, ILogger<SendDueRemindersJob> logger) : IJob
{
    public static readonly JobKey Key = new("send-due-reminders", "ringback");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = await sender.RunAsync(clock.GetCurrentInstant(), cancellationToken);
        if (report.Sent + report.Failed + report.MissedWhileDown + report.MissedPromises + report.Digests > 0)
        {
            logger.LogInformation("Reminders: {Sent} sent, {Failed} failed, {MissedWhileDown} missed while down, {MissedPromises} promises missed, {Digests} digests made",
                report.Sent, report.Failed, report.MissedWhileDown, report.MissedPromises, report.Digests);
        }
    }
}

public static class ReminderServices
{
    /// <summary>The sender and its channels, for the web host and the CLI alike.</summary>
    public static IServiceCollection AddRingbackReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton<IReminderChannel, AppChannel>();
        services.AddSingleton<IReminderChannel, EmailChannel>();
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new ReminderSender(() => Storage.NewContext(storage, null), [.. sp.GetServices<IReminderChannel>()],
                sp.GetRequiredService<IOptions<Data.Planner.PlannerOptions>>().Value);
        });
        return services;
    }

    /// <summary>Quartz with its persistent store in Ringback's database, clustered on PostgreSQL; off when <c>Ringback:Reminders:Scheduler</c> is false.</summary>
    public static IServiceCollection AddReminderScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        if (!options.Scheduler)
        {
            return services;
        }

        var storage = new StorageOptions();
        configuration.GetSection("Ringback").Bind(storage);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "ringback";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (storage.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(storage.Postgres!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                }
                else
                {
                    store.UseSqlite(storage.SqliteConnectionString);
                }
            });
            q.AddJob<SendDueRemindersJob>(j => j.WithIdentity(SendDueRemindersJob.Key).StoreDurably().RequestRecovery().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(SendDueRemindersJob.Key).WithIdentity("every-few-seconds", "ringback").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.IntervalSeconds))).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
