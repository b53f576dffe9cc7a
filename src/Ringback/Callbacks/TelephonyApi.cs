using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Hosting;

namespace Ringback.Callbacks;

public sealed record TwilioSetupRequest(string? AuthToken, string? DefaultRepEmail);

public sealed record WebhookResponse(string Result, Guid? CallId, Guid? InboxId, string? Why);

/// <summary>
/// Twilio's status callbacks, signed with the account's auth token. The token is kept encrypted with the app's
/// data-protection keys (a signature check needs the token itself, so it cannot be hashed like our own tokens).
/// </summary>
public static class TelephonyApi
{
    public static void MapTelephonyApi(this IEndpointRouteBuilder routes)
    {
        var twilio = routes.MapGroup("/telephony/twilio").WithTags("Telephony");
        twilio.MapGet("/", GetAsync).WithName("TwilioSetup");
        // The organization's phone account is the owner's to connect or disconnect, not any rep's.
        twilio.MapPut("/", SetUpAsync).WithName("SetUpTwilio").Requires(Capability.PhoneSystem)
            .WithSummary("Store the Twilio auth token (encrypted) and get the status-callback URL to give Twilio (owner only)");
        twilio.MapDelete("/", RemoveAsync).WithName("RemoveTwilio").Requires(Capability.PhoneSystem)
            .WithSummary("Forget the token; the webhook URL stops working (owner only)");
    }

    /// <summary>Public: Twilio cannot sign in. The signature is the authentication; a bad or missing one is 403.</summary>
    public static void MapTelephonyWebhooks(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/webhooks/twilio/{key}", WebhookAsync).AllowAnonymous().ExcludeFromDescription();

    public static async Task<Ok<TwilioConnection>> GetAsync(RingbackDbContext db, HttpContext http, IOptions<RingbackOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TwilioAccount.DescribeAsync(db, options.Value.BaseUrl(http.Request), cancellationToken));

    public static async Task<Results<Ok<TwilioConnection>, ValidationProblem>> SetUpAsync(TwilioSetupRequest request, RingbackDbContext db, HttpContext http,
        IClock clock, IDataProtectionProvider protection, IOptions<RingbackOptions> options, CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector(TwilioAccount.Purpose);
        var errors = await TwilioAccount.ConnectAsync(db, request.AuthToken, request.DefaultRepEmail, RingbackClaims.ActorOf(http.User), clock.GetCurrentInstant(),
            text => protector.Protect(text), cancellationToken);
        return errors.IsEmpty
            ? TypedResults.Ok(await TwilioAccount.DescribeAsync(db, options.Value.BaseUrl(http.Request), cancellationToken))
            : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    public static async Task<NoContent> RemoveAsync(RingbackDbContext db, HttpContext http, IClock clock, CancellationToken cancellationToken)
    {
        await TwilioAccount.DisconnectAsync(db, RingbackClaims.ActorOf(http.User), clock.GetCurrentInstant(), cancellationToken);
        return TypedResults.NoContent();
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
            token = protection.CreateProtector(TwilioAccount.Purpose).Unprotect(hook.ProtectedSecret);
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
}
