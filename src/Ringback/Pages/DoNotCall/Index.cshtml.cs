using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Planner;

namespace Ringback.Pages.DoNotCall;

/// <summary>Do-not-call lists: registry copies with their dates, and the organization's own list.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<RingbackOptions> options, IOptions<PlannerOptions> planner) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? CopyDate { get; set; }

    [BindProperty]
    public bool Own { get; set; }

    [BindProperty]
    public bool SkipBadRows { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public List<DoNotCallList> Lists { get; private set; } = [];

    public RegistryStatus Registry { get; private set; } = new(null, false, null);

    public List<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    [Requires(Capability.ManageDoNotCall)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (day, dayProblem) = string.IsNullOrWhiteSpace(CopyDate) ? (null, "is required: the day the copy was taken") : Scheduling.Dates.Day(CopyDate);
        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), "is required");
        }

        if (dayProblem is not null)
        {
            ModelState.AddModelError(nameof(CopyDate), dayProblem);
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "choose a file: one number per line, or CSV with the number first");
        }

        if (ModelState.ErrorCount == 0)
        {
            using var reader = new StreamReader(Upload!.OpenReadStream());
            var result = await Data.Planner.DoNotCallRegister.ImportAsync(db, reader, Name!, Own ? DoNotCallListKind.Internal : DoNotCallListKind.Registry,
                day!.Value, options.Value.DefaultRegion, SkipBadRows, RingbackClaims.ActorOf(User), clock.GetCurrentInstant(), cancellationToken);
            if (result.Succeeded)
            {
                Notice = $"Imported {result.Imported} numbers into {result.List!.Name}" + (result.Errors.Count > 0 ? $"; {result.Errors.Count} bad lines skipped." : ".");
                return Redirect("/do-not-call");
            }

            Problems = [.. result.Errors];
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Lists = await db.DoNotCallLists.AsNoTracking().OrderByDescending(l => l.ImportedAt).ToListAsync(cancellationToken);
        Registry = await Data.Planner.DoNotCallRegister.RegistryAsync(db, clock.GetCurrentInstant().InUtc().Date, planner.Value.RegistryMaxAgeDays, cancellationToken);
    }
}
