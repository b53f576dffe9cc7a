using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ringback.Data.Import;

/// <summary>
/// A web import's progress. It is kept in the database, not in the memory of the server running it, so a browser
/// behind a load balancer can poll whichever node answers.
/// </summary>
public sealed class WebImportJob : Ringback.Accounts.IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public double Fraction { get; set; }
    public bool Done { get; set; }

    /// <summary>Why the import failed as a whole (the file could not be read, the database refused it).</summary>
    public string? Failure { get; set; }

    /// <summary>The finished import's <see cref="ImportReport"/>, as JSON (<see cref="WebImports.ReportOf"/>).</summary>
    public string? Report { get; set; }

    public Instant StartedAt { get; set; }

    /// <summary>Moved on at least every <see cref="WebImports.Heartbeat"/> while the import runs.</summary>
    public Instant UpdatedAt { get; set; }
}

/// <summary>
/// One piece of an uploaded file, on PostgreSQL only: the dry run and the import are two requests, and behind a load
/// balancer the second may reach a server that has not got the file. (SQLite serves one server, which keeps the file.)
/// </summary>
public sealed class ImportUploadChunk : Ringback.Accounts.IOrganizationOwned
{
    public Guid UploadId { get; set; }
    public int Sequence { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public required byte[] Data { get; set; }
    public Instant CreatedAt { get; set; }
}

/// <summary>
/// What the browser's two-step import keeps between requests: the uploaded file (on the server's disk, and on
/// PostgreSQL in the database too) and the running import's progress (in the database).
/// </summary>
public sealed class WebImports(RingbackDbContext db, StorageOptions storage, IClock clock)
{
    /// <summary>How often a running import says it is alive; a job silent for <see cref="Stalled"/> has lost its server.</summary>
    public static readonly Duration Heartbeat = Duration.FromSeconds(5);

    /// <summary>Six missed heartbeats: long enough for a pause in a busy server, short enough that a rep is not left watching.</summary>
    public static readonly Duration Stalled = Duration.FromSeconds(30);

    /// <summary>An upload nobody imported is removed after a day.</summary>
    public static readonly Duration UploadsKept = Duration.FromDays(1);

    /// <summary>
    /// 1 MiB: small enough that Npgsql never buffers much of a 512 MB file at once, large enough that such a file is
    /// a few hundred rows.
    /// </summary>
    private const int ChunkBytes = 1 << 20;

    private static readonly JsonSerializerOptions ReportJson = new()
    {
        // The report's lists (errors, unknown owners) are read-only properties: filled in place when read back.
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        Converters = { new JsonStringEnumConverter() },
    };

    private bool Shared => storage.Provider == DatabaseProvider.Postgres;

