using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;

namespace Ringback.Pages.Team;

/// <summary>The manager's view: each rep's day and period at a glance, with a click through to their queue.</summary>
[Requires(Capability.TeamView)]
public sealed class ActivityModel(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    public IReadOnlyList<RepActivity> Reps { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public LocalDate FromDate { get; private set; }

    public LocalDate ToDate { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var zone = await db.Users.Where(u => u.Id == RingbackClaims.UserOf(User)).Select(u => u.TimeZone).SingleAsync(cancellationToken);
        Zone = Ringback.Planner.Zones.OfPerson(zone);
        var today = now.InZone(Zone).Date;
        ToDate = Parse(nameof(To), To) ?? today;
        FromDate = Parse(nameof(From), From) ?? ToDate.PlusDays(-29);
        if (FromDate > ToDate)
        {
            ModelState.AddModelError(nameof(From), "must be on or before To");
            FromDate = ToDate.PlusDays(-29);
        }

        Teams = await db.Users.Where(u => u.Team != null).Select(u => u.Team!).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim();
        Reps = await TeamActivity.ForAsync(db, now, FromDate, ToDate, team,
            planner.Value, cancellationToken);
    }

    private LocalDate? Parse(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (day, problem) = Scheduling.Dates.Day(text);
        if (problem is not null)
        {
            ModelState.AddModelError(field, problem);
        }

        return day;
    }

    public string Ago(Instant? at)
    {
        if (at is not { } instant)
        {
            return "no calls yet";
        }

        var days = (int)Math.Floor((clock.GetCurrentInstant() - instant).TotalDays);
        var local = instant.InZone(Zone).ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return days switch { 0 => $"today {local[^5..]}", 1 => $"yesterday {local[^5..]}", _ => local };
    }
}
