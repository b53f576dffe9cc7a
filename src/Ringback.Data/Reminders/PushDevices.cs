using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Reminders;
using Ringback.Validation;

namespace Ringback.Data.Reminders;

/// <summary>A device as Settings lists it.</summary>
public sealed record PushDevice(Guid Id, string Device, string Service, Instant CreatedAt);

/// <summary>What a browser's <c>PushManager.subscribe()</c> gave, as it posts it (the JSON of a <c>PushSubscription</c>).</summary>
public sealed record PushSubscriptionInput(string? Endpoint, string? P256dh, string? Auth, string? Device);

/// <summary>The rep's devices that take Web Push: one per browser or phone, added from that device, removed from any.</summary>
public static class PushDevices
{
    /// <summary>Adds the device, or takes it over when another account signed in on it before (one browser, one endpoint).</summary>
    public static async Task<Checked<PushSubscription>> SubscribeAsync(RingbackDbContext db, Guid organizationId, Guid userId, PushSubscriptionInput input, Instant now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var errors = Check(input);
        if (!errors.IsEmpty)
        {
            return new Checked<PushSubscription>(null, errors);
        }

        var endpoint = input.Endpoint!.Trim();
        // The endpoint is the device's: whoever held it before (even in another organization) signed out on it.
        await db.PushSubscriptions.IgnoreQueryFilters().Where(p => p.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
        var subscription = new PushSubscription
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, UserId = userId, Endpoint = endpoint, P256dh = input.P256dh!.Trim(),
            Auth = input.Auth!.Trim(), Device = string.IsNullOrWhiteSpace(input.Device) ? null : input.Device.Trim()[..Math.Min(200, input.Device.Trim().Length)],
            CreatedAt = now,
        };
        db.PushSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new Checked<PushSubscription>(subscription, errors);
    }

    /// <summary>
    /// What a push service needs to be given: an https endpoint (http only on this machine, for a local push service),
    /// the device's P-256 public key (65 bytes, uncompressed) and its 16-byte auth secret (RFC 8291), base64url.
    /// </summary>
    public static ValidationErrors Check(PushSubscriptionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        if (!Uri.TryCreate(input.Endpoint?.Trim(), UriKind.Absolute, out var uri) || input.Endpoint!.Length > 2000
            || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            errors.Add("endpoint", "must be the https address the browser's push service gave");
        }

        if (Base64Url(input.P256dh) is not { Length: 65 } key || key[0] != 4)
        {
            errors.Add("keys.p256dh", "must be the browser's P-256 public key: 65 bytes, base64url");
        }

        if (Base64Url(input.Auth) is not { Length: 16 })
        {
            errors.Add("keys.auth", "must be the browser's 16-byte auth secret, base64url");
        }

        return errors;
    }

    public static async Task<IReadOnlyList<PushDevice>> ListAsync(RingbackDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.PushSubscriptions.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new PushDevice(p.Id, p.Device ?? "A browser", Uri.TryCreate(p.Endpoint, UriKind.Absolute, out var u) ? u.Host : "?", p.CreatedAt))];
    }

    /// <summary>Removes one of the rep's own devices; their pending pushes to it are dropped with it.</summary>
    public static async Task<bool> RevokeAsync(RingbackDbContext db, Guid userId, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PushSubscriptions.Where(p => p.Id == id && p.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static byte[]? Base64Url(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }

        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text.Trim().TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
