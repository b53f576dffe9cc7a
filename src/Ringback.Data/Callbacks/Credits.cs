using Microsoft.EntityFrameworkCore;
using Ringback.Callbacks;
using Ringback.Contacts;

namespace Ringback.Data.Callbacks;

/// <summary>Keeps each call's attempt number, credit and local hour true to its contact's whole timeline.</summary>
public static class Credits
{
    /// <summary>
    /// Rewritten from the contact's calls every time one is logged, so a call logged late (a CDR import of last week)
    /// takes its place in the order and moves the credits it should.
    /// </summary>
    /// <param name="adding">A call being logged, added to the context and not yet saved: it takes its place among the
    /// others and is saved with them, already numbered and credited.</param>
    /// <returns>The contact's calls as they now stand, for the planner to use without reading them again.</returns>
    public static async Task<List<Ringback.Calls.Call>> RecomputeAsync(RingbackDbContext db, Contact contact, Planner.PlannerOptions planner, CancellationToken cancellationToken,
        Ringback.Calls.Call? adding = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(planner);
        var calls = await db.Calls.Where(c => c.ContactId == contact.Id).ToListAsync(cancellationToken);
        if (adding is not null)
        {
            calls.Add(adding);
        }

        var creditedBefore = calls.Where(c => c.CalledBackAt is not null).Select(c => c.Id).ToHashSet();
        Attribution.Apply(calls, Planner.Places.Of(contact).Zone, planner.CreditWindow, planner.Settings.PromiseTolerance);
        await db.SaveChangesAsync(cancellationToken);
        var newly = calls.Where(c => c.CalledBackAt is not null && !creditedBefore.Contains(c.Id)).ToList();
        if (newly.Count > 0)
        {
            // Told as of the callback: one logged now is news; one imported from last year's records is history.
            await Coach.HandOffs.CalledBackAsync(db, contact, newly, newly.Max(c => c.CalledBackAt!.Value), cancellationToken);
        }

        return calls;
    }

    public const int Batch = 500;

    /// <summary>What a logged call is credited to, as a rep reads it; the call carries its credit, so only the message is read.</summary>
    public static async Task<Credit?> OfAsync(RingbackDbContext db, Ringback.Calls.Call call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(call);
        return call.CreditedCallId is { } messageId
            && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == messageId, cancellationToken) is { } message
            ? Credit.Of(call, message)
            : null;
    }

    /// <summary>
    /// Every contact with calls, rewritten from their timelines: after the credit window is changed
    /// (<c>Ringback:Callbacks:CreditDays</c>) or the promise tolerance, so old callbacks and promises are counted by the new rule too.
    /// </summary>
    /// <returns>How many contacts were rewritten, and how many calls in are credited afterwards.</returns>
    public static async Task<(int Contacts, int Credited)> RecomputeAllAsync(RingbackDbContext db, Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var done = 0;
        Guid? after = null;
        while (true)
        {
            var ids = await db.Calls.AsNoTracking()
                .Where(c => after == null || c.ContactId.CompareTo(after.Value) > 0)
                .Select(c => c.ContactId).Distinct().OrderBy(id => id).Take(Batch)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var contacts = await db.Contacts.AsNoTracking().Include(c => c.Company).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var contact in contacts)
            {
                await RecomputeAsync(db, contact, planner, cancellationToken);
            }

            db.ChangeTracker.Clear();
            done += contacts.Count;
            after = ids[^1];
        }

        var credited = await db.Calls.CountAsync(c => c.Direction == Ringback.Calls.CallDirection.Inbound && c.CreditedCallId != null, cancellationToken);
        return (done, credited);
    }
}
