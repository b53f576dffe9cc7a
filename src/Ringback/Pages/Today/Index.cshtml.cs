using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planner;

namespace Ringback.Pages.Today;

/// <summary>The rep's day: every call to make, in order, with why, how to open, and whether it is lawful now; then the week ahead.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    /// <summary>How far ahead "Coming up" looks.</summary>
    public const int DaysAhead = 7;

    /// <summary>A call this close to its minute is shown as the next thing to do.</summary>
    public static readonly Duration Soon = Duration.FromMinutes(15);

    /// <summary>The day shown (?day=2026-12-01); today when not given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Day { get; set; }

    /// <summary>Another rep whose queue a manager is looking at (from the manager's view); null for one's own.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Rep { get; set; }

    /// <summary>The rep whose day this is, when it is not the signed-in person's.</summary>
    public string? ViewingName { get; private set; }

    public CallList Calls { get; private set; } = null!;

    public Instant Now { get; private set; }

    public LocalDate Today { get; private set; }

    public LocalDate Shown { get; private set; }

    public bool IsToday => Shown == Today;

    public IReadOnlyList<ComingCall> Coming { get; private set; } = [];


    /// <summary>What the rep promised to do for prospects, due by the end of the day shown.</summary>
    public IReadOnlyList<OpenCommitment> CommitmentsDue { get; private set; } = [];

    /// <summary>The rep's promises over the last 30 days: kept, missed, still to come.</summary>
    public RepPromises? Promises { get; private set; }

    /// <summary>Calls from numbers no single contact has: possibly a prospect calling back from a new line.</summary>
    public int InboxCount { get; private set; }

    public string? DayError { get; private set; }

    /// <summary>Reminders that came due while Ringback was not running (recorded, not sent late).</summary>
    public IReadOnlyList<Data.Reminders.ReminderEntry> MissedWhileDown { get; private set; } = [];

    public DateTimeZone RepZone { get; private set; } = DateTimeZone.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var self = RingbackClaims.UserOf(User);
        var whose = Rep ?? self;
        if (whose != self && !RoleMatrix.Allows(RingbackClaims.RoleOf(User), Capability.TeamView))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == whose, cancellationToken);
        if (me is null)
        {
            return NotFound();
        }

        ViewingName = whose == self ? null : me.Name;
        Now = clock.GetCurrentInstant();
        var zone = me.Zone;
        Today = Now.InZone(zone).Date;
        Shown = Today;
        if (!string.IsNullOrWhiteSpace(Day))
        {
            // The list reaches ahead of the day shown, so the last day it can show is a week inside the bounds.
            var (day, problem) = Scheduling.Dates.Day(Day, LocalDatePattern.Iso.Format(Today), "day");
            if (day is { } parsed && parsed <= Scheduling.Dates.Last.PlusDays(-DaysAhead - 1))
            {
                Shown = parsed;
            }
            else
            {
                DayError = $"{problem ?? $"{LocalDatePattern.Iso.Format(day!.Value)} is too far ahead"}; showing today.";
            }
        }

        // Another day is shown as it will stand when it starts (at 09:00 the rep's time); today, as it stands now.
        var at = IsToday ? Now : Shown.At(new LocalTime(9, 0)).InZoneLeniently(zone).ToInstant();
        Calls = await Data.Planner.Today.ForAsync(db, me, at, planner.Value, cancellationToken);
        var dayEnd = Shown.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        Coming = await Outlook.ComingAsync(db, me, dayEnd, Shown.PlusDays(DaysAhead + 1).AtStartOfDayInZone(zone).ToInstant(), cancellationToken);
        CommitmentsDue = await Commitments.DueAsync(db, me.Id, dayEnd, cancellationToken);
        var promises = await PromiseStats.ForAsync(db, Now - Duration.FromDays(30), Now, Now, planner.Value.Settings.PromiseTolerance, cancellationToken, me.Id);
        Promises = promises.FirstOrDefault(p => p.UserId == me.Id);
        InboxCount = await Data.Callbacks.Inbox.CountAsync(db, cancellationToken);
        RepZone = zone;
        MissedWhileDown = IsToday && ViewingName is null ? await Data.Reminders.ReminderBook.MissedWhileDownAsync(db, me.Id, Now, cancellationToken) : [];
        return Page();
    }

    /// <summary>"Understood" on the missed-while-down notice.</summary>
    public async Task<IActionResult> OnPostSeenMissedWhileDownAsync(CancellationToken cancellationToken)
    {
        await Data.Reminders.ReminderBook.SeenMissedWhileDownAsync(db, RingbackClaims.UserOf(User), clock.GetCurrentInstant(), cancellationToken);
        return Redirect("/today");
    }

    /// <summary>Ticked off from Today.</summary>
    public async Task<IActionResult> OnPostDoneAsync(Guid commitmentId, CancellationToken cancellationToken) =>
        await Commitments.MarkAsync(db, commitmentId, done: true, clock.GetCurrentInstant(), cancellationToken)
            ? Redirect(string.IsNullOrEmpty(Day) ? "/today" : $"/today?day={Uri.EscapeDataString(Day)}")
            : NotFound();

    /// <summary>"overdue", "in 10 min", or nothing: how pressing a call is, as the card shows it.</summary>
    public (string? Label, bool Urgent) Pressing(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!IsToday || item.Kind is Ringback.Planner.FollowUpKind.NewContact or Ringback.Planner.FollowUpKind.CadenceStep && item.DueAt > Now)
        {
            return (null, false);
        }

        var until = item.DueAt - Now;
        if (until < Duration.Zero)
        {
            return ("overdue", item.Kind is Ringback.Planner.FollowUpKind.Promise or Ringback.Planner.FollowUpKind.MissedPromise or Ringback.Planner.FollowUpKind.Appointment);
        }

        return until <= Soon ? ($"in {Math.Max(1, (int)until.TotalMinutes)} min", true) : (null, false);
    }

    public string DayUrl(LocalDate day)
    {
        var url = day == Today ? "/today" : $"/today?day={LocalDatePattern.Iso.Format(day)}";
        return Rep is { } rep ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"rep={rep}" : url;
    }
}
