using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Microsoft.Extensions.Options;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Data.Planner;
using Ringback.Data.Calls;

namespace Ringback.Calls;

/// <summary>The call log: every attempt and what came of it.</summary>
public static class CallsApi
{
    public const int MaxTimeline = 500;

    public static void MapCallsApi(this IEndpointRouteBuilder routes)
    {
        var byContact = routes.MapGroup("/contacts/{contactId:guid}").WithTags("Calls");
        byContact.MapPost("/calls", LogAsync).WithName("LogCall")
            .WithSummary("Log a call to or from a contact (idempotent when the request carries an id)");
        byContact.MapGet("/timeline", TimelineAsync).WithName("ContactTimeline").WithSummary("A contact's calls, newest first");
        routes.MapGet("/calls/{id:guid}", GetAsync).WithTags("Calls").WithName("GetCall");
    }

    public static async Task<Results<Created<CallResponse>, Ok<CallResponse>, NotFound, ValidationProblem>> LogAsync(
        Guid contactId, CallRequest request, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, IOptions<RingbackOptions> options,
        CancellationToken cancellationToken)
    {
        var result = await CallLog.LogAsync(db, contactId, RingbackClaims.UserOf(http.User), request, request.Id, clock.GetCurrentInstant(), cancellationToken,
            planner.Value, options.Value.DefaultRegion);
        if (result.ContactMissing)
        {
            return TypedResults.NotFound();
        }

        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary());
        }

        var response = CallResponse.From((await CallLog.EntryAsync(db, result.Call!.Id, cancellationToken))!);
        return result.Created ? TypedResults.Created($"/api/v1/calls/{response.Id}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<List<CallResponse>>, NotFound>> TimelineAsync(
        Guid contactId, RingbackDbContext db, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await CallLog.Timeline(db, contactId).Take(Math.Clamp(limit, 1, MaxTimeline)).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(CallResponse.From).ToList());
    }

    public static async Task<Results<Ok<CallResponse>, NotFound>> GetAsync(Guid id, RingbackDbContext db, CancellationToken cancellationToken) =>
        await CallLog.EntryAsync(db, id, cancellationToken) is { } entry ? TypedResults.Ok(CallResponse.From(entry)) : TypedResults.NotFound();
}
