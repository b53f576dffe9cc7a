using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Ringback.Data.Accounts;

namespace Ringback.Accounts;

/// <summary>Claims Ringback puts on a signed-in principal.</summary>
public static class RingbackClaims
{
    public const string UserId = ClaimTypes.NameIdentifier;
    public const string OrganizationId = "ringback:org";

    /// <summary>The server-side session a cookie belongs to (<see cref="Sessions"/>).</summary>
    public const string SessionId = "ringback:sid";

    /// <summary>Present ("true") while the organization requires two-factor sign-in and this person has not set it up.</summary>
    public const string MustSetUpTwoFactor = "ringback:2fa-required";

    public static ClaimsPrincipal For(User user, string scheme, Guid? session = null, bool mustSetUpTwoFactor = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        return For(new SignedInUser(user.Id, user.OrganizationId, user.Name, user.Email, user.Role), scheme, session, mustSetUpTwoFactor);
    }

    public static ClaimsPrincipal For(SignedInUser user, string scheme, Guid? session = null, bool mustSetUpTwoFactor = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new Claim(UserId, user.Id.ToString()),
            new Claim(OrganizationId, user.OrganizationId.ToString()),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
        ];
        if (session is { } id)
        {
            claims.Add(new Claim(SessionId, id.ToString()));
        }

        if (mustSetUpTwoFactor)
        {
            claims.Add(new Claim(MustSetUpTwoFactor, "true"));
        }

        return new(new ClaimsIdentity(claims, scheme));
    }

    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionId), out var id) ? id : null;

    /// <summary>The signed-in person's role; a principal without one is treated as the least: a rep.</summary>
    public static UserRole RoleOf(ClaimsPrincipal? principal) =>
        Enum.TryParse<UserRole>(principal?.FindFirstValue(ClaimTypes.Role), out var role) ? role : UserRole.Rep;

    public static Guid? OrganizationOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(OrganizationId), out var id) ? id : null;

    /// <summary>The signed-in person as the audit log names them.</summary>
    public static Actor ActorOf(ClaimsPrincipal principal) => new(UserOf(principal), principal.FindFirstValue(ClaimTypes.Name) ?? "unknown");

    /// <summary>The signed-in person as a writer in Ringback.Data sees them: named for the audit log, held to their role.</summary>
    public static Editor EditorOf(ClaimsPrincipal principal) => new(UserOf(principal), principal.FindFirstValue(ClaimTypes.Name) ?? "unknown", RoleOf(principal));

    public static Guid UserOf(ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(UserId) ?? throw new InvalidOperationException("Not signed in."));
}

/// <summary>"Authorization: Bearer rb_…" with a personal API token.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await accounts.FindByTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("The API token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(RingbackClaims.For(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"ringback\"";
        return Task.CompletedTask;
    }
}
