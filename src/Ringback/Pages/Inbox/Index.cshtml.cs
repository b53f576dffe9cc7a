using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Data.Planner;
using Ringback.Hosting;

namespace Ringback.Pages.Inbox;

/// <summary>Calls from numbers Ringback could not put to one contact, until a rep makes each a contact, files it, or dismisses it.</summary>
public sealed class IndexModel(RingbackDbContext db, IClock clock, IOptions<RingbackOptions> options, IOptions<PlannerOptions> planner) : PageModel
{
    public const int MaxMatches = 8;

    public List<Ringback.Callbacks.UnmatchedCall> Waiting { get; private set; } = [];

    /// <summary>For a call from a shared line, the contacts it may have been, the one left a message last first.</summary>
    public Dictionary<Guid, List<Data.Callbacks.InboxCandidate>> Candidates { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    [TempData]
    public string? Notice { get; set; }

    /// <summary>For the item a rep tried to file: what their words found, or why nothing.</summary>
    public Guid? FilingItem { get; private set; }

    public string? FilingProblem { get; private set; }

    public List<Contact> FilingMatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await Data.Callbacks.Inbox.CreateContactAsync(db, id, RingbackClaims.UserOf(User), options.Value.DefaultRegion, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        if (result is not { IsValid: true })
        {
            Notice = result is null ? "That call was already dealt with." : $"Could not log it: {result.Errors}";
            return RedirectToPage();
        }

        return Redirect($"/contacts/{result.Call!.ContactId}/edit");
    }

    /// <summary>Files the call under the contact the rep names (by name or number); several matches are offered to pick from.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id, string? who, Guid? contactId, CancellationToken cancellationToken)
    {
        if (contactId is null)
        {
            var matches = string.IsNullOrWhiteSpace(who)
                ? []
                : await db.Contacts.AsNoTracking().Filter(db, new ContactFilter { Query = who }, options.Value.DefaultRegion).Take(MaxMatches + 1).ToListAsync(cancellationToken);
            if (matches.Count != 1)
            {
                FilingItem = id;
                FilingProblem = string.IsNullOrWhiteSpace(who) ? "Type the contact's name or number."
                    : matches.Count == 0 ? $"No contact matches “{who}”."
                    : $"{(matches.Count > MaxMatches ? $"More than {MaxMatches}" : matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} contacts match “{who}”: pick one, or type more.";
                FilingMatches = [.. matches.Take(MaxMatches)];
                await LoadAsync(cancellationToken);
                return Page();
            }

            contactId = matches[0].Id;
        }

        var result = await Data.Callbacks.Inbox.AssignAsync(db, id, contactId.Value, RingbackClaims.UserOf(User), clock.GetCurrentInstant(), planner.Value, cancellationToken);
        if (result is not { IsValid: true })
        {
            Notice = result is null ? "That call was already dealt with." : $"Could not log it: {result.Errors}";
            return RedirectToPage();
        }

        return Redirect($"/contacts/{contactId}");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = await Data.Callbacks.Inbox.DismissAsync(db, id, clock.GetCurrentInstant(), cancellationToken) ? "Dismissed." : "That call was already dealt with.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Zone = me.Zone;
        Waiting = await Data.Callbacks.Inbox.WaitingAsync(db, cancellationToken);
        Candidates = await Data.Callbacks.Inbox.CandidatesAsync(db, Waiting, cancellationToken);
    }
}
