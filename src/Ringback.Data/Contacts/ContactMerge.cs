using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Contacts;
using Ringback.Data.Planner;

namespace Ringback.Data.Contacts;

/// <summary>
/// Two records of one person made one: the other contact's calls (deleted ones too), gatekeepers, referrals and
/// cadence move to the one kept, its fields fill what the kept one lacks, and everything derived from the calls
/// (attempts, credits, status, the plan) is rewritten over the joined timeline. The other contact is then deleted.
/// </summary>
public static class ContactMerge
{
    /// <returns>False when either contact is not in the caller's organization (or they are the same).</returns>
    public static Task<bool> MergeAsync(RingbackDbContext db, Guid keepId, Guid otherId, Instant now, PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(planner);
        return db.InTransactionAsync(async ct =>
        {
            var keep = await db.Contacts.Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == keepId, ct);
            var other = await db.Contacts.Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == otherId, ct);
            if (keep is null || other is null || keepId == otherId)
            {
                return false;
            }

            Fill(keep, other);
            keep.UpdatedAt = now;
            await db.SaveChangesAsync(ct);

            await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).Where(c => c.ContactId == otherId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactId, keepId), ct);
            await db.Gatekeepers.Where(g => g.ContactId == otherId).ExecuteUpdateAsync(u => u.SetProperty(g => g.ContactId, keepId), ct);
            await db.Commitments.Where(c => c.ContactId == otherId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactId, keepId), ct);
            await db.Contacts.Where(c => c.ReferredByContactId == otherId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReferredByContactId, keepId), ct);

            // One cadence at a time: the kept contact's own, else the other's.
            var keepEnrolled = await db.CadenceEnrollments.AnyAsync(e => e.ContactId == keepId && e.EndedAt == null, ct);
            if (!keepEnrolled)
            {
                await db.CadenceEnrollments.Where(e => e.ContactId == otherId).ExecuteUpdateAsync(u => u.SetProperty(e => e.ContactId, keepId), ct);
            }

            // The other's plan is made again from the joined calls below; the other contact goes with what is left of it.
            await db.FollowUps.Where(f => f.ContactId == otherId).ExecuteDeleteAsync(ct);
            await db.Contacts.Where(c => c.Id == otherId).ExecuteDeleteAsync(ct);
            db.ChangeTracker.Clear();
            await Calls.CallLog.RewriteAsync(db, keepId, now, planner, ct);
            return true;
        }, merged => merged, cancellationToken);
    }

    /// <summary>What the kept contact lacks, taken from the other; notes are joined, not chosen.</summary>
    private static void Fill(Contact keep, Contact other)
    {
        keep.Salutation ??= other.Salutation;
        keep.FirstName ??= other.FirstName;
        keep.LastName = keep.LastName.Length > 0 ? keep.LastName : other.LastName;
        keep.Title ??= other.Title;
        keep.CompanyId ??= other.CompanyId;
        keep.Industry ??= other.Industry;
        if (keep.DirectPhone is null)
        {
            keep.DirectPhone = other.DirectPhone;
            keep.DirectExtension = other.DirectExtension;
        }

        keep.MobilePhone ??= other.MobilePhone;
        keep.AfterHoursPhone ??= other.AfterHoursPhone;
        keep.Email ??= other.Email;
        keep.TimeZone ??= other.TimeZone;
        keep.OwnerId ??= other.OwnerId;
        keep.ReferredByContactId ??= other.ReferredByContactId == keep.Id ? null : other.ReferredByContactId;
        keep.ReferredByName ??= other.ReferredByName;
        keep.ReferralNote ??= other.ReferralNote;
        keep.Notes = string.IsNullOrWhiteSpace(other.Notes) || keep.Notes?.Contains(other.Notes, StringComparison.Ordinal) == true
            ? keep.Notes
            : string.Join("\n", new[] { keep.Notes, other.Notes }.Where(n => !string.IsNullOrWhiteSpace(n)));
        if (keep.Notes?.Length > ContactRules.NotesMax)
        {
            keep.Notes = keep.Notes[..ContactRules.NotesMax];
        }
    }
}
