using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Ringback.Accounts;
using Ringback.Coach;
using Ringback.Data;
using Ringback.Data.Coach;
using Ringback.Web;

namespace Ringback.Pages.Templates;

/// <summary>A rep's voicemail templates per strategy: the built-in ones to start from, and their own, which come first.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock) : PageModel
{
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    /// <summary>The template being edited (one of the rep's own), or null to add one.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    /// <summary>A built-in template to start a new one from.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public List<TemplateChoice> Templates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (EditId is { } id)
        {
            var own = Templates.FirstOrDefault(t => t.Id == id);
            if (own is null)
            {
                return NotFound();
            }

            Input = TemplateInput.Of(own.Template);
        }
        else if (Validation.EnumText.TryParse<Ringback.Calls.Strategy>(From, out var strategy))
        {
            var builtIn = VoicemailTemplates.DefaultFor(strategy);
            Input = TemplateInput.Of(builtIn with { Name = "My " + PageSupport.Words(strategy).ToLowerInvariant() });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var checkedTemplate = VoicemailTemplates.Check(Input.Strategy, Input.Name, Input.Body);
        if (!checkedTemplate.IsValid)
        {
            ModelState.AddErrors(checkedTemplate.Errors, "Input.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var me = RingbackClaims.UserOf(User);
        var now = clock.GetCurrentInstant();
        var saved = EditId is { } id
            ? await TemplateStore.UpdateAsync(db, me, id, checkedTemplate.Value!, now, cancellationToken)
            : await TemplateStore.AddAsync(db, me, checkedTemplate.Value!, now, cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }

        Notice = $"Saved {saved.Name}.";
        return Redirect("/templates");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = await TemplateStore.DeleteAsync(db, RingbackClaims.UserOf(User), id, cancellationToken) ? "Deleted." : null;
        return Redirect("/templates");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Templates = await VoicemailDesk.TemplatesAsync(db, RingbackClaims.UserOf(User), null, cancellationToken);

    public sealed class TemplateInput
    {
        public string? Strategy { get; set; }
        public string? Name { get; set; }
        public string? Body { get; set; }

        public static TemplateInput Of(VoicemailTemplate t) => new() { Strategy = Validation.EnumText.Format(t.Strategy), Name = t.Name, Body = t.Body };
    }
}
