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
