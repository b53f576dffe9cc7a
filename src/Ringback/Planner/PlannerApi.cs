using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Phones;
using Ringback.Scheduling;
using Ringback.Validation;

namespace Ringback.Planner;

/// <param name="ProspectZone">Their zone, "A to B" when their number allows several, or "unknown".</param>
/// <param name="ProspectLocalNow">Local time in the zone their times are read in (theirs, the middle of a range, or yours when theirs is unknown).</param>
/// <param name="ProspectLocalTime">Their time as shown: "Tue 14:05", a range "Tue 12:05–15:05", or null when their zone is unknown.</param>
/// <param name="ZoneExplanation">Where the zone came from, or which rule applies when it is not known.</param>
public sealed record QueueItemResponse(FollowUpKind Kind, Guid ContactId, string ContactName, string? Company, string? Phone, string? PhoneShown, DateTimeOffset DueAt,
    string Why, Strategy? Strategy, string Opener, string ProspectZone, IReadOnlyList<string> ProspectZones, bool ZoneKnown, bool ZoneInferred,
    string ZoneExplanation, string ProspectLocalNow, string? ProspectLocalTime, bool LawfulNow,
    DateTimeOffset? NextLawfulAt, string? BlockedBy, bool PhoneTag, string? PhoneTagAdvice)
{
    public static QueueItemResponse From(QueueItem i, string homeRegion) => new(i.Kind, i.ContactId, i.ContactName, i.Company, i.Phone,
        i.Phone is null ? null : PhoneFormat.Shown(i.Phone, homeRegion), i.DueAt.ToDateTimeOffset(), i.Why,
        i.Strategy, i.Opener, i.Place.Zone, i.Place.Zones, i.Place.Known, i.Place.Inferred, i.Place.Explanation,
        LocalDateTimePattern.GeneralIso.Format(i.ProspectLocalNow), i.Place.LocalNow, i.LawfulNow,
        i.NextLawfulAt?.ToDateTimeOffset(), i.BlockedBy, i.PhoneTag, i.PhoneTag ? Ringback.Planner.PhoneTag.Advice : null);
}

public sealed record QueueResponse(DateTimeOffset At, string RepZone, IReadOnlyList<string> Warnings, IReadOnlyList<QueueItemResponse> Items, int MoreDue);

public sealed record CadenceRequest(string? Name, string? Steps, int? MaxAttempts);

public sealed record CadenceResponse(Guid Id, string Name, string Steps, int MaxAttempts)
{
    public static CadenceResponse From(StoredCadence c) => new(c.Id, c.Name, c.Steps, c.MaxAttempts);
}

public sealed record EnrollRequest(IReadOnlyList<Guid>? ContactIds, bool KeepAfterEnd);

public sealed record EnrollResponse(int Enrolled, IReadOnlyList<Guid> NotFound);

public sealed record DoNotCallRequest(string? Reason);

public sealed record DncListRequest(string? Name, string? Kind, string? CopyDate, string? Numbers, bool SkipBadRows);

public sealed record DncListResponse(Guid Id, string Name, DoNotCallListKind Kind, string CopyDate, int Entries)
{
    public static DncListResponse From(DoNotCallList l) => new(l.Id, l.Name, l.Kind, LocalDatePattern.Iso.Format(l.CopyDate), l.Entries);
}

public sealed record CalendarResponse(string Url);

/// <param name="Zone">Their zone, "A to B" when their number allows several, or "unknown".</param>
/// <param name="Zones">Every zone they may be in; empty when it is not known.</param>
/// <param name="PlanningZone">The zone their local times are read in (theirs, the middle of a range, or yours when theirs is unknown).</param>
/// <param name="LocalTime">Their time now as shown: "Tue 14:05", a range, or null when their zone is unknown.</param>
public sealed record PlaceResponse(string Zone, IReadOnlyList<string> Zones, string PlanningZone, ZoneSource Source, bool Known, bool Inferred, string Explanation,
    string? LocalTime, string? Country, string? Subdivision, bool LawfulNow,
    DateTimeOffset? NextLawfulAt, string? BlockedBy, IReadOnlyList<string> Rules, bool OnDoNotCallList, bool PhoneTag, string? NoTimeReason,
    IReadOnlyList<string> TeammatesWhoCanCall);

