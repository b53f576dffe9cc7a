using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;

namespace Ringback.Data.Contacts;

/// <summary>What a merge will do, said before it is done: whose record goes, what moves, what of theirs fills the kept one's gaps.</summary>
public sealed record MergePreview(Guid KeptId, string KeptName, Guid OtherId, string OtherName, string Moves, IReadOnlyList<string> Fills);

/// <summary>
/// Two records of one person made one: the other contact's calls (deleted ones too), gatekeepers, referrals and
/// cadence move to the one kept, its fields fill what the kept one lacks, and everything derived from the calls
/// (attempts, credits, status, the plan) is rewritten over the joined timeline. The other contact is then deleted,
/// and the merge kept for 30 days (<see cref="ContactMergeRecord"/>) so it can be undone; its address leads to the kept one.
/// </summary>
public static class ContactMerge
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What merging <paramref name="otherId"/> into <paramref name="keepId"/> would do; null when either is not a contact here (or they are one).</summary>
    public static async Task<MergePreview?> PreviewAsync(RingbackDbContext db, Guid keepId, Guid otherId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keep = await db.Contacts.AsNoTracking().Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == keepId, cancellationToken);
        var other = await db.Contacts.AsNoTracking().Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == otherId, cancellationToken);
        if (keep is null || other is null || keepId == otherId)
        {
            return null;
        }

        var moved = await MovedAsync(db, keepId, otherId, cancellationToken);
        var before = ContactSnapshot.Of(keep);
        var after = Clone(keep);
        Fill(after, other);
        var fills = new List<string>();
        void Said(string label, object? was, object? now)
        {
            if (was is null && now is not null)
            {
                fills.Add($"{label}: {now}");
            }
        }

        Said("salutation", before.Salutation, after.Salutation);
        Said("first name", before.FirstName, after.FirstName);
        Said("title", before.Title, after.Title);
        Said("company", keep.Company?.Name, before.CompanyId is null && after.CompanyId is not null ? other.Company?.Name : null);
        Said("direct phone", before.DirectPhone, after.DirectPhone);
        Said("mobile phone", before.MobilePhone, after.MobilePhone);
        Said("after-hours phone", before.AfterHoursPhone, after.AfterHoursPhone);
        Said("email", before.Email, after.Email);
        Said("time zone", before.TimeZone, after.TimeZone);
        Said("referred by", before.ReferredByName, after.ReferredByName);
        if (!string.IsNullOrWhiteSpace(other.Notes) && keep.Notes?.Contains(other.Notes, StringComparison.Ordinal) != true)
        {
            fills.Add("their notes, added to these");
        }

        return new MergePreview(keepId, keep.DisplayName, otherId, other.DisplayName, moved.Describe(), fills);
    }

    /// <summary>The contact a merged-away contact's address now leads to, or null when it was not merged away.</summary>
    public static Task<Guid?> MergedIntoAsync(RingbackDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ContactMerges.AsNoTracking().Where(m => m.MergedId == id && m.UndoneAt == null).OrderByDescending(m => m.At)
            .Select(m => (Guid?)m.KeptId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The merges into a contact that can still be undone, newest first.</summary>
    public static Task<List<ContactMergeRecord>> UndoableAsync(RingbackDbContext db, Guid keptId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - ContactMergeRecord.UndoFor;
        return db.ContactMerges.AsNoTracking().Where(m => m.KeptId == keptId && m.UndoneAt == null && m.At >= since).OrderByDescending(m => m.At).ToListAsync(cancellationToken);
    }

    /// <returns>False when either contact is not in the caller's organization (or they are the same).</returns>
    public static Task<bool> MergeAsync(RingbackDbContext db, Guid keepId, Guid otherId, Instant now, PlannerOptions planner, CancellationToken cancellationToken,
        Actor? actor = null)
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

            var keptBefore = ContactSnapshot.Of(keep);
            var moved = await MovedAsync(db, keepId, otherId, ct);
            Fill(keep, other);
            keep.UpdatedAt = now;
            db.ContactMerges.Add(new ContactMergeRecord
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = keep.OrganizationId,
                KeptId = keepId,
                MergedId = otherId,
                MergedName = Clip(other.DisplayName, 200),
                ByUserId = actor?.Id,
                At = now,
                Merged = JsonSerializer.Serialize(ContactSnapshot.Of(other), Json),
                KeptBefore = JsonSerializer.Serialize(keptBefore, Json),
                Moved = JsonSerializer.Serialize(moved with { NotesAfterMerge = keep.Notes }, Json),
            });
            if (actor is not null)
            {
                db.Audit(actor, AuditActions.ContactsMerged, other.DisplayName, $"merged into {keep.DisplayName} ({keepId}); moved {moved.Describe()}", now);
            }

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
            await Settlement.SettleAsync(db, keepId, Change.Calls, now, planner, ct);
            return true;
        }, merged => merged, cancellationToken);
    }

    /// <summary>
    /// Undoes a merge within 30 days: the merged-away contact back under its own id, what moved moved back (what was
    /// added to the kept contact since stays there), the kept contact's filled-in fields emptied again unless changed
    /// since, and both timelines rewritten. Null when there is no such merge to undo.
    /// </summary>
    public static Task<bool?> UndoAsync(RingbackDbContext db, Guid mergeId, Instant now, PlannerOptions planner, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        return db.InTransactionAsync<bool?>(async ct =>
        {
            var merge = await db.ContactMerges.FirstOrDefaultAsync(m => m.Id == mergeId, ct);
            if (merge is null || !merge.CanUndo(now))
            {
                return null;
            }

            var kept = await db.Contacts.FirstOrDefaultAsync(c => c.Id == merge.KeptId, ct);
            if (kept is null || await db.Contacts.AnyAsync(c => c.Id == merge.MergedId, ct))
            {
                return false;
            }

            var merged = JsonSerializer.Deserialize<ContactSnapshot>(merge.Merged, Json)!;
            var keptBefore = JsonSerializer.Deserialize<ContactSnapshot>(merge.KeptBefore, Json)!;
            var moved = JsonSerializer.Deserialize<MovedRecords>(merge.Moved, Json)!;
            var restored = merged.ToContact(merge.MergedId, merge.OrganizationId, now);
            if (restored.CompanyId is { } companyId && !await db.Companies.AnyAsync(c => c.Id == companyId, ct))
            {
                restored.CompanyId = null;
            }

            if (restored.ReferredByContactId is { } referrer && !await db.Contacts.AnyAsync(c => c.Id == referrer, ct))
            {
                restored.ReferredByContactId = null;
            }

            db.Contacts.Add(restored);
            keptBefore.Unfill(kept, merged, moved.NotesAfterMerge);
            kept.UpdatedAt = now;
            merge.UndoneAt = now;
            db.Audit(actor, AuditActions.ContactMergeUndone, merge.MergedName, $"taken back out of {kept.DisplayName} ({kept.Id})", now);
            await db.SaveChangesAsync(ct);

            var (back, keptId) = (merge.MergedId, merge.KeptId);
            var calls = moved.Calls.ToList();
            var gatekeepers = moved.Gatekeepers.ToList();
            var commitments = moved.Commitments.ToList();
            var referrals = moved.Referrals.ToList();
            var enrollments = moved.Enrollments.ToList();
            await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).Where(c => c.ContactId == keptId && calls.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactId, back), ct);
            await db.Gatekeepers.Where(g => g.ContactId == keptId && gatekeepers.Contains(g.Id)).ExecuteUpdateAsync(u => u.SetProperty(g => g.ContactId, back), ct);
            await db.Commitments.Where(c => c.ContactId == keptId && commitments.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactId, back), ct);
            await db.Contacts.Where(c => c.ReferredByContactId == keptId && referrals.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReferredByContactId, back), ct);
            await db.CadenceEnrollments.Where(e => e.ContactId == keptId && enrollments.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.ContactId, back), ct);
            db.ChangeTracker.Clear();
            await Settlement.SettleAsync(db, keptId, Change.Calls, now, planner, ct);
            await Settlement.SettleAsync(db, back, Change.Calls, now, planner, ct);
            return true;
        }, undone => undone != false, cancellationToken);
    }

    /// <summary>Everything of the other contact's that a merge moves, by id.</summary>
    private static async Task<MovedRecords> MovedAsync(RingbackDbContext db, Guid keepId, Guid otherId, CancellationToken cancellationToken)
    {
        var keepEnrolled = await db.CadenceEnrollments.AnyAsync(e => e.ContactId == keepId && e.EndedAt == null, cancellationToken);
        return new MovedRecords(
            await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).Where(c => c.ContactId == otherId).Select(c => c.Id).ToListAsync(cancellationToken),
            await db.Gatekeepers.Where(g => g.ContactId == otherId).Select(g => g.Id).ToListAsync(cancellationToken),
            await db.Commitments.Where(c => c.ContactId == otherId).Select(c => c.Id).ToListAsync(cancellationToken),
            await db.Contacts.Where(c => c.ReferredByContactId == otherId).Select(c => c.Id).ToListAsync(cancellationToken),
            keepEnrolled ? [] : await db.CadenceEnrollments.Where(e => e.ContactId == otherId).Select(e => e.Id).ToListAsync(cancellationToken),
            null)
        {
            DeletedCalls = await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).CountAsync(c => c.ContactId == otherId && c.DeletedAt != null, cancellationToken),
        };
    }

    private static Contact Clone(Contact c) => ContactSnapshot.Of(c).ToContact(c.Id, c.OrganizationId, c.UpdatedAt);

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;

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
