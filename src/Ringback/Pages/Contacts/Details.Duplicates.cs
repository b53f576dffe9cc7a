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
        var (same, shares) = found.JudgeAll(Contact.FirstName, Contact.LastName, keys);
        LikelyDuplicates = [.. same.Take(10)];
        SharedLine = new BookVerdict(null, shares);
    }

    /// <summary>The other contact's calls, gatekeepers, cadence and fields join this one; the other is deleted.</summary>
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
        if (!await ContactMerge.MergeAsync(db, Id, otherId, Now, planner.Value, cancellationToken))
        {
            return NotFound();
        }

        Notice = $"Merged {name?.Trim()} into this contact: their calls, gatekeepers and plan are here now.";
        return Redirect($"/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MayChangeAsync(User, Contact.OwnerId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await ContactRemoval.DeleteAsync(db, Id, null, RingbackClaims.ActorOf(User), Contact.DisplayName, clock.GetCurrentInstant(), cancellationToken);
        TempData["Notice"] = $"Deleted {Contact.DisplayName}, with their calls and gatekeepers.";
        return Redirect("/contacts");
    }
}
