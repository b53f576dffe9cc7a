using System.Collections.Concurrent;
using Ringback.Data.Import;

namespace Ringback.Import;

/// <summary>
/// Imports started from the browser run here, off the request, so the page can show a progress bar while a big
/// file goes in. A job is kept in memory until its owner has seen the result; if the server stops mid-import the
/// transaction rolls back and nothing is half-imported.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob Start(Guid organizationId, Ringback.Accounts.Actor actor, string path, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var job = new ImportJob(Guid.NewGuid(), organizationId, actor.Id!.Value);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<ContactImporter>();
                job.Report = await importer.ImportAsync(path, options, new Progress<double>(f => job.Fraction = f));
                if (job.Report.Committed)
                {
                    var db = scope.ServiceProvider.GetRequiredService<Data.RingbackDbContext>();
                    db.OrganizationId = organizationId;
                    await Ringback.Accounts.AuditLog.RecordAsync(db, actor, Ringback.Accounts.AuditActions.Imported, "contacts (web)", job.Report.Summary,
                        scope.ServiceProvider.GetRequiredService<NodaTime.IClock>().GetCurrentInstant());
                }
            }
            catch (Exception e) when (e is ImportFileException or IOException or System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(e, "Import {Job} failed", job.Id);
                job.Failure = e is ImportFileException ? e.Message : "The import failed and was rolled back; nothing was imported.";
            }
            finally
            {
                job.Fraction = 1;
                job.Done = true;
                File.Delete(path);
            }
        });
        return job;
    }

    /// <summary>The job, if it exists and belongs to this user.</summary>
    public ImportJob? Find(Guid id, Guid userId) => _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;
}

public sealed class ImportJob(Guid id, Guid organizationId, Guid userId)
{
    public Guid Id { get; } = id;
    public Guid OrganizationId { get; } = organizationId;
    public Guid UserId { get; } = userId;
    private volatile bool _done;

    public bool Done
    {
        get => _done;
        set => _done = value;
    }

    public double Fraction { get; set; }
    public ImportReport? Report { get; set; }
    public string? Failure { get; set; }
}
