using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Contacts;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Pages.Contacts;

public sealed record ContactResults(IReadOnlyList<ContactSummary> Items, int Page, int Total, int PageSize, Func<int, string> PageUrl)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The contact book: search as you type, filters, sort and paging over the same query the API uses.</summary>
public sealed class IndexModel(RingbackDbContext db, IOptions<RingbackOptions> options, IOptions<Data.Planner.PlannerOptions> planner, NodaTime.IClock clock) : PageModel
{
    private const int PageSize = 50;

    /// <summary>The most contacts one bulk enrolment takes, so a click cannot start an hour of work.</summary>
    public const int MaxBulkEnroll = 2000;

    public static readonly IReadOnlyList<KeyValuePair<string, string>> SortChoices =
    [
        new("name", "Name"), new("company", "Company"), new("-updated", "Recently updated"), new("-created", "Recently added"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>
    /// "?page=" read from the query string itself: Razor Pages keeps the page's own name in the route value "page",
    /// which model binding reads first, so a bound "page" was always 1 and the list never left its first page.
    /// </summary>
    public int PageNumber => int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) ? page : 1;

    public ContactResults Results { get; private set; } = null!;

    public List<KeyValuePair<string, string>> OwnerChoices { get; private set; } = [];

    public List<string> Industries { get; private set; } = [];

    public List<KeyValuePair<string, string>> CadenceChoices { get; private set; } = [];

    [BindProperty]
    public Guid? CadenceId { get; set; }

    [BindProperty]
    public bool KeepAfterEnd { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await SearchAsync(cancellationToken);
        OwnerChoices = [new(string.Empty, "Anyone"), .. (await db.Users.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken))
            .Select(u => new KeyValuePair<string, string>(u.Id.ToString(), u.Name))];
        Industries = await db.ReferenceClients.AsNoTracking().Select(r => r.Industry).Distinct().OrderBy(i => i).ToListAsync(cancellationToken);
        CadenceChoices = [.. (await Data.Planner.CadenceBook.ListAsync(db, clock.GetCurrentInstant(), cancellationToken)).Select(c => new KeyValuePair<string, string>(c.Id.ToString(), c.Name))];
        ActiveReps = [.. (await db.Users.AsNoTracking().Where(u => u.DeactivatedAt == null).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken))
            .Select(u => new KeyValuePair<string, string>(u.Id.ToString(), u.Name))];
    }

    /// <summary>Enrols every contact the current filters match (posted to the page's own URL, filters and all) in a cadence.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var cadence = CadenceId is { } id ? await db.Cadences.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (cadence is null)
        {
            Notice = "Choose a cadence.";
            return Redirect(PageUrl(1));
        }

        var ids = await db.Contacts.AsNoTracking().Filter(db, Filter(), options.Value.DefaultRegion)
            .Where(c => c.Status != ContactStatus.DoNotCall && c.Status != ContactStatus.MovedOn)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(MaxBulkEnroll + 1).ToListAsync(cancellationToken);
        if (ids.Count > MaxBulkEnroll)
        {
            Notice = $"More than {MaxBulkEnroll} contacts match; narrow the filters first.";
            return Redirect(PageUrl(1));
        }

        var result = await Data.Planner.CadenceBook.EnrollAsync(db, cadence.Id, ids, RingbackClaims.UserOf(User), KeepAfterEnd, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        Notice = $"Enrolled {result.Enrolled} contacts in {cadence.Name}.";
        return Redirect(PageUrl(1));
    }

    /// <summary>Gives every contact the current filters match to another rep, with what their calls owe (managers and owners).</summary>
    [Requires(Capability.Reassign)]
    public async Task<IActionResult> OnPostReassignAsync(Guid to, CancellationToken cancellationToken)
    {
        var target = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == to && u.DeactivatedAt == null, cancellationToken);
        if (target is null)
        {
            Notice = "Choose an active teammate to give the contacts to.";
            return Redirect(PageUrl(1));
        }

        var ids = await db.Contacts.AsNoTracking().Filter(db, Filter(), options.Value.DefaultRegion)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(MaxBulkEnroll + 1).ToListAsync(cancellationToken);
        if (ids.Count > MaxBulkEnroll)
        {
            Notice = $"More than {MaxBulkEnroll} contacts match; narrow the filters first, or give a rep's whole book from Team.";
            return Redirect(PageUrl(1));
        }

        var result = await Reassignment.ReassignAsync(db, ids, null, target.Id, RingbackClaims.ActorOf(User), clock.GetCurrentInstant(), planner.Value, cancellationToken);
        Notice = $"{target.Name} now has these {result.Contacts} contacts, with their promises, cadences and reminders.";
        return Redirect(PageUrl(1));
    }

    /// <summary>Who contacts can be given to: the active teammates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ActiveReps { get; private set; } = [];

    private ContactFilter Filter() => new()
    {
        Query = Q,
        Status = EnumText.TryParse<ContactStatus>(Status, out var parsedStatus) ? parsedStatus : null,
        OwnerId = Owner,
        Industry = Industry,
    };

    /// <summary>Just the result rows, for search as you type.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken) =>
        Partial("_ContactRows", await SearchAsync(cancellationToken));

    private async Task<ContactResults> SearchAsync(CancellationToken cancellationToken)
    {
        var page = Math.Max(1, PageNumber);
        // Unknown filter values from a hand-edited URL are ignored rather than refused: this is a page, not the API.
        var descending = Sort?.StartsWith('-') == true;
        var sort = EnumText.TryParse<ContactSort>(Sort?.TrimStart('-'), out var parsedSort) ? parsedSort : ContactSort.Name;
        var query = await db.Contacts.AsNoTracking().FilterForPageAsync(db, Filter(), options.Value.DefaultRegion, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Sort(sort, descending).Page(page, PageSize, total)
            .Select(c => new ContactSummary(c.Id, c.Salutation, c.FirstName, c.LastName,
                c.FirstName == null ? c.LastName : c.LastName == "" ? c.FirstName : c.FirstName + " " + c.LastName, c.Title, c.Company == null ? null : c.Company.Name,
                c.Industry, c.DirectPhone, c.DirectExtension, c.MobilePhone, c.AfterHoursPhone, c.Email, c.TimeZone, c.OwnerId, c.Status, default))
            .ToListAsync(cancellationToken);
        return new ContactResults(items, page, total, PageSize, PageUrl);
    }

    private string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["status"] = Status, ["owner"] = Owner?.ToString(), ["industry"] = Industry, ["sort"] = Sort, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent() is var qs ? "/contacts" + qs : "/contacts";
}