/// <summary>The follow-up planner over HTTP: today's calls, cadences, do-not-call lists and the calendar feed.</summary>
public static class PlannerApi
{
    public static void MapPlannerApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/queue", QueueAsync).WithTags("Planner").WithName("Queue")
            .WithSummary("Today's calls in order: promises due, appointments, overdue expected callbacks, cadence steps, new contacts");
        routes.MapGet("/contacts/{contactId:guid}/place", PlaceAsync).WithTags("Planner").WithName("ContactPlace")
            .WithSummary("The contact's zone (and whether it is inferred), the calling-hours rules there, and whether a call is lawful now");
        routes.MapPost("/contacts/{contactId:guid}/do-not-call", DoNotCallAsync).WithTags("Planner").WithName("MarkDoNotCall")
            .WithSummary("They asked not to be called again: their numbers go on your organization's own list at once");
        routes.MapDelete("/contacts/{contactId:guid}/cadence", LeaveCadenceAsync).WithTags("Planner").WithName("LeaveCadence");

        var cadences = routes.MapGroup("/cadences").WithTags("Planner");
        cadences.MapGet("/", ListCadencesAsync).WithName("ListCadences");
        cadences.MapPost("/", AddCadenceAsync).WithName("AddCadence");
        cadences.MapPost("/{id:guid}/enroll", EnrollAsync).WithName("EnrollInCadence").WithSummary("Enrol one contact or many");

        var lists = routes.MapGroup("/dnc-lists").WithTags("Planner");
        lists.MapGet("/", ListDncAsync).WithName("ListDoNotCallLists");
        lists.MapPost("/", ImportDncAsync).WithName("ImportDoNotCallList").Requires(Capability.ManageDoNotCall)
            .WithSummary("One number per line or CSV; all or nothing, every bad line named, unless skipBadRows");

