using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Data.Accounts;
using Ringback.Validation;

namespace Ringback.Data.Callbacks;

/// <summary>Whether the organization's Twilio account is connected, and the status-callback URL to give Twilio.</summary>
public sealed record TwilioConnection(bool Configured, string? WebhookUrl, string? DefaultRep);

/// <summary>
/// The organization's Twilio account, for the Settings page and the API alike. The auth token is kept encrypted
/// (a signature check needs the token itself, so it cannot be hashed like our own tokens); the caller supplies the
/// encryption, so this layer needs no web framework.
/// </summary>
public static class TwilioAccount
{
    /// <summary>The data-protection purpose the token is encrypted under.</summary>
    public const string Purpose = "Ringback.Telephony.Twilio.v1";

    public static async Task<TwilioConnection> DescribeAsync(RingbackDbContext db, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hook = await db.TelephonyHooks.AsNoTracking().FirstOrDefaultAsync(h => h.Provider == TelephonyHook.Twilio, cancellationToken);
        if (hook is null)
        {
            return new TwilioConnection(false, null, null);
        }

        var rep = await db.Users.AsNoTracking().Where(u => u.Id == hook.DefaultUserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return new TwilioConnection(true, $"{baseUrl}/webhooks/twilio/{hook.Key}", rep);
    }

    /// <summary>Creates or replaces the organization's Twilio hook; the URL's key is kept so Twilio's settings stay right.</summary>
    /// <param name="protect">Encrypts the token for storage.</param>
    public static async Task<ValidationErrors> ConnectAsync(RingbackDbContext db, string? authToken, string? defaultRepEmail,
        Actor actor, Instant now, Func<string, string> protect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protect);
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.Id ?? throw new ArgumentException("A person connects the phone system.", nameof(actor));
        var errors = new ValidationErrors();
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
            return errors;
        }

        var hook = await db.TelephonyHooks.FirstOrDefaultAsync(h => h.Provider == TelephonyHook.Twilio, cancellationToken);
        var secret = protect(token!);
        if (hook is null)
        {
            db.TelephonyHooks.Add(new TelephonyHook
            {
                Id = Guid.CreateVersion7(),
                Provider = TelephonyHook.Twilio,
                Key = Base64Url(RandomNumberGenerator.GetBytes(24)),
                ProtectedSecret = secret,
                DefaultUserId = rep,
                CreatedAt = now,
            });
        }
        else
        {
            hook.ProtectedSecret = secret;
            hook.DefaultUserId = rep;
        }

        db.Audit(actor, AuditActions.PhoneSystemChanged, "Twilio", hook is null ? "connected" : "auth token or default rep changed", now);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Forgets the token; the webhook URL stops working.</summary>
    public static Task DisconnectAsync(RingbackDbContext db, Actor actor, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InTransactionAsync(async ct =>
        {
            var removed = await db.TelephonyHooks.Where(h => h.Provider == TelephonyHook.Twilio).ExecuteDeleteAsync(ct);
            if (removed > 0)
            {
                db.Audit(actor, AuditActions.PhoneSystemChanged, "Twilio", "disconnected", now);
                await db.SaveChangesAsync(ct);
            }

            return removed;
        }, _ => true, cancellationToken);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
