using Microsoft.AspNetCore.Mvc;
using Ringback.Data.Callbacks;

namespace Ringback.Pages.Contacts;

/// <summary>"They called back" in one click.</summary>
public sealed partial class DetailsModel
{
    /// <summary>One click: they called back just now. Logged, and credited to the message that earned it.</summary>
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
        return Redirect($"/contacts/{Id}#timeline");
    }
}
