using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>A commitment the rep still owes, as Today and the contact page list it.</summary>
public sealed record OpenCommitment(Guid Id, Guid ContactId, string ContactName, string Text, Instant DueAt, Instant? DoneAt);

/// <summary>Commitments made on calls, kept as items with open and done state, in step with the calls they were made on.</summary>
public static class Commitments
{
    /// <summary>
    /// Makes the call's commitment item match the call as it now stands: made when the call says it committed to
    /// something, its text and due time following a correction, gone with a deleted call (unless already done,
    /// which stays as done), back with a restored one.
    /// </summary>
    public static async Task SyncAsync(RingbackDbContext db, Call call, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(call);
        var item = await db.Commitments.FirstOrDefaultAsync(c => c.CallId == call.Id, cancellationToken);
        var wanted = call.DeletedAt is null && !string.IsNullOrWhiteSpace(call.Commitments);
        if (!wanted)
        {
            if (item is { DoneAt: null })
            {
                db.Commitments.Remove(item);
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        if (item is null)
        {
            db.Commitments.Add(new Commitment
            {
                Id = Guid.CreateVersion7(), ContactId = call.ContactId, CallId = call.Id, UserId = call.UserId, Text = call.Commitments!.Trim(),
                DueAt = Commitment.DueFor(call), CreatedAt = now,
            });
        }
        else if (item.DoneAt is null)
        {
            item.Text = call.Commitments!.Trim();
            item.DueAt = Commitment.DueFor(call);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ticks a commitment off, or opens it again.</summary>
    /// <returns>False when there is no such commitment here.</returns>
    public static async Task<bool> MarkAsync(RingbackDbContext db, Guid id, bool done, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Commitments.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DoneAt, done ? now : null), cancellationToken) == 1;
    }

    /// <summary>A rep's open commitments due before <paramref name="until"/>, soonest first.</summary>
    public static async Task<IReadOnlyList<OpenCommitment>> DueAsync(RingbackDbContext db, Guid userId, Instant until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (from c in db.Commitments
                      where c.UserId == userId && c.DoneAt == null && c.DueAt < until
                      orderby c.DueAt
                      join contact in db.Contacts on c.ContactId equals contact.Id
                      select new OpenCommitment(c.Id, c.ContactId, contact.FirstName == null ? contact.LastName : contact.FirstName + " " + contact.LastName, c.Text, c.DueAt, c.DoneAt))
            .Take(Outlook.Shown).ToListAsync(cancellationToken);
    }

    /// <summary>A contact's commitments, open ones first.</summary>
    public static async Task<IReadOnlyList<OpenCommitment>> OfContactAsync(RingbackDbContext db, Guid contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Commitments.AsNoTracking().Where(c => c.ContactId == contactId)
            .OrderBy(c => c.DoneAt != null).ThenBy(c => c.DueAt).Take(20).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new OpenCommitment(c.Id, c.ContactId, string.Empty, c.Text, c.DueAt, c.DoneAt))];
    }
}
