using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planning;

namespace Ringback.Pages.Today;

/// <summary>The rep's day: every call to make, in order, with why, how to open, and whether it is lawful now.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    public CallList Calls { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Calls = await Data.Planning.Today.ForAsync(db, me, clock.GetCurrentInstant(), planner.Value, cancellationToken);
    }
}
