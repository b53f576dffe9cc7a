using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Planner;
using Ringback.Hosting;

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
        var calls = routes.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("/{id:guid}", GetAsync).WithName("GetCall").WithSummary("One call; its ETag is its version");
        calls.MapPut("/{id:guid}", CorrectAsync).WithName("CorrectCall")
            .WithSummary("Correct a logged call: attempts, credits, status and plan are rewritten as if it had been logged so (If-Match honoured)");
        calls.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCall")
            .WithSummary("Delete a call: it no longer counts, and can be restored (If-Match honoured)");
        calls.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreCall").WithSummary("Restore a deleted call");
        byContact.MapGet("/calls/deleted", DeletedAsync).WithName("DeletedCalls")
            .WithSummary("A contact's calls deleted in the last 30 days, which can be restored");
    }

    public static async Task<Results<Created<CallResponse>, Ok<CallResponse>, NotFound, ValidationProblem>> LogAsync(
        Guid contactId, CallRequest request, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, IOptions<RingbackOptions> options,
        CancellationToken cancellationToken)
    {
        var result = await CallLog.LogAsync(db, contactId, RingbackClaims.UserOf(http.User), request, request.Id, clock.GetCurrentInstant(), cancellationToken,
            planner.Value, options.Value.DefaultRegion);
        if (result.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary());
        }

        // A call just logged is answered from memory: the caller made it, and the log knows who answered.
        var response = result.Created
            ? Respond(new TimelineEntry { Call = result.Call!, RepName = RingbackClaims.ActorOf(http.User).Name, AnsweredByName = result.AnsweredByName }, http)
            : await ResponseAsync(db, result.Call!, http, cancellationToken);
        response = response with { Notices = result.Notes.Count > 0 ? result.Notes : null };
        return result.Created ? TypedResults.Created($"/api/v1/calls/{response.Id}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<CallResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        Guid id, CallDraft request, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, IOptions<RingbackOptions> options,
        CancellationToken cancellationToken)
    {
        if (!Versions.TryExpected(http.Request, out var expected))
        {
            return Versions.Stale("call");
        }

        if (!await db.MayChangeCallAsync(http.User, id, cancellationToken))
        {
            return Capabilities.Forbidden("call");
        }

        var result = await CallLog.CorrectAsync(db, id, RingbackClaims.UserOf(http.User), request, expected, clock.GetCurrentInstant(), cancellationToken,
            planner.Value, options.Value.DefaultRegion);
        if (result.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (result.Stale)
        {
            return Versions.Stale("call");
        }

        return result.IsValid
            ? TypedResults.Ok(await ResponseAsync(db, result.Call!, http, cancellationToken))
            : TypedResults.ValidationProblem(result.Errors.ToDictionary());
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        if (!Versions.TryExpected(http.Request, out var expected))
        {
            return Versions.Stale("call");
        }

        if (!await db.MayChangeCallAsync(http.User, id, cancellationToken))
        {
            return Capabilities.Forbidden("call");
        }

        var result = await CallLog.DeleteAsync(db, id, RingbackClaims.UserOf(http.User), expected, clock.GetCurrentInstant(), cancellationToken, planner.Value);
        return result.NotFound ? TypedResults.NotFound() : result.Stale ? Versions.Stale("call") : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CallResponse>, NotFound, ProblemHttpResult>> RestoreAsync(
        Guid id, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        if (!await db.MayChangeCallAsync(http.User, id, cancellationToken))
        {
            return Capabilities.Forbidden("call");
        }

        var result = await CallLog.RestoreAsync(db, id, clock.GetCurrentInstant(), cancellationToken, planner.Value);
        return result.NotFound ? TypedResults.NotFound() : TypedResults.Ok(await ResponseAsync(db, result.Call!, http, cancellationToken));
    }

    public static async Task<Results<Ok<List<DeletedCallResponse>>, NotFound>> DeletedAsync(
        Guid contactId, RingbackDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await CallLog.Deleted(db, contactId, clock.GetCurrentInstant()).Take(MaxTimeline).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(e => new DeletedCallResponse(CallResponse.From(new TimelineEntry { Call = e.Call }), e.Call.DeletedAt!.Value.ToOffset(),
            e.Call.DeletedByUserId, e.DeletedByName)).ToList());
    }

    /// <summary>The call as the timeline shows it, with its version as the ETag.</summary>
    private static async Task<CallResponse> ResponseAsync(RingbackDbContext db, Call call, HttpContext http, CancellationToken cancellationToken)
    {
        return Respond((await CallLog.EntryAsync(db, call.Id, cancellationToken))!, http);
    }

    private static CallResponse Respond(TimelineEntry entry, HttpContext http)
    {
        Versions.Tag(http, entry.Call);
        return CallResponse.From(entry);
    }

    /// <summary>A page of the timeline: <paramref name="limit"/> calls from the <paramref name="offset"/>-th newest.</summary>
    public static async Task<Results<Ok<List<CallResponse>>, NotFound>> TimelineAsync(
        Guid contactId, RingbackDbContext db, int limit = 100, int offset = 0, CancellationToken cancellationToken = default)
    {
        var entries = await CallLog.Timeline(db, contactId).Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, MaxTimeline))
            .Select(CallResponse.Projection).ToListAsync(cancellationToken);
        // Calls are found only for a contact of the organization, so an empty page is the one case that needs asking.
        if (entries.Count == 0 && !await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(entries);
    }

    public static async Task<Results<Ok<CallResponse>, NotFound>> GetAsync(Guid id, RingbackDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CallLog.EntryAsync(db, id, cancellationToken) is not { } entry)
        {
            return TypedResults.NotFound();
        }

        Versions.Tag(http, entry.Call);
        return TypedResults.Ok(CallResponse.From(entry));
    }
}
