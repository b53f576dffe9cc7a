using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Web;

namespace Ringback.Pages.ReferenceClients;

/// <summary>Clients a rep may mention to prospects in the same industry.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock) : PageModel
{
    [BindProperty]
    public ReferenceClientDraft Input { get; set; } = new();

    /// <summary>The client being edited: set by the row's Edit link, posted back with the form.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public List<ReferenceClient> Clients { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (EditId is { } id)
        {
            var client = Clients.FirstOrDefault(c => c.Id == id);
            if (client is null)
            {
                return NotFound();
            }

            Input = new ReferenceClientDraft { CompanyName = client.CompanyName, Industry = client.Industry, Result = client.Result, MayName = client.MayName };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var fields = ReferenceClientRules.Check(Input);
        if (!fields.IsValid)
        {
            ModelState.AddErrors(fields.Errors);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetCurrentInstant();
        var client = EditId is { } id ? await db.ReferenceClients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (client is null)
        {
            client = new ReferenceClient { Id = Guid.CreateVersion7(), CompanyName = fields.Value!.CompanyName, Industry = fields.Value.Industry, CreatedAt = now };
            db.ReferenceClients.Add(client);
        }

        fields.Value!.ApplyTo(client);
        client.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Saved {client.CompanyName}.";
        return Redirect("/reference-clients");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await db.ReferenceClients.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        Notice = "Deleted.";
        return Redirect("/reference-clients");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Clients = await db.ReferenceClients.AsNoTracking().OrderBy(c => c.Industry).ThenBy(c => c.CompanyName).ToListAsync(cancellationToken);
}
