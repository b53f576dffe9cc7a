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

    /// <summary>Whether the appointment can be sent to the prospect: they have an email and this server a mail server.</summary>
    public bool CanInvite => mailer.Configured && !string.IsNullOrWhiteSpace(Contact.Email);

    /// <summary>Sends the appointment to the prospect as a calendar invitation; sent again, it updates the same event.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.ContactId == Id && c.AppointmentStart > Now, cancellationToken);
        if (call is null)
        {
            Notice = "That appointment is past or no longer on this contact.";
        }
        else if (!CanInvite)
        {
            Notice = string.IsNullOrWhiteSpace(Contact.Email)
                ? "Add their email to send an invitation."
                : "This server has no mail server set (Ringback:Smtp:Host), so invitations cannot be sent.";
        }
        else
        {
            var message = Ringback.Reminders.AppointmentInvitation.Message(Contact, call, Rep, mailer.From, Place.Zone, Now);
            var failed = await mailer.SendAsync(message, cancellationToken);
            Notice = failed is null ? $"Invitation sent to {Contact.Email}." : $"The invitation was not sent: {failed}. Try again later.";
        }

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