        routes.MapGet("/promises", PromisesAsync).WithTags("Planner").WithName("PromiseKeeping")
            .WithSummary("Promised calls kept (called within the tolerance) and missed, per rep, for promises due between from and to (default: the last 30 days)");
        routes.MapPost("/me/calendar", RenewCalendarAsync).WithTags("Planner").WithName("RenewCalendarFeed")
            .WithSummary("A new secret calendar URL for your promised calls and appointments; the previous URL stops working");
        routes.MapDelete("/me/calendar", RevokeCalendarAsync).WithTags("Planner").WithName("RevokeCalendarFeed");
    }

    /// <summary>The public feed: calendar apps cannot sign in, so the secret in the URL is the key.</summary>
    public static void MapCalendarFeed(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous().ExcludeFromDescription();

    public static async Task<Results<Ok<QueueResponse>, ValidationProblem>> QueueAsync(
        RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, IOptions<RingbackOptions> options, HttpContext http, string? at = null,
        CancellationToken cancellationToken = default)
    {
        var when = clock.GetCurrentInstant();
        if (at is not null)
        {
            if (Instants.Parse(at) is not { } parsed)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Instants.Why(at)] });
            }

            when = parsed;
        }

        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var today = await Today.ForAsync(db, me, when, planner.Value, cancellationToken);
        return TypedResults.Ok(new QueueResponse(when.ToDateTimeOffset(), today.RepZone.Id, today.Warnings, [.. today.Items.Select(i => QueueItemResponse.From(i, options.Value.DefaultRegion))], today.MoreDue));
    }

    public static async Task<Results<Ok<PlaceResponse>, NotFound>> PlaceAsync(
        Guid contactId, RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, HttpContext http, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Company).Include(c => c.Gatekeepers).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var now = clock.GetCurrentInstant();
        var place = Places.For(contact, me, planner.Value);
        var view = place.Describe(now);
        var callable = place.At(now);
        var listed = await DoNotCallRegister.ListedAsync(db, [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone], cancellationToken);
        var calls = await Plans.RecentCallsAsync(db, contactId, cancellationToken);
        return TypedResults.Ok(new PlaceResponse(view.Zone, view.Zones, place.Zone.Id, view.Source, view.Known, view.Inferred, view.Explanation,
            view.LocalNow, place.Place.Country, place.Place.Subdivision,
            callable.Now, callable.Next?.ToDateTimeOffset(), callable.Blocking?.Name,
            [.. place.Lawful.Select(w => $"{w.Name}: {w.Windows} ({w.Zone.Id})")], listed.Count > 0 || contact.Status == ContactStatus.DoNotCall,
            PhoneTag.IsTag(calls), callable.WhyNoTime, await Places.TeammatesWhoCanCallAsync(db, contact, me, planner.Value, now, cancellationToken)));
    }

    public static async Task<Results<NoContent, NotFound>> DoNotCallAsync(
        Guid contactId, DoNotCallRequest request, RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        await DoNotCallRegister.MarkAsync(db, contact, request.Reason, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound>> LeaveCadenceAsync(
        Guid contactId, RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, CancellationToken cancellationToken) =>
        await CadenceBook.LeaveAsync(db, contactId, clock.GetCurrentInstant(), planner.Value, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<List<CadenceResponse>>> ListCadencesAsync(RingbackDbContext db, IClock clock, CancellationToken cancellationToken) =>
        TypedResults.Ok((await CadenceBook.ListAsync(db, clock.GetCurrentInstant(), cancellationToken)).Select(CadenceResponse.From).ToList());

    public static async Task<Results<Created<CadenceResponse>, ValidationProblem>> AddCadenceAsync(
        CadenceRequest request, RingbackDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        var cadence = Cadence.Check(request.Name, request.Steps, request.MaxAttempts);
        if (!cadence.IsValid)
        {
            return TypedResults.ValidationProblem(cadence.Errors.ToDictionary());
        }

        var stored = await CadenceBook.AddAsync(db, cadence.Value!, clock.GetCurrentInstant(), cancellationToken);
        return TypedResults.Created($"/api/v1/cadences/{stored.Id}", CadenceResponse.From(stored));
    }

    public static async Task<Results<Ok<EnrollResponse>, NotFound, ValidationProblem>> EnrollAsync(
        Guid id, EnrollRequest request, RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.ContactIds is not { Count: > 0 } ids)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactIds"] = ["name at least one contact"] });
        }

        if (!await db.Cadences.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var result = await CadenceBook.EnrollAsync(db, id, ids, RingbackClaims.UserOf(http.User), request.KeepAfterEnd, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        return TypedResults.Ok(new EnrollResponse(result.Enrolled, result.NotFound));
    }

    public static async Task<Ok<List<DncListResponse>>> ListDncAsync(RingbackDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.DoNotCallLists.AsNoTracking().OrderByDescending(l => l.ImportedAt).ToListAsync(cancellationToken)).Select(DncListResponse.From).ToList());

    public static async Task<Results<Created<DncListResponse>, ValidationProblem>> ImportDncAsync(
        DncListRequest request, RingbackDbContext db, IClock clock, IOptions<RingbackOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = Field.Text(errors, "name", request.Name, 100, required: true);
        var kind = Field.Enum<DoNotCallListKind>(errors, "kind", request.Kind) ?? DoNotCallListKind.Registry;
        var copyDate = Dates.Day(request.CopyDate, "copyDate", errors);
        if (string.IsNullOrWhiteSpace(request.CopyDate))
        {
            errors.Add("copyDate", "is required: the day the copy was taken, like 2026-11-01");
        }

        if (string.IsNullOrWhiteSpace(request.Numbers))
        {
            errors.Add("numbers", "is required: one number per line, or CSV with the number first");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        using var reader = new StringReader(request.Numbers!);
        var result = await DoNotCallRegister.ImportAsync(db, reader, name!, kind, copyDate!.Value, options.Value.DefaultRegion, request.SkipBadRows, RingbackClaims.ActorOf(http.User), clock.GetCurrentInstant(), cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["numbers"] = [.. result.Errors.Prepend("nothing was imported:")] });
        }

        return TypedResults.Created($"/api/v1/dnc-lists/{result.List!.Id}", DncListResponse.From(result.List));
    }

    public static async Task<Results<Ok<List<RepPromises>>, ValidationProblem>> PromisesAsync(
        RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner, string? from = null, string? to = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var errors = new ValidationErrors();
        Instant Read(string field, string? text, Instant fallback)
        {
            if (text is null)
            {
                return fallback;
            }

            if (Instants.Parse(text) is { } parsed)
            {
                return parsed;
            }

            errors.Add(field, Instants.Why(text, "2026-11-01T00:00:00Z"));
            return fallback;
        }

        var start = Read("from", from, now - Duration.FromDays(30));
        var end = Read("to", to, now + Duration.FromMinutes(1));
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return TypedResults.Ok(await PromiseStats.ForAsync(db, start, end, now, planner.Value.Settings.PromiseTolerance, cancellationToken));
    }

    public static async Task<Ok<CalendarResponse>> RenewCalendarAsync(RingbackDbContext db, HttpContext http, IOptions<RingbackOptions> options, CancellationToken cancellationToken)
    {
        var token = await CalendarFeed.RenewAsync(db, RingbackClaims.UserOf(http.User), cancellationToken);
        return TypedResults.Ok(new CalendarResponse(CalendarFeed.Url(options.Value.BaseUrl(http.Request), token)));
    }

    public static async Task<NoContent> RevokeCalendarAsync(RingbackDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await CalendarFeed.RevokeAsync(db, RingbackClaims.UserOf(http.User), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> FeedAsync(string token, RingbackDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        var rep = await CalendarFeed.OwnerAsync(db, token, cancellationToken);
        if (rep is null)
        {
            return TypedResults.NotFound();
        }

        var text = await CalendarFeed.WriteAsync(db, rep, clock.GetCurrentInstant(), cancellationToken);
        return TypedResults.Text(text, "text/calendar; charset=utf-8", System.Text.Encoding.UTF8);
    }
}
