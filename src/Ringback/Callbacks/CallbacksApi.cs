using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Calls;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Callbacks;

public sealed record CallbackRequest(string? From, string? To, Guid? ContactId, Guid? GatekeeperId, DateTimeOffset? StartedAt, int? DurationSeconds,
    bool? Answered, string? Notes, string? ExternalId);

public sealed record CreditResponse(Guid MessageCallId, Ringback.Calls.CallOutcome MessageKind, Ringback.Calls.Strategy? Strategy, int? Attempt,
    DateTimeOffset MessageLeftAt, long SecondsToCallback, string Description)
{
    public static CreditResponse From(Credit credit, DateTimeZone zone) => new(credit.MessageCallId, credit.MessageKind, credit.Strategy, credit.Attempt,
        credit.MessageLeftAt.ToDateTimeOffset(), (long)credit.After.TotalSeconds, credit.Describe(zone));
}

/// <summary>A call waiting in the inbox; from a shared line, with the contacts it may have been (latest message first).</summary>
public sealed record InboxItemResponse(Guid Id, string From, string? CallerName, string? To, DateTimeOffset StartedAt, int DurationSeconds, bool Answered,
    string Source, string Reason, IReadOnlyList<Guid> Candidates)
{
    public static InboxItemResponse Of(UnmatchedCall u, IReadOnlyList<Guid>? candidates = null) => new(u.Id, u.FromNumber, u.CallerName, u.ToNumber, u.StartedAt.ToDateTimeOffset(),
        u.DurationSeconds, u.Answered, u.Source, u.Reason, candidates ?? []);
}

/// <summary>
/// "logged" with the call (and its credit when it answered a message); "shared-line" when several contacts have the
/// number, with their ids as <see cref="Candidates"/> (latest message first) and the waiting item; "inbox" otherwise.
/// </summary>
public sealed record CaptureResponse(string Result, CallResponse? Call, MatchedBy? MatchedBy, CreditResponse? Credit, InboxItemResponse? Inbox,
    IReadOnlyList<Guid>? Candidates = null);

public sealed record AssignRequest(Guid? ContactId);

