using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Ringback.Data;
using Ringback.Data.Accounts;

namespace Ringback.Accounts;

/// <summary>
/// The capability an endpoint or page handler needs (<see cref="RoleMatrix"/>). On a page model it covers every
/// handler; on a handler method it overrides the model's. Anything that names none needs <see cref="Capability.Work"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute(Capability capability) : Attribute
{
    public Capability Capability => capability;
}

/// <summary>Where roles are enforced: an authorization policy per capability for the API, a filter for pages, a check for rows.</summary>
public static class Capabilities
{
    public static string PolicyName(Capability capability) => "capability:" + capability;

    public static AuthorizationBuilder AddCapabilityPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var capability in Enum.GetValues<Capability>())
        {
            builder.AddPolicy(PolicyName(capability), p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => RoleMatrix.Allows(RingbackClaims.RoleOf(c.User), capability)));
        }

        return builder;
    }

    /// <summary>The endpoint (or every endpoint of a group) needs <paramref name="capability"/>; others answer 403.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Capability capability)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresAttribute(capability)).RequireAuthorization(PolicyName(capability));

    /// <summary>What a page handler needs: its own attribute, else its page model's, else <see cref="Capability.Work"/>.</summary>
    public static Capability Of(MethodInfo handler, Type model) =>
        handler.GetCustomAttribute<RequiresAttribute>()?.Capability ?? model.GetCustomAttribute<RequiresAttribute>()?.Capability ?? Capability.Work;

    /// <summary>Whether the signed-in person may change a record owned by <paramref name="ownerId"/> (<see cref="Permissions"/>).</summary>
    public static Task<bool> MayChangeAsync(this RingbackDbContext db, ClaimsPrincipal user, Guid? ownerId, CancellationToken cancellationToken = default) =>
        db.MayChangeAsync(RingbackClaims.RoleOf(user), RingbackClaims.UserOf(user), ownerId, cancellationToken);

    public static Task<bool> MayChangeContactAsync(this RingbackDbContext db, ClaimsPrincipal user, Guid contactId, CancellationToken cancellationToken = default) =>
        db.MayChangeContactAsync(RingbackClaims.RoleOf(user), RingbackClaims.UserOf(user), contactId, cancellationToken);

    public static Task<bool> MayChangeCallAsync(this RingbackDbContext db, ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default) =>
        db.MayChangeCallAsync(RingbackClaims.RoleOf(user), RingbackClaims.UserOf(user), callId, cancellationToken);

    /// <summary>The API's answer to a change of a teammate's record the caller may not make.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Forbidden(string what) =>
        TypedResults.Problem($"Only its rep, a manager or an owner may change this {what} (or any rep, if the owner allows it in Settings).",
            statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    /// <summary>Refuses a page handler the signed-in role may not run, with the 403 page.</summary>
    internal sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var anonymous = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!anonymous && context.HandlerMethod is { } handler
                && !RoleMatrix.Allows(RingbackClaims.RoleOf(context.HttpContext.User), Of(handler.MethodInfo, context.HandlerInstance.GetType())))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                return;
            }

            await next();
        }
    }
}
