using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Data.Callbacks;
using Ringback.Data.Calls;

namespace Ringback.Pages.Contacts;

/// <summary>"They called back" in one click, and taking back any call: delete, restore, a note added after.</summary>
public sealed partial class DetailsModel
{
    /// <summary>Made when the page is drawn: a second click, or a resent form, finds the call the first one logged.</summary>
    [BindProperty]
    public Guid? CallbackKey { get; set; }

    /// <summary>The call "they called back" just logged: the notice offers Undo and a note for it.</summary>
    [TempData]
    public Guid? JustLogged { get; set; }

    /// <summary>One click: they called back just now. Logged once, and credited to the message that earned it.</summary>
    public async Task<IActionResult> OnPostCalledBackAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await Inbound.CaptureAsync(db, new InboundCall
        {
            ContactId = Id,
            UserId = Rep.Id,
            Source = "web",
            ExternalId = CallbackKey is { } key ? $"web:{key}" : null,
        }, options.Value.DefaultRegion, Now, planner.Value, cancellationToken);
        if (result.Call is not { } call)
        {
            Notice = $"Could not log the call: {result.Errors}";
            return Redirect($"/contacts/{Id}");
        }

        var credit = await Credits.OfAsync(db, call, cancellationToken);
        Notice = credit is null
            ? $"Logged their call. No message was left in the {planner.Value.Callbacks.CreditDays} days before it, so it is not credited to one."
            : $"Logged their call: it returns {credit.Describe(RepZone)}.";
        JustLogged = call.Id;
        return Redirect($"/contacts/{Id}#top");
    }

    /// <summary>What was said on a call, added after logging it (the "they called back" click logs first, then asks).</summary>
    public async Task<IActionResult> OnPostCallNoteAsync(Guid callId, string? note, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MayChangeCallAsync(User, callId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.ContactId == Id, cancellationToken);
        if (call is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            var notes = string.IsNullOrWhiteSpace(call.Notes) ? note.Trim() : call.Notes + "\n" + note.Trim();
            var result = await CallLog.CorrectAsync(db, callId, Rep.Id, CallDraft.From(call) with { Notes = notes }, expectedVersion: null, Now, cancellationToken,
                planner.Value, options.Value.DefaultRegion);
            Notice = result.IsValid ? "Note saved with their call." : $"Could not save the note: {string.Join(" ", result.Errors.For("notes"))}";
        }

        return Redirect($"/contacts/{Id}#timeline");
    }

    public async Task<IActionResult> OnPostDeleteCallAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MayChangeCallAsync(User, callId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await CallLog.DeleteAsync(db, callId, Rep.Id, expectedVersion: null, Now, cancellationToken, planner.Value);
        if (result.NotFound || result.Call!.ContactId != Id)
        {
            return NotFound();
        }

        Notice = "Call deleted. It no longer counts; restore it from \"Recently deleted\" below.";
        return Redirect($"/contacts/{Id}#deleted");
    }

    public async Task<IActionResult> OnPostRestoreCallAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MayChangeCallAsync(User, callId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await CallLog.RestoreAsync(db, callId, Now, cancellationToken, planner.Value);
        if (result.NotFound || result.Call!.ContactId != Id)
        {
            return NotFound();
        }

        Notice = "Call restored, with everything it counted for.";
        return Redirect($"/contacts/{Id}#timeline");
    }
}
