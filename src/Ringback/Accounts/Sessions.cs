using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;

namespace Ringback.Accounts;

/// <summary>
/// Signed-in browsers, kept on the server: a cookie names its session, and a session that was ended (sign-out, a new
/// password, "sign out everywhere", deactivation) refuses its cookie on the next request, on every server.
/// </summary>
public sealed class Sessions(RingbackDbContext db, IClock clock)
{
    /// <summary>How stale "last seen" may get before a request writes it again: a write per page view is not worth it.</summary>
    private static readonly Duration SeenGranularity = Duration.FromMinutes(5);

    /// <summary>Opens a session for <paramref name="user"/> and gives this browser its cookie.</summary>
    public async Task SignInAsync(HttpContext http, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetCurrentInstant();
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = user.OrganizationId,
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            RingbackClaims.For(user, CookieAuthenticationDefaults.AuthenticationScheme, session.Id),
            new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Ends this browser's session and removes its cookie.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (RingbackClaims.SessionOf(http.User) is { } id)
        {
            var now = clock.GetCurrentInstant();
            await db.Sessions.IgnoreQueryFilters().Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every open session of the user, but <paramref name="except"/>; returns how many ended.</summary>
    public Task<int> EndAllAsync(Guid userId, Guid? except = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        return db.Sessions.IgnoreQueryFilters().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    /// <summary>The user's open sessions, the one in use most recently first.</summary>
    public Task<List<UserSession>> OpenAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null).OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);

    /// <summary>Ends one of the user's sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        return await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// The cookie handler's check on every request: the session is open and its user active; the principal is rebuilt
    /// from the user as stored, so a new role or name applies at once.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<RingbackDbContext>();
        var clock = http.RequestServices.GetRequiredService<IClock>();
        var live = RingbackClaims.SessionOf(context.Principal) is { } id ? await LiveSession.For(db)(db, id, http.RequestAborted) : null;
        if (live is null)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(RingbackClaims.For(live.User, CookieAuthenticationDefaults.AuthenticationScheme, live.SessionId,
            mustSetUpTwoFactor: live.RequireTwoFactor && !live.HasTwoFactor));
        var now = clock.GetCurrentInstant();
        if (now - live.LastSeenAt > SeenGranularity)
        {
            await db.Sessions.IgnoreQueryFilters().Where(s => s.Id == live.SessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), http.RequestAborted);
        }
    }

    private sealed record Live(Guid SessionId, Instant LastSeenAt, SignedInUser User, bool HasTwoFactor, bool RequireTwoFactor);

    /// <summary>Compiled once, as the API token's look-up is: every page a person opens asks it.</summary>
    private static readonly CompiledPerModel<Func<RingbackDbContext, Guid, CancellationToken, Task<Live?>>> LiveSession = new(() => EF.CompileAsyncQuery(
        (RingbackDbContext db, Guid id, CancellationToken _) => (
            from s in db.Sessions.IgnoreQueryFilters()
            join u in db.Users.IgnoreQueryFilters() on s.UserId equals u.Id
            join o in db.Organizations on u.OrganizationId equals o.Id
            where s.Id == id && s.EndedAt == null && u.DeactivatedAt == null
            select new Live(s.Id, s.LastSeenAt, new SignedInUser(u.Id, u.OrganizationId, u.Name, u.Email, u.Role), u.TwoFactorEnabledAt != null, o.RequireTwoFactor))
            .SingleOrDefault()));

    /// <summary>
    /// When the organization requires two-factor sign-in and this person has not set it up, every page but the one where
    /// they do (and signing out) sends them there.
    /// </summary>
    internal sealed class TwoFactorRequirement(RequestDelegate next)
    {
        public Task InvokeAsync(HttpContext context)
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(RingbackClaims.MustSetUpTwoFactor, "true") && !path.StartsWithSegments("/api")
                && !path.StartsWithSegments("/settings/security") && !path.StartsWithSegments("/signout") && !path.StartsWithSegments("/error")
                && !Path.HasExtension(path.Value))
            {
                context.Response.Redirect("/settings/security?required=true#two-factor-heading");
                return Task.CompletedTask;
            }

            return next(context);
        }
    }

    private static string? Truncate(string value, int length) => value.Length == 0 ? null : value.Length <= length ? value : value[..length];
}
