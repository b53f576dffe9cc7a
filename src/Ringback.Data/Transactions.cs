using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Ringback.Data;

/// <summary>
/// Several writes that must land together or not at all (a call and the follow-ups it replans). On PostgreSQL the
/// context retries transient failures, which only works when the whole transaction is the unit retried, so the work
/// runs inside the provider's execution strategy. Inside a transaction the caller already opened, it simply joins it.
/// </summary>
public static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this RingbackDbContext db, Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(commit);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        using var turn = await SqliteWriters.TakeTurnAsync(db, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var result = await work(cancellationToken);
                    if (commit(result))
                    {
                        await transaction.CommitAsync(cancellationToken);
                    }

                    return result;
                });
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyAttempts)
            {
                // Someone changed a record this work read (its version moved on): the work runs again on what is
                // there now. Work that was asked to change one version only (If-Match) sees the new version and says so.
                db.ChangeTracker.Clear();
            }
        }
    }

    private const int ConcurrencyAttempts = 4;
}

/// <summary>
/// One write transaction at a time per SQLite file in this process, in the order they asked. SQLite allows one writer;
/// without this, writers that find the file locked sleep in SQLite's busy handler (1, 2, 5 … 100 ms) and retry, so
/// under a burst some wait far longer than the queue ahead of them (measured at 32 clients logging calls: p99 1.7 s
/// with the busy handler alone). Other processes on the same file (the CLI) still meet the busy handler.
/// </summary>
internal static class SqliteWriters
{
    /// <summary>As long as SQLite's own busy timeout, after which a writer gives up the same way.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);

    public static async Task<IDisposable?> TakeTurnAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } file)
        {
            return null;
        }

        var writer = Files.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        if (!await writer.WaitAsync(Patience, cancellationToken))
        {
            throw new TimeoutException("The database stayed busy with other writes for 30 seconds.");
        }

        return new Turn(writer);
    }

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}

/// <summary>Retries that must not double anything: a redelivered webhook, a client retrying a request.</summary>
public static class Idempotent
{
    /// <summary>
    /// Runs the work; if a concurrent delivery of the same call committed first and this one hit the unique index on
    /// its external id, runs it once more, when the first one's row is there to be found and returned.
    /// </summary>
    public static async Task<T> OnceAsync<T>(RingbackDbContext db, string? externalId, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (DbUpdateException) when (externalId is not null && db.Database.CurrentTransaction is null)
        {
            db.ChangeTracker.Clear();
            return await work();
        }
    }
}
