using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Hosting;
using Ringback.Validation;

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

    public static async Task<Results<Created<ContactDetails>, Ok<ContactDetails>, ValidationProblem, Conflict<string>, ProblemHttpResult>> CreateAsync(
        ContactRequest request,
        RingbackDbContext db,
        IOptions<RingbackOptions> options,
        IOptions<Data.Planner.PlannerOptions> planner,
        IClock clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var added = await ContactBook.AddAsync(db, RingbackClaims.EditorOf(http.User), request.Id, Write(request), clock.GetCurrentInstant(),
            options.Value.DefaultRegion, planner.Value, cancellationToken);
        if (added.Repeated && added.Contact is null)
        {
            return TypedResults.Conflict("That id is already in use.");
        }

        if (added.Duplicate is { } same)
        {
            return TypedResults.Problem($"{same.Name}{(same.Company is null ? "" : $" at {same.Company}")} is already in your contact book ({same.Why}): " +
                $"open /api/v1/contacts/{same.ContactId}, or send \"addAnyway\": true to add this contact as well.",
                statusCode: StatusCodes.Status409Conflict, title: "Likely the same person");
        }

        if (!added.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(added.Errors.ToDictionary());
        }

        var details = (await LoadDetailsAsync(db, added.Contact!.Id, cancellationToken))!;
        http.Response.Headers.ETag = Versions.ETagOf(details.Version);
        return added.Repeated ? TypedResults.Ok(details) : TypedResults.Created($"/api/v1/contacts/{details.Contact.Id}", details);
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

        var changed = await ContactBook.ChangeAsync(db, RingbackClaims.EditorOf(http.User), id, Write(request) with { ExpectedVersion = expected, ReplacesOwner = true },
            clock.GetCurrentInstant(), options.Value.DefaultRegion, planner.Value, cancellationToken);
        if (changed.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (changed.Stale)
        {
            return Versions.Stale("contact");
        }

        if (changed.Forbidden)
        {
            return Capabilities.Forbidden("contact");
        }

        if (!changed.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(changed.Errors.ToDictionary());
        }

        var details = (await LoadDetailsAsync(db, id, cancellationToken))!;
        http.Response.Headers.ETag = Versions.ETagOf(details.Version);
        return TypedResults.Ok(details);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, RingbackDbContext db, IClock clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Versions.TryExpected(http.Request, out var expected))
        {
            return Versions.Stale("contact");
        }

        var deleted = await ContactBook.DeleteAsync(db, RingbackClaims.EditorOf(http.User), id, expected, clock.GetCurrentInstant(), cancellationToken);
        return deleted switch
        {
            { NotFound: true } => TypedResults.NotFound(),
            { Forbidden: true } => Capabilities.Forbidden("contact"),
            { Stale: true } => Versions.Stale("contact"),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>A PUT replaces every field, the referrer too; an owner left out stays (a new contact: the caller's).</summary>
    private static ContactWrite Write(ContactRequest request) => new(request)
    {
        OwnerId = request.OwnerId,
        ReferredByContactId = request.ReferredByContactId,
        SetsReferrer = true,
        AddAnyway = request.AddAnyway,
    };

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

    private static readonly System.Linq.Expressions.Expression<Func<Contact, ContactSummary>> Summary = c => new ContactSummary(
        c.Id, c.Salutation, c.FirstName, c.LastName, string.Empty, c.Title, c.Company == null ? null : c.Company.Name, c.Industry,
        c.DirectPhone, c.DirectExtension, c.MobilePhone, c.AfterHoursPhone, c.Email, c.TimeZone, c.OwnerId, c.Status,
        c.UpdatedAt.ToDateTimeOffset());

    private static readonly Func<Contact, ContactSummary> SummaryOf = Summary.Compile();

    private static ContactSummary Finish(ContactSummary s) =>
        s with { DisplayName = string.Join(' ', new[] { s.FirstName, s.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : s.Company ?? "(no name)" };
}
