using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Secrets;

namespace Ringback.Data.Secrets;

/// <summary>
/// The installation's secrets, encrypted by the caller (data protection lives in the web framework; this layer
/// needs none). Made once: two processes starting together both try, one insert wins and both read the winner.
/// </summary>
public static class ServerSecrets
{
    /// <summary>The VAPID key pair (RFC 8292) push messages are signed with: "publicKey privateKey", base64url.</summary>
    public const string Vapid = "vapid";

    /// <summary>The SMTP password, set with <c>ringback smtp password</c>.</summary>
    public const string SmtpPassword = "smtp-password";

    /// <summary>The data-protection purpose every server secret is encrypted under.</summary>
    public const string Purpose = "Ringback.ServerSecrets.v1";

    public static async Task<string?> ReadAsync(RingbackDbContext db, string name, Func<string, string> unprotect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unprotect);
        var row = await db.ServerSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        return row is null ? null : unprotect(row.ProtectedValue);
    }

    /// <summary>The secret, made with <paramref name="make"/> and stored the first time it is asked for.</summary>
    public static async Task<string> GetOrCreateAsync(RingbackDbContext db, string name, Func<string> make, Func<string, string> protect,
        Func<string, string> unprotect, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(protect);
        if (await ReadAsync(db, name, unprotect, cancellationToken) is { } existing)
        {
            return existing;
        }

        var value = make();
        db.ServerSecrets.Add(new ServerSecret { Name = name, ProtectedValue = protect(value), CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return value;
        }
        catch (DbUpdateException)
        {
            // Another process stored its own first: use that one, so every node signs with the same key.
            db.ChangeTracker.Clear();
            return await ReadAsync(db, name, unprotect, cancellationToken)
                ?? throw new InvalidOperationException($"The server secret '{name}' could not be stored or read.");
        }
    }

    public static async Task SetAsync(RingbackDbContext db, string name, string value, Func<string, string> protect, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protect);
        var row = await db.ServerSecrets.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (row is null)
        {
            db.ServerSecrets.Add(new ServerSecret { Name = name, ProtectedValue = protect(value), CreatedAt = now });
        }
        else
        {
            row.ProtectedValue = protect(value);
            row.CreatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<bool> RemoveAsync(RingbackDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ServerSecrets.Where(s => s.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
