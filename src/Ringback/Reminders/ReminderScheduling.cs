using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using Ringback.Data;
using Ringback.Data.Reminders;
using Ringback.Mail;

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
        services.AddRingbackMail(configuration);
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.Configure<PushOptions>(configuration.GetSection(PushOptions.Section));
        services.AddSingleton<PushKeys>();
        services.AddSingleton<IReminderChannel, AppChannel>();
        services.AddSingleton<IReminderChannel, EmailChannel>();
        services.AddSingleton<IReminderChannel, PushChannel>();
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var reminders = sp.GetRequiredService<IOptions<ReminderOptions>>().Value;
            return new ReminderSender(() => Storage.NewContext(storage, null), [.. sp.GetServices<IReminderChannel>()],
                sp.GetRequiredService<IOptions<Data.Planner.PlannerOptions>>().Value, Duration.FromSeconds(Math.Max(5, reminders.LeaseSeconds)));
        });
        return services;
    }

    /// <summary>Quartz with its persistent store in Ringback's database, clustered on PostgreSQL; off when <c>Ringback:Reminders:Scheduler</c> is false.</summary>
    public static IServiceCollection AddReminderScheduler(this IServiceCollection services) => services.AddHostedService<ReminderScheduler>();
}

/// <summary>
/// Starts Quartz once the server is listening, from the options as they finally stand (a test's or an operator's
/// overrides included, which the host's builder does not see yet when services are registered). Not before: making
/// the scheduler and its store took 0.45 s of a 4.7 s start (docs/benchmarks.md), and the first pass is at most an
/// interval away either way.
/// </summary>
public sealed partial class ReminderScheduler(IOptions<ReminderOptions> options, IOptions<StorageOptions> storage, ReminderSender sender, IClock clock,
    ILoggerFactory loggers, IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly ILogger _log = loggers.CreateLogger<ReminderScheduler>();
    private StandaloneSchedulerFactory? _factory;
    private IScheduler? _scheduler;
    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Scheduler)
        {
            lifetime.ApplicationStarted.Register(() => _starting = Task.Run(StartSchedulerAsync, CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    private async Task StartSchedulerAsync()
    {
        try
        {
            await StartQuartzAsync(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped while starting: a server on its way down has no reminders to send, and StopAsync, which awaits
            // this start, must not rethrow the cancellation (it ended the process with SIGABRT).
        }
        catch (Exception e)
        {
            // Nobody awaits this start: a scheduler that cannot start must be loud in the log, as a failed start was.
            SchedulerFailed(_log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The reminder scheduler could not start: no reminders will be sent by this server")]
    private static partial void SchedulerFailed(ILogger logger, Exception exception);

    private async Task StartQuartzAsync(CancellationToken cancellationToken)
    {
        var store = storage.Value;
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        _factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.Services.AddSingleton(sender);
            q.Services.AddSingleton(clock);
            q.Services.AddSingleton(loggers);
            q.Services.AddLogging();
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "ringback";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                // Quartz makes its own tables (QRTZ_*), for its own version, beside Ringback's.
                s.ProvisionSchema();
                if (store.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(store.Postgres!);
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                }
                else
                {
                    s.UseSqlite(store.SqliteConnectionString);
                }
            });
            q.AddJob<SendDueRemindersJob>(j => j.WithIdentity(SendDueRemindersJob.Key).StoreDurably().RequestRecovery().DisallowConcurrentExecution());
            // Passes fall on whole multiples of the interval (…:00, :10, :20), so a reminder set for a whole minute —
            // most are: a promised minute less a lead in minutes — is picked up at that minute, not up to a pass later.
            var seconds = (long)interval.TotalSeconds;
            var first = DateTimeOffset.FromUnixTimeSeconds((clock.GetCurrentInstant().ToUnixTimeSeconds() / seconds + 1) * seconds);
            q.AddTrigger(t => t.ForJob(SendDueRemindersJob.Key).WithIdentity("every-few-seconds", "ringback").StartAt(first)
                .WithSimpleSchedule(x => x.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        }).Build();
        _scheduler = await _factory.GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _starting;
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }

        (_factory as IDisposable)?.Dispose();
    }
}