    /// <summary>Keeps an upload for the user and returns its name and the local file to dry-run.</summary>
    public async Task<(string Name, string Path)> SaveAsync(Guid organizationId, Guid userId, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await RemoveExpiredAsync(cancellationToken);
        var id = Guid.NewGuid();
        var name = $"{userId:N}-{id:N}";
        var path = PathOf(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await using (var target = new FileStream(path, FileMode.CreateNew))
        {
            await content.CopyToAsync(target, cancellationToken);
        }

        if (Shared)
        {
            await CopyToDatabaseAsync(organizationId, userId, id, path, cancellationToken);
        }

        return (name, path);
    }

    /// <summary>
    /// The local file of one of this user's uploads, fetched from the database if another server took it; null when
    /// the name is not one of theirs or the upload has expired.
    /// </summary>
    public async Task<string?> OpenAsync(string name, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);

        // The name starts with the user's id and is only letters, digits and a dash, so nobody reaches someone
        // else's file, or any other file, by guessing or crafting a name.
        if (!name.StartsWith(userId.ToString("N") + "-", StringComparison.Ordinal) || UploadIdOf(name) is not { } id)
        {
            return null;
        }

        var path = PathOf(name);
        if (File.Exists(path))
        {
            return path;
        }

        if (!Shared)
        {
            return null;
        }

        var chunks = db.ImportUploadChunks.AsNoTracking().Where(c => c.UploadId == id && c.UserId == userId).OrderBy(c => c.Sequence).Select(c => c.Data);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var partial = path + ".part";
        var any = false;
        await using (var target = new FileStream(partial, FileMode.Create))
        {
            await foreach (var data in chunks.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await target.WriteAsync(data, cancellationToken);
                any = true;
            }
        }

        if (!any)
        {
            File.Delete(partial);
            return null;
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Removes an upload once it is imported (or has failed): from this server's disk and the database.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (UploadIdOf(name) is not { } id)
        {
            return;
        }

        File.Delete(PathOf(name));
        if (Shared)
        {
            await db.ImportUploadChunks.IgnoreQueryFilters().Where(c => c.UploadId == id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async Task<WebImportJob> StartAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var job = new WebImportJob { Id = Guid.CreateVersion7(), OrganizationId = organizationId, UserId = userId, StartedAt = now, UpdatedAt = now };
        db.WebImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    /// <summary>How far the import has got; also its heartbeat.</summary>
    public async Task ProgressAsync(Guid jobId, double fraction, CancellationToken cancellationToken) =>
        await db.WebImportJobs.IgnoreQueryFilters().Where(j => j.Id == jobId && !j.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Fraction, fraction).SetProperty(j => j.UpdatedAt, clock.GetCurrentInstant()), cancellationToken);

    public async Task FinishAsync(Guid jobId, ImportReport? report, string? failure, CancellationToken cancellationToken)
    {
        var json = report is null ? null : JsonSerializer.Serialize(report, ReportJson);
        await db.WebImportJobs.IgnoreQueryFilters().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Fraction, 1).SetProperty(j => j.Done, true).SetProperty(j => j.Report, json)
                .SetProperty(j => j.Failure, failure).SetProperty(j => j.UpdatedAt, clock.GetCurrentInstant()), cancellationToken);
    }

    /// <summary>The job, if it exists and is this user's.</summary>
    public async Task<WebImportJob?> FindAsync(Guid jobId, Guid userId, CancellationToken cancellationToken) =>
        await db.WebImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.UserId == userId, cancellationToken);

    /// <summary>A running job whose server has stopped saying it is alive: the import rolled back with it.</summary>
    public bool HasStalled(WebImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return !job.Done && clock.GetCurrentInstant() - job.UpdatedAt > Stalled;
    }

    public static ImportReport? ReportOf(WebImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Report is { } json ? JsonSerializer.Deserialize<ImportReport>(json, ReportJson) : null;
    }

    /// <summary>The upload's id from its name ("{user}-{upload}", both 32 hex digits); null for any other name.</summary>
    private static Guid? UploadIdOf(string name) =>
        name.Length == 65 && name[32] == '-' && Guid.TryParseExact(name[..32], "N", out _) && Guid.TryParseExact(name[33..], "N", out var id) ? id : null;

    private string PathOf(string name) => System.IO.Path.Combine(storage.ResolvedDataDirectory, "uploads", name + ".csv");

    private async Task CopyToDatabaseAsync(Guid organizationId, Guid userId, Guid id, string path, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var source = File.OpenRead(path);
            var buffer = new byte[ChunkBytes];
            for (var sequence = 0; ; sequence++)
            {
                var read = await source.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, ct);
                if (read == 0)
                {
                    return sequence;
                }

                db.ImportUploadChunks.Add(new ImportUploadChunk { UploadId = id, Sequence = sequence, OrganizationId = organizationId, UserId = userId, Data = buffer[..read], CreatedAt = now });
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }, _ => true, cancellationToken);
    }

    /// <summary>Uploads (and finished jobs) older than a day: a rep who checked a file and never imported it.</summary>
    private async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetCurrentInstant() - UploadsKept;
        var folder = System.IO.Path.Combine(storage.ResolvedDataDirectory, "uploads");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < before.ToDateTimeUtc()))
            {
                File.Delete(file);
            }
        }

        if (Shared)
        {
            await db.ImportUploadChunks.IgnoreQueryFilters().Where(c => c.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        }

        await db.WebImportJobs.IgnoreQueryFilters().Where(j => j.UpdatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
