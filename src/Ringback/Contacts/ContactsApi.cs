using Ringback.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Validation;
using Ringback.Data.Contacts;

namespace Ringback.Contacts;

public static class ContactsApi
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapContactsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/contacts").WithTags("Contacts");
        group.MapGet("/", ListAsync).WithName("ListContacts").WithSummary("Search, filter, sort and page the contact book");
        group.MapPost("/", CreateAsync).WithName("CreateContact").WithSummary("Add a contact (idempotent when the request carries an id)");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetContact").WithSummary("A contact with its gatekeepers");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateContact").WithSummary("Replace a contact's fields");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteContact").WithSummary("Delete a contact, its gatekeepers and its calls");
        return group;
    }

    public static async Task<Results<Ok<Paged<ContactSummary>>, ValidationProblem>> ListAsync(
        RingbackDbContext db,
        IOptions<RingbackOptions> options,
        string? q = null,
        string? status = null,
        Guid? ownerId = null,
        string? industry = null,
        string? phone = null,
        string? sort = null,
        int page = 1,
        int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var statusValue = Field.Enum<ContactStatus>(errors, "status", status);
        var descending = sort?.StartsWith('-') == true;
        var sortValue = Field.Enum<ContactSort>(errors, "sort", sort?.TrimStart('-')) ?? ContactSort.Name;
        if (page < 1)
        {
            errors.Add("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var filter = new ContactFilter { Query = q, Status = statusValue, OwnerId = ownerId, Industry = industry, Phone = phone };
        var query = await db.Contacts.AsNoTracking().FilterForPageAsync(db, filter, options.Value.DefaultRegion, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Sort(sortValue, descending)
            .Page(page, pageSize, total)
            .Select(Summary)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<ContactSummary>(items.Select(Finish).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<ContactDetails>, NotFound>> GetAsync(Guid id, RingbackDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var details = await LoadDetailsAsync(db, id, cancellationToken);

        // Merged into another contact: its address answers with the one kept, as the page's leads there. Not a redirect:
        // HTTP clients drop the bearer token when they follow one.
        if (details is null && await Data.Contacts.ContactMerge.MergedIntoAsync(db, id, cancellationToken) is { } kept)
        {
            details = await LoadDetailsAsync(db, kept, cancellationToken);
            http.Response.Headers.ContentLocation = $"/api/v1/contacts/{kept}";
        }

        if (details is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = Versions.ETagOf(details.Version);
        return TypedResults.Ok(details);
    }

    public static async Task<Results<Created<ContactDetails>, Ok<ContactDetails>, ValidationProblem, Conflict<string>>> CreateAsync(
        ContactRequest request,
        RingbackDbContext db,
        IOptions<RingbackOptions> options,
        IClock clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (request.Id is { } requestedId)
        {
            // A retry of a request that already went through: answer as before, create nothing.
            if (await LoadDetailsAsync(db, requestedId, cancellationToken) is { } existing)
            {
                return TypedResults.Ok(existing);
            }

            if (await db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == requestedId, cancellationToken))
            {
                return TypedResults.Conflict("That id is already in use.");
            }
        }

        var now = clock.GetCurrentInstant();
        var contact = new Contact { Id = request.Id ?? Guid.CreateVersion7(), LastName = string.Empty, CreatedAt = now, OwnerId = Me(http) };
        var errors = await ApplyAsync(contact, request, db, options.Value.DefaultRegion, now, cancellationToken);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        var details = (await LoadDetailsAsync(db, contact.Id, cancellationToken))!;
        http.Response.Headers.ETag = Versions.ETagOf(details.Version);
        return TypedResults.Created($"/api/v1/contacts/{contact.Id}", details);
    }

    public static async Task<Results<Ok<ContactDetails>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id,
        ContactRequest request,
        RingbackDbContext db,
        IOptions<RingbackOptions> options,
        IOptions<Data.Planner.PlannerOptions> planner,
        IClock clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Versions.TryExpected(http.Request, out var expected))
        {
            return Versions.Stale("contact");
        }

        var now = clock.GetCurrentInstant();
        var outcome = await db.InTransactionAsync<Results<Ok<ContactDetails>, NotFound, ValidationProblem, ProblemHttpResult>>(async ct =>
        {
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (contact is null)
            {
                return TypedResults.NotFound();
            }

            if (expected is { } version && contact.Version != version)
            {
                return Versions.Stale("contact");
            }

            if (!await db.MayChangeAsync(http.User, contact.OwnerId, ct))
            {
                return Capabilities.Forbidden("contact");
            }

            if (request.OwnerId != contact.OwnerId && !RoleMatrix.Allows(RingbackClaims.RoleOf(http.User), Capability.Reassign)
                && !(contact.OwnerId is null && request.OwnerId == RingbackClaims.UserOf(http.User)))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["ownerId"] = ["only a manager or an owner may give a contact to another rep (you may take one nobody owns)"],
                });
            }

            var errors = await ApplyAsync(contact, request, db, options.Value.DefaultRegion, now, ct);
            if (!errors.IsEmpty)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }

            await db.SaveChangesAsync(ct);

            // A new zone, number or status moves the planned calls.
            await Data.Planner.Plans.ReplanAsync(db, id, now, planner.Value, ct);
            var details = (await LoadDetailsAsync(db, id, ct))!;
            http.Response.Headers.ETag = Versions.ETagOf(details.Version);
            return TypedResults.Ok(details);
        }, r => r.Result is Ok<ContactDetails>, cancellationToken);
        return outcome;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, RingbackDbContext db, IClock clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Versions.TryExpected(http.Request, out var expected))
        {
            return Versions.Stale("contact");
        }

        var found = await db.Contacts.Where(c => c.Id == id).Select(c => new { c.OwnerId, c.FirstName, c.LastName, c.Version }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        if (!await db.MayChangeAsync(http.User, found.OwnerId, cancellationToken))
        {
            return Capabilities.Forbidden("contact");
        }

        var deleted = await ContactRemoval.DeleteAsync(db, id, expected, RingbackClaims.ActorOf(http.User), $"{found.FirstName} {found.LastName}".Trim(), clock.GetCurrentInstant(), cancellationToken);
        return deleted ? TypedResults.NoContent() : Versions.Stale("contact");
    }

    private static async Task<ValidationErrors> ApplyAsync(Contact contact, ContactRequest request, RingbackDbContext db, string region, Instant now, CancellationToken cancellationToken)
    {
        var checkedFields = ContactRules.Check(request, region);
        var errors = checkedFields.Errors;

        // References must point into the caller's own organization; the query filter makes anything else invisible.
        if (request.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, cancellationToken))
        {
            errors.Add("ownerId", "is not a user of your organization");
        }

        if (request.ReferredByContactId is { } referrer)
        {
            if (referrer == contact.Id)
            {
                errors.Add("referredByContactId", "a contact cannot refer themselves");
            }
            else if (!await db.Contacts.AnyAsync(c => c.Id == referrer, cancellationToken))
            {
                errors.Add("referredByContactId", "is not a contact in your contact book");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        await db.ApplyAsync(contact, checkedFields.Value!, now, cancellationToken);
        contact.OwnerId = request.OwnerId ?? contact.OwnerId;
        contact.ReferredByContactId = request.ReferredByContactId;
        return errors;
    }

    internal static async Task<ContactDetails?> LoadDetailsAsync(RingbackDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Company).Include(c => c.Gatekeepers)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return null;
        }

        var summary = Finish(SummaryOf(contact));
        return new ContactDetails(summary, contact.ReferredByContactId, contact.ReferredByName, contact.ReferralNote, contact.Notes,
            contact.CreatedAt.ToOffset(), contact.Gatekeepers.OrderBy(g => g.Name).Select(GatekeeperResponse.From).ToList(), contact.Version);
    }

    private static Guid? Me(HttpContext http) => http.User.Identity?.IsAuthenticated == true ? Accounts.RingbackClaims.UserOf(http.User) : null;

    private static readonly System.Linq.Expressions.Expression<Func<Contact, ContactSummary>> Summary = c => new ContactSummary(
        c.Id, c.Salutation, c.FirstName, c.LastName, string.Empty, c.Title, c.Company == null ? null : c.Company.Name, c.Industry,
        c.DirectPhone, c.DirectExtension, c.MobilePhone, c.AfterHoursPhone, c.Email, c.TimeZone, c.OwnerId, c.Status,
        c.UpdatedAt.ToDateTimeOffset());

    private static readonly Func<Contact, ContactSummary> SummaryOf = Summary.Compile();

    private static ContactSummary Finish(ContactSummary s) =>
        s with { DisplayName = string.Join(' ', new[] { s.FirstName, s.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : s.Company ?? "(no name)" };
}
