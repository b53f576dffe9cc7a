using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Web;

namespace Ringback.Pages.Settings;

/// <summary>The rep's profile: what every message they leave says about them.</summary>
public sealed class IndexModel(RingbackDbContext db, IOptions<RingbackOptions> options, NodaTime.IClock clock,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : PageModel
{
    /// <summary>The Twilio auth token as typed; never shown back.</summary>
    [BindProperty]
    public string? TwilioAuthToken { get; set; }

    [BindProperty]
    public string? TwilioDefaultRepEmail { get; set; }

    public TwilioConnection Twilio { get; private set; } = new(false, null, null);

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
        Input = ProfileDraft.From(me, options.Value.DefaultRegion);
        HasCalendar = me.CalendarTokenHash is not null;
        await LoadTwilioAsync(cancellationToken);
    }

    private async Task LoadTwilioAsync(CancellationToken cancellationToken)
    {
        Twilio = await TwilioAccount.DescribeAsync(db, options.Value.BaseUrl(Request), cancellationToken);
    }

    public bool IsOwner => User.IsInRole(nameof(UserRole.Owner));

    public async Task<IActionResult> OnPostTwilioAsync(CancellationToken cancellationToken)
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        var errors = await TwilioAccount.ConnectAsync(db, TwilioAuthToken, TwilioDefaultRepEmail, RingbackClaims.UserOf(User), clock.GetCurrentInstant(),
            text => protection.CreateProtector(TwilioAccount.Purpose).Protect(text), cancellationToken);
        if (!errors.IsEmpty)
        {
            await OnGetAsync(cancellationToken);
            ModelState.AddErrors(errors, prefix: "Twilio");
            return Page();
        }

        Notice = "Twilio is connected: give Twilio the status-callback URL below.";
        return Redirect("/settings#telephony-heading");
    }

    public async Task<IActionResult> OnPostRemoveTwilioAsync(CancellationToken cancellationToken)
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        await TwilioAccount.DisconnectAsync(db, cancellationToken);
        Notice = "Twilio is disconnected; its webhook URL no longer works.";
        return Redirect("/settings");
    }

    public async Task<IActionResult> OnPostCalendarAsync(CancellationToken cancellationToken)
    {
        var token = await CalendarFeed.RenewAsync(db, RingbackClaims.UserOf(User), cancellationToken);
        await OnGetAsync(cancellationToken);
        CalendarUrl = CalendarFeed.Url(options.Value.BaseUrl(Request), token);
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
            await LoadTwilioAsync(cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved.";
        return Redirect("/settings");
    }
}
