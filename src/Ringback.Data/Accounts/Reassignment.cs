using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data.Planner;

namespace Ringback.Data.Accounts;

/// <summary>What a reassignment moved.</summary>
public sealed record ReassignResult(int Contacts, int Cadences, int InboxItems);

/// <summary>
/// Gives contacts to another rep: the contact's owner, its open cadence, what earlier calls still owe (promises,
/// appointments, expected callbacks: the planner gives them to the owner from the hand-over on), and so its
/// reminders, which follow the plan. With <c>from</c> and no ids, everything the rep owns, their inbox items too.
/// </summary>
public static class Reassignment
{
    private const int Batch = 200;

    /// <param name="contactIds">The contacts to move; null for every contact <paramref name="from"/> owns.</param>
    public static async Task<ReassignResult> ReassignAsync(RingbackDbContext db, IReadOnlyCollection<Guid>? contactIds, Guid? from, Guid to, Actor actor,
        Instant now, PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (contactIds is null && from is null)
        {
            throw new ArgumentException("Say which contacts, or whose.", nameof(contactIds));
        }

        var target = await db.Users.AsNoTracking().Where(u => u.Id == to).Select(u => new { u.Name, u.DeactivatedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException("The rep to reassign to is not in this organization.", nameof(to));
        var query = db.Contacts.Where(c => c.OwnerId != to || c.OwnerId == null);
        query = contactIds is null ? query.Where(c => c.OwnerId == from) : query.Where(c => contactIds.Contains(c.Id));
        var ids = await query.Select(c => c.Id).ToListAsync(cancellationToken);

        var cadences = 0;
        foreach (var chunk in ids.Chunk(Batch))
        {
            // One transaction per batch: a big book moves in steps that each land whole, and a retry moves only what is left.
            cadences += await db.InTransactionAsync(async ct =>
            {
                await db.Contacts.Where(c => chunk.Contains(c.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, to).SetProperty(c => c.HandedOverAt, now).SetProperty(c => c.UpdatedAt, now), ct);
                var moved = await db.CadenceEnrollments.Where(e => chunk.Contains(e.ContactId) && e.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.UserId, to), ct);
                foreach (var id in chunk)
                {
                    await Data.Contacts.Settlement.SettleAsync(db, id, Data.Contacts.Change.Contact, now, planner, ct);
                }

                await db.SaveChangesAsync(ct);
                return moved;
            }, _ => true, cancellationToken);
            db.ChangeTracker.Clear();
        }

        var inbox = from is { } rep && contactIds is null
            ? await db.UnmatchedCalls.Where(u => u.UserId == rep).ExecuteUpdateAsync(s => s.SetProperty(u => u.UserId, to), cancellationToken)
            : 0;
        var whose = from is { } source ? await db.Users.AsNoTracking().Where(u => u.Id == source).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) : null;
        await db.RecordAsync(actor, AuditActions.Reassigned, $"{ids.Count} contact{(ids.Count == 1 ? "" : "s")}{(whose is null ? "" : $" of {whose}")} to {target.Name}",
            $"{cadences} open cadences, {inbox} inbox items", now, cancellationToken);
        return new ReassignResult(ids.Count, cadences, inbox);
    }
}