/// <summary>Callbacks over HTTP: capture, the unknown-number inbox, and the numbers that say what works.</summary>
public static class CallbacksApi
{
    public static void MapCallbacksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/callbacks", CaptureAsync).WithTags("Callbacks").WithName("CaptureCallback")
            .WithSummary("A call from a prospect: matched by number (or the contact given), logged, and credited to the message that earned it; an unknown number goes to the inbox");
        var inbox = routes.MapGroup("/inbox").WithTags("Callbacks");
        inbox.MapGet("/", InboxAsync).WithName("Inbox").WithSummary("Calls from numbers no single contact has, newest first");
        inbox.MapPost("/{id:guid}/contact", CreateContactAsync).WithName("InboxCreateContact").WithSummary("Make the caller a contact and log the call on them");
        inbox.MapPost("/{id:guid}/assign", AssignAsync).WithName("InboxAssign").WithSummary("The caller is this contact: log (and credit) the call there");
        inbox.MapDelete("/{id:guid}", DismissAsync).WithName("InboxDismiss");
        routes.MapGet("/stats", StatsAsync).WithTags("Stats").WithName("Stats")
            .WithSummary("Callback rate by strategy, attempt and local hour with 95% Wilson intervals; time to callback; connect and promise-keeping rates; per rep");
        routes.MapGet("/stats.csv", StatsCsvAsync).WithTags("Stats").WithName("StatsCsv").WithSummary("The same figures as one CSV table");
    }

    public static async Task<Results<Created<CaptureResponse>, Accepted<CaptureResponse>, Ok<CaptureResponse>, ValidationProblem>> CaptureAsync(
        CallbackRequest request, RingbackDbContext db, IClock clock, HttpContext http, IOptions<RingbackOptions> options, IOptions<PlannerOptions> planner,
        CancellationToken cancellationToken)
    {
        var captured = await Inbound.CaptureAsync(db, new InboundCall
        {
            From = request.From,
            To = request.To,
            ContactId = request.ContactId,
            GatekeeperId = request.GatekeeperId,
            UserId = RingbackClaims.UserOf(http.User),
            StartedAt = request.StartedAt is { } s ? Instant.FromDateTimeOffset(s) : null,
            DurationSeconds = request.DurationSeconds,
            Answered = request.Answered ?? true,
            Notes = request.Notes,
            Source = "api",
            ExternalId = request.ExternalId,
        }, options.Value.DefaultRegion, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        if (!captured.IsValid)
        {
            return TypedResults.ValidationProblem(captured.Errors.ToDictionary());
        }

        var response = await ResponseAsync(db, captured, RingbackClaims.UserOf(http.User), cancellationToken);
        if (captured.Duplicate)
        {
            return TypedResults.Ok(response);
        }

        return captured.Call is not null
            ? TypedResults.Created($"/api/v1/calls/{captured.Call.Id}", response)
            : TypedResults.Accepted($"/api/v1/inbox", response);
    }

    /// <summary>The call as the API shows it, with what it was credited to.</summary>
    public static async Task<CaptureResponse> ResponseAsync(RingbackDbContext db, CaptureResult captured, Guid me, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(captured);
        if (captured.Call is not { } call)
        {
            return captured.Candidates.Count > 1
                ? new CaptureResponse("shared-line", null, null, null, InboxItemResponse.Of(captured.Inbox!, captured.Candidates), captured.Candidates)
                : new CaptureResponse("inbox", null, null, null, InboxItemResponse.Of(captured.Inbox!));
        }

        var zone = await ZoneOfAsync(db, me, cancellationToken);
        var credit = await Credits.OfAsync(db, call, cancellationToken);
        return new CaptureResponse("logged", CallResponse.From((await CallLog.EntryAsync(db, call.Id, cancellationToken))!), captured.MatchedBy,
            credit is null ? null : CreditResponse.From(credit, zone), null);
    }

    private static async Task<DateTimeZone> ZoneOfAsync(RingbackDbContext db, Guid userId, CancellationToken cancellationToken) =>
        Ringback.Planner.Zones.OfPerson(await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken));

    public static async Task<Ok<List<InboxItemResponse>>> InboxAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        var waiting = await Inbox.WaitingAsync(db, cancellationToken);
        var candidates = await Inbox.CandidatesAsync(db, waiting, cancellationToken);
        return TypedResults.Ok(waiting.Select(u => InboxItemResponse.Of(u, candidates.TryGetValue(u.Id, out var c) ? [.. c.Select(x => x.ContactId)] : null)).ToList());
    }

    public static async Task<Results<Created<CaptureResponse>, NotFound, ValidationProblem>> CreateContactAsync(
        Guid id, RingbackDbContext db, IClock clock, HttpContext http, IOptions<RingbackOptions> options, IOptions<PlannerOptions> planner,
        CancellationToken cancellationToken)
    {
        var me = RingbackClaims.UserOf(http.User);
        var result = await Inbox.CreateContactAsync(db, id, me, options.Value.DefaultRegion, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        return await Resolved(db, result, me, cancellationToken);
    }

    public static async Task<Results<Created<CaptureResponse>, NotFound, ValidationProblem>> AssignAsync(
        Guid id, AssignRequest request, RingbackDbContext db, IClock clock, HttpContext http, IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        if (request.ContactId is not { } contactId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactId"] = ["is required"] });
        }

        var me = RingbackClaims.UserOf(http.User);
        var result = await Inbox.AssignAsync(db, id, contactId, me, clock.GetCurrentInstant(), planner.Value, cancellationToken);
        return await Resolved(db, result, me, cancellationToken);
    }

    private static async Task<Results<Created<CaptureResponse>, NotFound, ValidationProblem>> Resolved(RingbackDbContext db, CallLogResult? result, Guid me,
        CancellationToken cancellationToken)
    {
        if (result is null)
        {
            return TypedResults.NotFound();
        }

        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary());
        }

        var response = await ResponseAsync(db, new CaptureResult(result.Call, null, result.Errors, false, null), me, cancellationToken);
        return TypedResults.Created($"/api/v1/calls/{result.Call!.Id}", response);
    }

    public static async Task<Results<NoContent, NotFound>> DismissAsync(Guid id, RingbackDbContext db, IClock clock, CancellationToken cancellationToken) =>
        await Inbox.DismissAsync(db, id, clock.GetCurrentInstant(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<StatsResponse>, ValidationProblem>> StatsAsync(RingbackDbContext db, IClock clock, HttpContext http,
        IOptions<PlannerOptions> planner, string? from = null, string? to = null, string? rep = null, CancellationToken cancellationToken = default)
    {
        var (report, scope, errors) = await ReportAsync(db, clock, http, planner.Value, from, to, rep, cancellationToken);
        return report is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(StatsResponse.Of(report, scope!, planner.Value));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> StatsCsvAsync(RingbackDbContext db, IClock clock, HttpContext http,
        IOptions<PlannerOptions> planner, string? from = null, string? to = null, string? rep = null, CancellationToken cancellationToken = default)
    {
        var (report, scope, errors) = await ReportAsync(db, clock, http, planner.Value, from, to, rep, cancellationToken);
        return report is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ReportCsv.Write(report)), "text/csv; charset=utf-8",
                $"ringback-stats-{scope!.Period.First:yyyy-MM-dd}-{scope.Period.Last:yyyy-MM-dd}.csv");
    }

    private static async Task<(CallbackReport? Report, StatsScope? Scope, ValidationErrors Errors)> ReportAsync(RingbackDbContext db, IClock clock,
        HttpContext http, PlannerOptions planner, string? from, string? to, string? rep, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var errors = new ValidationErrors();
        var scope = await StatsScope.ResolveAsync(db, me, rep, from, to, now, errors, cancellationToken);
        return scope is null ? (null, null, errors) : (await CallbackStats.ReportAsync(db, scope.Query, now, planner, cancellationToken), scope, errors);
    }
}
