using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Reminders;

namespace Ringback.Pages.Reminders;

/// <summary>A due reminder, as the banner on every page shows it.</summary>
public sealed record LiveReminder(Guid Id, string Title, string Text, string? Tel, string Open);

/// <summary>What every open page asks for every few seconds: the rep's reminders sent and not yet closed.</summary>
public sealed class LiveModel(RingbackDbContext db, IClock clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var unseen = await ReminderBook.UnseenAsync(db, RingbackClaims.UserOf(User), clock.GetCurrentInstant(), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(unseen.Select(r => new LiveReminder(r.Id, r.Title ?? "Reminder", r.Text ?? string.Empty, r.TelUri,
            r.ContactId is { } id ? $"/contacts/{id}#log-call" : "/today")));
    }

    /// <summary>Closed from the banner, or opened: it is not shown again.</summary>
    public async Task<IActionResult> OnPostSeenAsync(Guid id, string? open, CancellationToken cancellationToken)
    {
        await ReminderBook.SeenAsync(db, RingbackClaims.UserOf(User), id, clock.GetCurrentInstant(), cancellationToken);
        // Without script the banner's buttons are plain forms: go where the rep asked, on this site only.
        return open is { Length: > 0 } && Url.IsLocalUrl(open) ? LocalRedirect(open) : Request.Headers.Accept.ToString().Contains("json", StringComparison.Ordinal) ? new NoContentResult() : LocalRedirect("/today");
    }
}
