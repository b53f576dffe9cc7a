using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planning;
using Ringback.Hosting;
using Ringback.Telephony;

namespace Ringback.Callbacks;

public sealed record TwilioSetupRequest(string? AuthToken, string? DefaultRepEmail);

public sealed record TwilioSetupResponse(bool Configured, string? WebhookUrl, string? DefaultRep);

public sealed record WebhookResponse(string Result, Guid? CallId, Guid? InboxId, string? Why);

/// <summary>
/// Twilio's status callbacks, signed with the account's auth token. The token is kept encrypted with the app's
/// data-protection keys (a signature check needs the token itself, so it cannot be hashed like our own tokens).
/// </summary>
public static class TelephonyApi
{
    private const string Purpose = "Ringback.Telephony.Twilio.v1";

    public static void MapTelephonyApi(this IEndpointRouteBuilder routes)
    {
        var twilio = routes.MapGroup("/telephony/twilio").WithTags("Telephony");
        twilio.MapGet("/", GetAsync).WithName("TwilioSetup");
        // The organization's phone account is the owner's to connect or disconnect, not any rep's.
        twilio.MapPut("/", SetUpAsync).WithName("SetUpTwilio").RequireAuthorization(p => p.RequireRole(nameof(UserRole.Owner)))
            .WithSummary("Store the Twilio auth token (encrypted) and get the status-callback URL to give Twilio (owner only)");
        twilio.MapDelete("/", RemoveAsync).WithName("RemoveTwilio").RequireAuthorization(p => p.RequireRole(nameof(UserRole.Owner)))
            .WithSummary("Forget the token; the webhook URL stops working (owner only)");
    }

    /// <summary>Public: Twilio cannot sign in. The signature is the authentication; a bad or missing one is 403.</summary>
    public static void MapTelephonyWebhooks(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/webhooks/twilio/{key}", WebhookAsync).AllowAnonymous().ExcludeFromDescription();

    public static async Task<Ok<TwilioSetupResponse>> GetAsync(RingbackDbContext db, HttpContext http, IOptions<RingbackOptions> options, CancellationToken cancellationToken)
    {
        var hook = await db.TelephonyHooks.AsNoTracking().FirstOrDefaultAsync(h => h.Provider == TelephonyHook.Twilio, cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, hook, options.Value.BaseUrl(http.Request), cancellationToken));
    }

    public static async Task<Results<Ok<TwilioSetupResponse>, ValidationProblem>> SetUpAsync(TwilioSetupRequest request, RingbackDbContext db, HttpContext http,
        IClock clock, IDataProtectionProvider protection, IOptions<RingbackOptions> options, CancellationToken cancellationToken)
    {
        var me = RingbackClaims.UserOf(http.User);
        var result = await SaveAsync(db, request.AuthToken, request.DefaultRepEmail, me, clock.GetCurrentInstant(), protection, cancellationToken);
        return result.Errors.IsEmpty
            ? TypedResults.Ok(await DescribeAsync(db, result.Hook, options.Value.BaseUrl(http.Request), cancellationToken))
            : TypedResults.ValidationProblem(result.Errors.ToDictionary());
    }

    /// <summary>Creates or replaces the organization's Twilio hook; the URL's key is kept so Twilio's settings stay right.</summary>
    public static async Task<(TelephonyHook? Hook, Validation.ValidationErrors Errors)> SaveAsync(RingbackDbContext db, string? authToken, string? defaultRepEmail,
        Guid me, Instant now, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protection);
        var errors = new Validation.ValidationErrors();
        var token = authToken?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length < 16 || token.Length > 200 || token.Any(char.IsWhiteSpace))
        {
            errors.Add("authToken", "is required: the auth token from the Twilio console (Account Info), 32 characters");
        }

        var rep = me;
        if (!string.IsNullOrWhiteSpace(defaultRepEmail))
        {
            var email = defaultRepEmail.Trim().ToLowerInvariant();
            var found = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                errors.Add("defaultRepEmail", $"'{defaultRepEmail}' is not a rep here");
            }

            rep = found ?? me;
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var hook = await db.TelephonyHooks.FirstOrDefaultAsync(h => h.Provider == TelephonyHook.Twilio, cancellationToken);
        var secret = protection.CreateProtector(Purpose).Protect(token!);
        if (hook is null)
        {
            hook = new TelephonyHook
            {
                Id = Guid.CreateVersion7(),
                Provider = TelephonyHook.Twilio,
                Key = Base64Url(RandomNumberGenerator.GetBytes(24)),
                ProtectedSecret = secret,
                DefaultUserId = rep,
                CreatedAt = now,
            };
            db.TelephonyHooks.Add(hook);
        }
        else
        {
            hook.ProtectedSecret = secret;
            hook.DefaultUserId = rep;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (hook, errors);
    }

    public static async Task<NoContent> RemoveAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        await db.TelephonyHooks.Where(h => h.Provider == TelephonyHook.Twilio).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<TwilioSetupResponse> DescribeAsync(RingbackDbContext db, TelephonyHook? hook, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (hook is null)
        {
            return new TwilioSetupResponse(false, null, null);
        }

        var rep = await db.Users.AsNoTracking().Where(u => u.Id == hook.DefaultUserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return new TwilioSetupResponse(true, $"{baseUrl}/webhooks/twilio/{hook.Key}", rep);
    }

    public static async Task<IResult> WebhookAsync(string key, HttpContext http, RingbackDbContext db, IClock clock, IDataProtectionProvider protection,
        IOptions<RingbackOptions> options, IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        var hook = await db.TelephonyHooks.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(h => h.Key == key && h.Provider == TelephonyHook.Twilio, cancellationToken);
        if (hook is null)
        {
            return TypedResults.Problem("No Twilio webhook has this address.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem("Twilio status callbacks are form-encoded (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var url = options.Value.BaseUrl(http.Request) + http.Request.Path + http.Request.QueryString;
        string token;
        try
        {
            token = protection.CreateProtector(Purpose).Unprotect(hook.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted the token are gone (a new data directory): the token must be entered again.
            return TypedResults.Problem("This webhook's Twilio auth token can no longer be read; enter it again in Settings.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!TwilioSignature.IsValid(token, url, pairs, http.Request.Headers[TwilioSignature.Header].ToString()))
        {
            return TypedResults.Problem($"The {TwilioSignature.Header} header is missing or does not match this request.", statusCode: StatusCodes.Status403Forbidden);
        }

        db.OrganizationId = hook.OrganizationId;
        var now = clock.GetCurrentInstant();
        var reading = TwilioCallEvent.Read(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value), now);
        if (!reading.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(reading.Errors.ToDictionary());
        }

        if (reading.Event is not { } reported)
        {
            return TypedResults.Ok(new WebhookResponse("ignored", null, null, reading.Ignored));
        }

        var result = await TelephonyCapture.CaptureAsync(db, reported, hook.DefaultUserId, options.Value.DefaultRegion, now, planner.Value, cancellationToken);
        return result.Fate == EventFate.Refused
            ? TypedResults.ValidationProblem(result.Errors.ToDictionary())
            : TypedResults.Ok(new WebhookResponse(Validation.EnumText.Format(result.Fate), result.Call?.Id, result.Inbox?.Id, result.Why));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
