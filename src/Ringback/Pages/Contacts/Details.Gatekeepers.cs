using Microsoft.AspNetCore.Mvc;
using Ringback.Contacts;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>Adding a gatekeeper from the contact page.</summary>
public sealed partial class DetailsModel
{
    public async Task<IActionResult> OnPostAddGatekeeperAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var checkedFields = GatekeeperRules.Check(NewGatekeeper, options.Value.DefaultRegion);
        if (!checkedFields.IsValid)
        {
            ModelState.AddErrors(checkedFields.Errors, "NewGatekeeper.");
            await LoadTimelineAsync(cancellationToken);
            return Page();
        }

        var gatekeeper = new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = Id, Name = checkedFields.Value!.Name, CreatedAt = Now, UpdatedAt = Now };
        checkedFields.Value.ApplyTo(gatekeeper);
        db.Gatekeepers.Add(gatekeeper);
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Added {gatekeeper.Name}.";
        return Redirect($"/contacts/{Id}#gatekeepers");
    }
}
