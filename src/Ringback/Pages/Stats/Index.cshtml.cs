using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Validation;

namespace Ringback.Pages.Stats;

/// <summary>"Which strategy gets my calls returned, and how sure are we": the callback numbers, charted and tabled.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rep { get; set; }

    public CallbackReport? Report { get; private set; }

    public StatsScope? Scope { get; private set; }

    public List<(string Email, string Name)> Reps { get; private set; } = [];

    public IReadOnlyList<string> Notes => StatsNotes.For(planner.Value);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (scope, errors) = await ScopeAsync(now, cancellationToken);
        Reps = [.. (await db.Users.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Email, u.Name }).ToListAsync(cancellationToken)).Select(u => (u.Email, u.Name))];
        if (scope is null)
        {
            foreach (var field in errors.Fields)
            {
                ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], string.Join("; ", errors.For(field)));
            }

            return;
        }

        Scope = scope;
        From = scope.Period.First.ToString("uuuu-MM-dd", null);
        To = scope.Period.Last.ToString("uuuu-MM-dd", null);
        Report = await CallbackStats.ReportAsync(db, scope.Query, now, planner.Value, cancellationToken);
    }

    /// <summary>The same figures as CSV, for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (scope, errors) = await ScopeAsync(now, cancellationToken);
        if (scope is null)
        {
            return BadRequest(errors.ToString());
        }

        var report = await CallbackStats.ReportAsync(db, scope.Query, now, planner.Value, cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(ReportCsv.Write(report)), "text/csv; charset=utf-8",
            $"ringback-stats-{scope.Period.First:yyyy-MM-dd}-{scope.Period.Last:yyyy-MM-dd}.csv");
    }

    private async Task<(StatsScope? Scope, ValidationErrors Errors)> ScopeAsync(Instant now, CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var errors = new ValidationErrors();
        return (await StatsScope.ResolveAsync(db, me, Rep, From, To, now, errors, cancellationToken), errors);
    }
}
