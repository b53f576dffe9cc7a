using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>Adding, correcting and removing a gatekeeper from the contact page; ticking off a commitment.</summary>
public sealed partial class DetailsModel
{
    [BindProperty]
    public GatekeeperDraft EditGatekeeper { get; set; } = new();

    public async Task<IActionResult> OnPostEditGatekeeperAsync(Guid gatekeeperId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var gatekeeper = await db.Gatekeepers.FirstOrDefaultAsync(g => g.Id == gatekeeperId && g.ContactId == Id, cancellationToken);
        if (gatekeeper is null)
        {
            return NotFound();
        }

        var checkedFields = GatekeeperRules.Check(EditGatekeeper, options.Value.DefaultRegion);
        if (!checkedFields.IsValid)
        {
            // Said in the form's words, next to the gatekeeper it is about.
            Notice = $"{gatekeeper.Name} was not changed: " + string.Join("; ", checkedFields.Errors.Fields.Select(f => $"{GatekeeperLabel(f)} {string.Join(" ", checkedFields.Errors.For(f))}"));
            return Redirect($"/contacts/{Id}#gatekeepers");
        }

        gatekeeper.Name = checkedFields.Value!.Name;
        checkedFields.Value.ApplyTo(gatekeeper);
        gatekeeper.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Saved {gatekeeper.Name}.";
        return Redirect($"/contacts/{Id}#gatekeepers");
    }

    /// <summary>Removed from the contact; the calls they answered stay on the timeline without their name.</summary>
    public async Task<IActionResult> OnPostRemoveGatekeeperAsync(Guid gatekeeperId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var name = await db.Gatekeepers.Where(g => g.Id == gatekeeperId && g.ContactId == Id).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        await db.Gatekeepers.Where(g => g.Id == gatekeeperId).ExecuteDeleteAsync(cancellationToken);
        Notice = $"Removed {name}.";
        return Redirect($"/contacts/{Id}#gatekeepers");
    }

    /// <summary>A commitment ticked off, or opened again.</summary>
    public async Task<IActionResult> OnPostCommitmentAsync(Guid commitmentId, bool done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await Data.Planner.Commitments.MarkAsync(db, commitmentId, done, Now, cancellationToken))
        {
            return NotFound();
        }

        Notice = done ? "Commitment done." : "Commitment open again.";
        return Redirect($"/contacts/{Id}");
    }

    private static string GatekeeperLabel(string field) => field switch
    {
        "name" => "Name",
        "relationship" => "Relationship",
        "phone" => "Phone",
        "availabilityNote" => "When is the prospect available?",
        "availableHours" => "As hours",
        _ => field,
    };

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
