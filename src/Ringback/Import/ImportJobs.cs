using Ringback.Data.Import;

namespace Ringback.Import;

/// <summary>
/// Imports started from the browser run here, off the request, so the page can show a progress bar while a big
/// file goes in. Their progress is written to the database (<see cref="WebImports"/>), so a poll answered by another
/// server sees it; if this server stops mid-import the transaction rolls back, nothing is half-imported, and the
/// job's silence tells the page so.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, NodaTime.IClock clock, ILogger<ImportJobs> logger)
{
    /// <summary>Progress is written at most this often (and at each heartbeat), not for every 2,000 rows.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts importing the user's checked upload; null if the upload is not theirs or has expired.</summary>
    public async Task<Guid?> StartAsync(Guid organizationId, Ringback.Data.Accounts.Actor actor, string upload, ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Guid jobId;
        string path;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<WebImports>();
            var userId = actor.Id!.Value;
            if (await imports.OpenAsync(upload, userId, cancellationToken) is not { } local)
            {
                return null;
            }

            path = local;
            jobId = (await imports.StartAsync(organizationId, userId, cancellationToken)).Id;
        }

        _ = Task.Run(() => RunAsync(jobId, organizationId, actor, upload, path, options), CancellationToken.None);
        return jobId;
    }

    private async Task RunAsync(Guid jobId, Guid organizationId, Ringback.Data.Accounts.Actor actor, string upload, string path, ImportOptions options)
    {
        await using var scope = scopes.CreateAsyncScope();
        var imports = scope.ServiceProvider.GetRequiredService<WebImports>();
        using var stop = new CancellationTokenSource();
        var fraction = 0.0;
        var beat = Task.Run(async () =>
        {
            // The heartbeat runs beside the import, so a long commit at the end does not look like a dead server.
            using var timer = new PeriodicTimer(ProgressEvery);
            await using var beatScope = scopes.CreateAsyncScope();
            var beats = beatScope.ServiceProvider.GetRequiredService<WebImports>();
            var last = clock.GetCurrentInstant();
            var written = -1.0;
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                var now = clock.GetCurrentInstant();
                var current = Volatile.Read(ref fraction);
                if (current != written || now - last >= WebImports.Heartbeat)
                {
                    try
                    {
                        await beats.ProgressAsync(jobId, current, stop.Token);
                        written = current;
                        last = now;
                    }
                    catch (System.Data.Common.DbException e)
                    {
                        // A missed beat is not the import's failure; the next tick tries again.
                        logger.LogWarning(e, "Import {Job}: progress not saved", jobId);
                    }
                }
            }
        }, CancellationToken.None);

        ImportReport? report = null;
        string? failure = null;
        try
        {
            var importer = scope.ServiceProvider.GetRequiredService<ContactImporter>();
            report = await importer.ImportAsync(path, options, new Progress<double>(f => Volatile.Write(ref fraction, f)));
            if (report.Committed)
            {
                var db = scope.ServiceProvider.GetRequiredService<Data.RingbackDbContext>();
                db.OrganizationId = organizationId;
                await Ringback.Data.Accounts.AuditLog.RecordAsync(db, actor, Ringback.Accounts.AuditActions.Imported, "contacts (web)", report.Summary, clock.GetCurrentInstant());
            }
        }
        catch (Exception e) when (e is ImportFileException or IOException or System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(e, "Import {Job} failed", jobId);
            failure = e is ImportFileException ? e.Message : "The import failed and was rolled back; nothing was imported.";
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await beat;
            }
            catch (OperationCanceledException)
            {
                // The heartbeat stops here, with the import.
            }
        }

        await imports.FinishAsync(jobId, report, failure, CancellationToken.None);
        await imports.DeleteAsync(upload, CancellationToken.None);
    }
}
