using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;

namespace Ringback.Accounts;

/// <summary>
/// The per-account limit on wrong passwords (<see cref="SignInRules"/>), kept in the database so that every server
/// counts the same failures. Keyed by the email typed, whether or not it has an account, so the limit itself tells
/// nobody which emails exist. The per-address limit is the rate limiter's (<c>WebHost.SignInLimit</c>).
/// </summary>
public sealed class SignInThrottle(RingbackDbContext db, IClock clock)
{
    /// <summary>How long this email must wait before another try, or null when it may try now.</summary>
    public async Task<Duration?> WaitAsync(string? email, CancellationToken cancellationToken = default)
    {
        var key = Key(email);
        var since = clock.GetCurrentInstant() - SignInRules.Window;
        var failures = await db.SignInFailures.Where(f => f.EmailHash == key && f.At > since).Select(f => f.At).ToListAsync(cancellationToken);
        return SignInRules.RetryAfter(failures, clock.GetCurrentInstant());
    }

    public async Task FailedAsync(string? email, CancellationToken cancellationToken = default)
    {
        var key = Key(email);
        var now = clock.GetCurrentInstant();
        db.SignInFailures.Add(new SignInFailure { EmailHash = key, At = now });
        await db.SaveChangesAsync(cancellationToken);
        var expired = now - SignInRules.Window;
        await db.SignInFailures.Where(f => f.EmailHash == key && f.At <= expired).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A right password clears the count: the person who mistyped four times is not one try from a wait.</summary>
    public Task SucceededAsync(string? email, CancellationToken cancellationToken = default)
    {
        var key = Key(email);
        return db.SignInFailures.Where(f => f.EmailHash == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Answers 429 with <c>Retry-After</c> for a held account; the wait in words ("15 minutes") for the page to say.</summary>
    public static string Hold(HttpResponse response, Duration wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = SignInRules.Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    private static string Key(string? email) => AccountService.HashToken((email ?? string.Empty).Trim().ToLowerInvariant());
}
