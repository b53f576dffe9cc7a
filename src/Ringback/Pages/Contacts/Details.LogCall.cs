using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Calls;
using Ringback.Validation;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>Logging a call: the form's fields checked, the call log does the rest.</summary>
public sealed partial class DetailsModel
{
    public async Task<IActionResult> OnPostLogCallAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var errors = new ValidationErrors();
        var zone = Place.Zone;
        Instant? Local(string field, string? text) => PageSupport.LocalInstant(errors, field, text, zone);

        var promised = Local("promisedNextCallAt", Call.PromisedNextCallAt);
        var start = Local("appointmentStart", Call.AppointmentStart);
        var end = Local("appointmentEnd", Call.AppointmentEnd);
        var draft = new CallDraft
        {
            Outcome = Call.Outcome,
            DurationSeconds = Call.DurationMinutes is { } minutes ? (int)Math.Round(minutes * 60) : null,
            AnsweredByGatekeeperId = Call.AnsweredByGatekeeperId,
            NewGatekeeper = string.IsNullOrWhiteSpace(Call.NewGatekeeperName) ? null
                : new GatekeeperDraft { Name = Call.NewGatekeeperName, Relationship = Call.NewGatekeeperRelationship },
            ProspectAvailable = Call.ProspectAvailable,
            Strategy = Call.Strategy,
            MessageText = Call.MessageText,
            KeepPlaceholders = Call.KeepPlaceholders,
            Notes = Call.Notes,
            PromisedNextCallAt = promised,
            Commitments = Call.Commitments,
            AppointmentStart = start,
            AppointmentEnd = end,
            AppointmentPlace = Call.AppointmentPlace,
            AppointmentDirections = Call.AppointmentDirections,
            DncOverrideReason = Call.DncOverrideReason,
            AskedNotToCall = Call.AskedNotToCall,
        };
        if (errors.IsEmpty)
        {
            var result = await CallLog.LogAsync(db, Id, Rep.Id, draft, id: Call.Id, Now, cancellationToken, planner.Value, options.Value.DefaultRegion);
            if (result.IsValid)
            {
                Notice = $"Logged: {PageSupport.Words(result.Call!.Outcome).ToLowerInvariant()}.{string.Concat(result.Notes.Select(n => " " + n))}";
                return Redirect($"/contacts/{Id}#timeline");
            }

            db.ChangeTracker.Clear();
            foreach (var field in result.Errors.Fields)
            {
                // "newGatekeeper.name" is the form's "New gatekeeper name" field.
                var key = field.StartsWith("newGatekeeper.", StringComparison.Ordinal)
                    ? "newGatekeeper" + char.ToUpperInvariant(field[14]) + field[15..]
                    : field == "durationSeconds" ? "durationMinutes" : field;
                errors.Add(key, field == "durationSeconds" ? Calls.CallForms.DurationError : string.Join(" ", result.Errors.For(field)));
            }
        }

        ModelState.AddErrors(errors, "Call.");
        await LoadTimelineAsync(cancellationToken);
        return Page();
    }
}
