using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ringback.Data.Planner;

namespace Ringback.Pages.Contacts;

/// <summary>Cadences and do-not-call from the contact page.</summary>
public sealed partial class DetailsModel
{
    public async Task<IActionResult> OnPostEnrollAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (CadenceId is not { } cadenceId || !await db.Cadences.AnyAsync(c => c.Id == cadenceId, cancellationToken))
        {
            return BadRequest("Choose a cadence.");
        }

        await CadenceBook.EnrollAsync(db, cadenceId, [Id], Rep.Id, KeepAfterEnd, Now, planner.Value, cancellationToken);
        Notice = "Enrolled.";
        return Redirect($"/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostLeaveCadenceAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await CadenceBook.LeaveAsync(db, Id, Now, planner.Value, cancellationToken);
        Notice = "Taken out of the cadence.";
        return Redirect($"/contacts/{Id}");
    }

    /// <summary>"Please don't call me again": on the organization's own list at once.</summary>
    public async Task<IActionResult> OnPostDoNotCallAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var contact = await db.Contacts.FirstAsync(c => c.Id == Id, cancellationToken);
        await Data.Planner.DoNotCallRegister.MarkAsync(db, contact, DoNotCallReason, Now, planner.Value, cancellationToken);
        Notice = $"{contact.DisplayName} is on your do-not-call list.";
        return Redirect($"/contacts/{Id}");
    }
}
