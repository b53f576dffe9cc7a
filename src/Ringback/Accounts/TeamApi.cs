using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;
using Ringback.Scheduling;

namespace Ringback.Accounts;

public sealed record MemberResponse(Guid Id, string Name, string Email, UserRole Role, string? Team, bool Active);

public sealed record InviteRequest(string? Email, string? Role);

/// <summary>The link is given only when no mail went: then the caller passes it on.</summary>
public sealed record InvitationResponse(Guid Id, string Email, UserRole Role, Instant ExpiresAt, bool Mailed, string? Link, string? MailProblem);

public sealed record RoleRequest(string? Role);

public sealed record ReassignRequest(Guid? From, IReadOnlyList<Guid>? ContactIds, Guid To);

public sealed record AuditResponse(Instant At, string Actor, string Action, string Subject, string? Details);

/// <summary>The team over the API: who is in it, invitations, roles, leaving, reassigning, the manager's view, the audit log.</summary>
public static class TeamApi
{
    public static void MapTeamApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/users").WithTags("Team");
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Everyone in your organization, with their role and team");
        users.MapPut("/{id:guid}/role", RoleAsync).WithName("ChangeRole").Requires(Capability.ManageRoles);
        users.MapPost("/{id:guid}/deactivate", DeactivateAsync).WithName("DeactivateUser").Requires(Capability.ManageReps)
            .WithSummary("They can no longer sign in; sessions end and API tokens are refused at once; their data stays");
        users.MapPost("/{id:guid}/reactivate", ReactivateAsync).WithName("ReactivateUser").Requires(Capability.ManageReps);
        var invitations = routes.MapGroup("/invitations").WithTags("Team").Requires(Capability.ManageReps);
        invitations.MapPost("/", InviteAsync).WithName("Invite").WithSummary("Invite by email: a single-use link, valid 7 days (returned when no mail went)");
        invitations.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeInvitation");
        routes.MapPost("/reassign", ReassignAsync).WithTags("Team").WithName("Reassign").Requires(Capability.Reassign)
            .WithSummary("Give contacts (some by id, or all of one rep's) to another rep, with their promises, cadences and reminders");
        routes.MapGet("/team/activity", ActivityAsync).WithTags("Team").WithName("TeamActivity").Requires(Capability.TeamView)
            .WithSummary("Per rep: due today, overdue, promises kept and missed, messages, callbacks, phone tag, last call");
        routes.MapGet("/audit", AuditAsync).WithTags("Team").WithName("AuditLog").Requires(Capability.AuditLog);
    }

    public static async Task<Ok<List<MemberResponse>>> ListAsync(RingbackDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new MemberResponse(u.Id, u.Name, u.Email, u.Role, u.Team, u.DeactivatedAt == null)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<InvitationResponse>, ValidationProblem>> InviteAsync(InviteRequest request, Invitations invitations, RingbackDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var me = await MeAsync(db, http, cancellationToken);
        var (sent, errors) = await invitations.InviteAsync(me, request.Email, request.Role, cancellationToken);
        if (sent is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var i = sent.Invitation;
        return TypedResults.Created($"/api/v1/invitations/{i.Id}", new InvitationResponse(i.Id, i.Email, i.Role, i.ExpiresAt, sent.Mailed, sent.Mailed ? null : sent.Link, sent.MailProblem));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, Invitations invitations, RingbackDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        await invitations.RevokeAsync(await MeAsync(db, http, cancellationToken), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<NoContent, ValidationProblem>> RoleAsync(Guid id, RoleRequest request, Membership membership, RingbackDbContext db, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = await membership.ChangeRoleAsync(await MeAsync(db, http, cancellationToken), id, request.Role, cancellationToken);
        return errors.IsEmpty ? TypedResults.NoContent() : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeactivateAsync(Guid id, Membership membership, RingbackDbContext db, HttpContext http,
        CancellationToken cancellationToken) =>
        await membership.DeactivateAsync(await MeAsync(db, http, cancellationToken), id, cancellationToken) is { } problem
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict) : TypedResults.NoContent();

    public static async Task<Results<NoContent, ProblemHttpResult>> ReactivateAsync(Guid id, Membership membership, RingbackDbContext db, HttpContext http,
        CancellationToken cancellationToken) =>
        await membership.ReactivateAsync(await MeAsync(db, http, cancellationToken), id, cancellationToken) is { } problem
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict) : TypedResults.NoContent();

    public static async Task<Results<Ok<ReassignResult>, ValidationProblem>> ReassignAsync(ReassignRequest request, RingbackDbContext db, HttpContext http, IClock clock,
        IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        var errors = new Validation.ValidationErrors();
        if (request.From is null == (request.ContactIds is null or { Count: 0 }))
        {
            errors.Add("from", "say whose contacts (from) or which (contactIds), not both");
        }

        if (!await db.Users.AnyAsync(u => u.Id == request.To && u.DeactivatedAt == null, cancellationToken))
        {
            errors.Add("to", "is not an active member of your organization");
        }

        if (request.From is { } from && !await db.Users.AnyAsync(u => u.Id == from, cancellationToken))
        {
            errors.Add("from", "is not a member of your organization");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return TypedResults.Ok(await Reassignment.ReassignAsync(db, request.From is null ? request.ContactIds : null, request.From, request.To,
            RingbackClaims.ActorOf(http.User), clock.GetCurrentInstant(), planner.Value, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<RepActivity>>, ValidationProblem>> ActivityAsync(RingbackDbContext db, IClock clock, IOptions<PlannerOptions> planner,
        string? from = null, string? to = null, string? team = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var errors = new Validation.ValidationErrors();
        var start = from is null ? now - Duration.FromDays(30) : Instants.Parse(from);
        var end = to is null ? now : Instants.Parse(to);
        if (start is null)
        {
            errors.Add("from", Instants.Why(from, "2026-11-01T00:00:00Z"));
        }

        if (end is null)
        {
            errors.Add("to", Instants.Why(to, "2026-11-30T00:00:00Z"));
        }

        return errors.IsEmpty
            // The period's days are read in UTC: the API has no reader's zone, and the tallies count whole days.
            ? TypedResults.Ok(await TeamActivity.ForAsync(db, now, start!.Value.InUtc().Date, (end!.Value - Duration.Epsilon).InUtc().Date, team, planner.Value, cancellationToken))
            : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    public static async Task<Ok<List<AuditResponse>>> AuditAsync(RingbackDbContext db, string? action = null, int limit = 200, CancellationToken cancellationToken = default) =>
        TypedResults.Ok((await AuditLog.ReadAsync(db, action, Math.Clamp(limit, 1, 1000), cancellationToken))
            .Select(e => new AuditResponse(e.At, e.ActorName, e.Action, e.Subject, e.Details)).ToList());

    private static Task<User> MeAsync(RingbackDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
}
