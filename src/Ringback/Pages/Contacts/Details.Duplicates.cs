using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data.Contacts;

namespace Ringback.Pages.Contacts;

/// <summary>Likely duplicates of this contact, merged into it in one click; and deleting the contact.</summary>
public sealed partial class DetailsModel
{
    /// <summary>Other contacts that are likely this person: an email, name and company, or a number under the same name.</summary>
    public IReadOnlyList<DuplicateMatch> LikelyDuplicates { get; private set; } = [];

    /// <summary>Other people on one of this contact's numbers (a switchboard, a shared desk): shown, never offered to merge.</summary>
    public BookVerdict SharedLine { get; private set; } = BookVerdict.None;

    private async Task LoadDuplicatesAsync(CancellationToken cancellationToken)
    {
        var keys = DuplicateKeys.Of(Contact.Email, [Contact.DirectPhone, Contact.MobilePhone, Contact.AfterHoursPhone], Contact.FirstName, Contact.LastName, Contact.Company?.Name);
        var found = await Duplicates.FindAsync(db, keys, cancellationToken, except: Id);
        UndoableMerges = await ContactMerge.UndoableAsync(db, Id, Now, cancellationToken);
        var (same, shares) = found.JudgeAll(Contact.FirstName, Contact.LastName, keys);
        LikelyDuplicates = [.. same.Take(10)];
        SharedLine = new BookVerdict(null, shares);
    }

    /// <summary>What merging the chosen contact into this one will do, shown for the rep to confirm.</summary>
    public MergePreview? MergePreview { get; private set; }

    /// <summary>Merges into this contact that can still be undone.</summary>
    public IReadOnlyList<ContactMergeRecord> UndoableMerges { get; private set; } = [];

    /// <summary>Asks first: whose record goes, what moves, what fills this one's gaps; nothing is changed until the rep confirms.</summary>
    public async Task<IActionResult> OnGetMergeAsync(Guid otherId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // Asked only of someone who may do it: a confirmation that ends in "not allowed" helps no one.
        if (!await db.MayChangeAsync(User, Contact.OwnerId, cancellationToken) || !await db.MayChangeContactAsync(User, otherId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        MergePreview = await ContactMerge.PreviewAsync(db, Id, otherId, cancellationToken);
        if (MergePreview is null)
        {
            return NotFound();
        }

        await LoadTimelineAsync(cancellationToken);
        return Page();
    }

    /// <summary>The other contact's calls, gatekeepers, cadence and fields join this one; the other is removed, and can be brought back for 30 days.</summary>
    public async Task<IActionResult> OnPostMergeAsync(Guid otherId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // A merge deletes the other contact and rewrites this one: both must be the rep's to change.
        if (!await db.MayChangeAsync(User, Contact.OwnerId, cancellationToken) || !await db.MayChangeContactAsync(User, otherId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var name = await db.Contacts.Where(c => c.Id == otherId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken);
        if (!await ContactMerge.MergeAsync(db, Id, otherId, Now, planner.Value, cancellationToken, RingbackClaims.ActorOf(User)))
        {
            return NotFound();
        }

        Notice = $"Merged {name?.Trim()} into this contact: their calls, gatekeepers and plan are here now. You can undo this for {ContactMergeRecord.UndoFor.Days} days, below.";
        return Redirect($"/contacts/{Id}");
    }

    /// <summary>Takes a merged contact back out, within 30 days.</summary>
    public async Task<IActionResult> OnPostUndoMergeAsync(Guid mergeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MayChangeAsync(User, Contact.OwnerId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var merge = await db.ContactMerges.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mergeId && m.KeptId == Id, cancellationToken);
        var undone = merge is null ? null : await ContactMerge.UndoAsync(db, mergeId, Now, planner.Value, RingbackClaims.ActorOf(User), cancellationToken);
        Notice = undone switch
        {
            true => $"{merge!.MergedName} is a contact of their own again, with what was theirs.",
            false => "That merge cannot be undone: its contact's address is in use again.",
            null => "That merge can no longer be undone.",
        };
        return Redirect(undone == true ? $"/contacts/{merge!.MergedId}" : $"/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var deleted = await ContactBook.DeleteAsync(db, RingbackClaims.EditorOf(User), Id, expectedVersion: null, clock.GetCurrentInstant(), cancellationToken);
        if (deleted.NotFound)
        {
            return NotFound();
        }

        if (deleted.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        TempData["Notice"] = $"Deleted {deleted.Contact!.DisplayName}, with their calls and gatekeepers.";
        return Redirect("/contacts");
    }
}
