using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Accounts;

namespace Ringback.Pages.Team;

/// <summary>The audit log: sensitive actions, newest first, for the owners.</summary>
[Requires(Capability.AuditLog)]
public sealed class AuditModel(RingbackDbContext db) : PageModel
{
    public const int Shown = 500;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public static IReadOnlyList<string> Actions { get; } = [.. typeof(AuditActions).GetFields().Select(f => (string)f.GetValue(null)!).Order()];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var zone = await db.Users.Where(u => u.Id == RingbackClaims.UserOf(User)).Select(u => u.TimeZone).SingleAsync(cancellationToken);
        Zone = Ringback.Planner.Zones.OfPerson(zone);
        Entries = await AuditLog.ReadAsync(db, Actions.Contains(Action) ? Action : null, Shown, cancellationToken);
    }
}
