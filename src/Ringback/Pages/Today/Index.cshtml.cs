using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planner;

namespace Ringback.Pages.Today;

/// <summary>The rep's day: every call to make, in order, with why, how to open, and whether it is lawful now.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    public CallList Calls { get; private set; } = null!;

    /// <summary>The rep's promises over the last 30 days: kept, missed, still to come.</summary>
    public RepPromises? Promises { get; private set; }

    /// <summary>Calls from numbers no single contact has: possibly a prospect calling back from a new line.</summary>
    public int InboxCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var now = clock.GetCurrentInstant();
        Calls = await Data.Planner.Today.ForAsync(db, me, now, planner.Value, cancellationToken);
        var promises = await PromiseStats.ForAsync(db, now - Duration.FromDays(30), now, now, planner.Value.Settings.PromiseTolerance, cancellationToken);
        Promises = promises.FirstOrDefault(p => p.UserId == me.Id);
        InboxCount = await Data.Callbacks.Inbox.CountAsync(db, cancellationToken);
    }
}
