using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Validation;
using Ringback.Web;

namespace Ringback.Pages.Settings;

/// <summary>The rep's profile: what every message they leave says about them.</summary>
public sealed class IndexModel(RingbackDbContext db, IOptions<RingbackOptions> options) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Input = new ProfileInput
        {
            Name = me.Name,
            CompanyName = me.CompanyName,
            CallbackPhone = me.CallbackPhone,
            AfterHoursPhone = me.AfterHoursPhone,
            TimeZone = me.TimeZone,
            ReachableHours = me.ReachableHours.ToString(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var errors = new ValidationErrors();
        var region = options.Value.DefaultRegion;
        var name = Field.Text(errors, "name", Input.Name, 100, required: true);
        var company = Field.Text(errors, "companyName", Input.CompanyName, 200);
        var callback = Field.Phone(errors, "callbackPhone", Input.CallbackPhone, region, allowExtension: false);
        var afterHours = Field.Phone(errors, "afterHoursPhone", Input.AfterHoursPhone, region, allowExtension: false);
        var zone = Field.TimeZone(errors, "timeZone", Input.TimeZone);
        if (zone is null && !errors.For("timeZone").Any())
        {
            errors.Add("timeZone", "is required");
        }

        var hours = Field.Windows(errors, "reachableHours", Input.ReachableHours);
        if (!errors.IsEmpty)
        {
            ModelState.AddErrors(errors);
            return Page();
        }

        me.Name = name!;
        me.CompanyName = company;
        me.CallbackPhone = callback?.E164;
        me.AfterHoursPhone = afterHours?.E164;
        me.TimeZone = zone!;
        me.ReachableHours = hours;
        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved.";
        return Redirect("/settings");
    }

    public sealed class ProfileInput
    {
        public string? Name { get; set; }
        public string? CompanyName { get; set; }
        public string? CallbackPhone { get; set; }
        public string? AfterHoursPhone { get; set; }
        public string? TimeZone { get; set; }
        public string? ReachableHours { get; set; }
    }
}
