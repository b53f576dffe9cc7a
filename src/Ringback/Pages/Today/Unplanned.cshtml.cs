using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Planner;

namespace Ringback.Pages.Today;

/// <summary>
/// The rep's contacts being worked with nothing planned. Its own page, not a part of Today: finding them means
/// looking at every contact the rep has in progress, which on a team's book is too slow for the page a rep opens
/// between every call.
/// </summary>
public sealed class UnplannedModel(RingbackDbContext db) : PageModel
{
    public IReadOnlyList<Unplanned> Contacts { get; private set; } = [];

    public DateTimeZone RepZone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        RepZone = me.Zone;
        Contacts = await Outlook.UnplannedAsync(db, me, cancellationToken);
    }
}
