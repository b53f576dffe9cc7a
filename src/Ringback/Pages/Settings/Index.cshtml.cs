using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planning;
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

    /// <summary>A new calendar link, shown once, right after it is made.</summary>
    public string? CalendarUrl { get; private set; }

    public bool HasCalendar { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Input = ProfileDraft.From(me);
        HasCalendar = me.CalendarTokenHash is not null;
    }

    public async Task<IActionResult> OnPostCalendarAsync(CancellationToken cancellationToken)
    {
        var token = await CalendarFeed.RenewAsync(db, RingbackClaims.UserOf(User), cancellationToken);
        await OnGetAsync(cancellationToken);
        CalendarUrl = Ringback.Planning.PlannerApi.FeedUrl(Request, token);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeCalendarAsync(CancellationToken cancellationToken)
    {
        await CalendarFeed.RevokeAsync(db, RingbackClaims.UserOf(User), cancellationToken);
        Notice = "Your calendar link no longer works.";
        return Redirect("/settings");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var errors = ProfileRules.Apply(me, Input, options.Value.DefaultRegion);
        if (!errors.IsEmpty)
        {
            ModelState.AddErrors(errors);
            HasCalendar = me.CalendarTokenHash is not null;
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved.";
        return Redirect("/settings");
    }
}
