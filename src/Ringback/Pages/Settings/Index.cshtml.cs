using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Web;

namespace Ringback.Pages.Settings;

/// <summary>The rep's profile: what every message they leave says about them.</summary>
public sealed class IndexModel(RingbackDbContext db, IOptions<RingbackOptions> options) : PageModel
{
    [BindProperty]
    public ProfileDraft Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Input = ProfileDraft.From(me);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var errors = ProfileRules.Apply(me, Input, options.Value.DefaultRegion);
        if (!errors.IsEmpty)
        {
            ModelState.AddErrors(errors);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved.";
        return Redirect("/settings");
    }
}
