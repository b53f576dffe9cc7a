using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OtpNet;
using Ringback.Data;

namespace Ringback.Accounts;

/// <summary>
/// Two-factor sign-in with a TOTP app (RFC 6238: 30-second steps, six digits, one step of clock drift either way) and
/// ten single-use recovery codes. The key is kept encrypted; a code is accepted once.
/// </summary>
public sealed class TwoFactor(RingbackDbContext db, IDataProtectionProvider protection, IClock clock)
{
    public const string Purpose = "Ringback.TwoFactor.v1";
    public const int RecoveryCodeCount = 10;

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>Starts setting up: a new key, not yet in force until a code from it is confirmed. Returns the key (base32) and the otpauth URI.</summary>
    public async Task<(string Key, string Uri)> BeginAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        user.TotpSecret = Protector.Protect(key);
        user.TwoFactorEnabledAt = null;
        user.TotpLastStep = 0;
        await db.SaveChangesAsync(cancellationToken);
        return (key, UriFor(user, key));
    }

    /// <summary>The key being set up, to show again after a wrong code.</summary>
    public (string Key, string Uri)? Pending(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TotpSecret is null || user.HasTwoFactor)
        {
            return null;
        }

        var key = Protector.Unprotect(user.TotpSecret);
        return (key, UriFor(user, key));
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> comes from the key being set up; the recovery codes, shown once, or null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(User user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TotpSecret is null || user.HasTwoFactor || !MatchesTotp(user, code))
        {
            return null;
        }

        user.TwoFactorEnabledAt = clock.GetCurrentInstant();
        await db.RecoveryCodes.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { Id = Guid.CreateVersion7(), UserId = user.Id, Hash = AccountService.HashToken(Normalize(c)) }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>A code at sign-in: a current TOTP code not used before, or an unused recovery code (used up by this).</summary>
    public async Task<bool> CheckAsync(User user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.HasTwoFactor || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        if (MatchesTotp(user, code))
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        var hash = AccountService.HashToken(Normalize(code));
        var now = clock.GetCurrentInstant();
        return await db.RecoveryCodes.Where(r => r.UserId == user.Id && r.Hash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), cancellationToken) == 1;
    }

    public Task<int> RecoveryCodesLeftAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.RecoveryCodes.CountAsync(r => r.UserId == userId && r.UsedAt == null, cancellationToken);

    public async Task DisableAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.TotpSecret = null;
        user.TwoFactorEnabledAt = null;
        user.TotpLastStep = 0;
        await db.RecoveryCodes.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private bool MatchesTotp(User user, string? code)
    {
        var digits = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6 || user.TotpSecret is null)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(Protector.Unprotect(user.TotpSecret)));
        if (!totp.VerifyTotp(clock.GetCurrentInstant().ToDateTimeUtc(), digits, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) || step <= user.TotpLastStep)
        {
            return false;
        }

        user.TotpLastStep = step;
        return true;
    }

    private static string UriFor(User user, string key) =>
        $"otpauth://totp/Ringback:{Uri.EscapeDataString(user.Email)}?secret={key}&issuer=Ringback&algorithm=SHA1&digits=6&period=30";

    /// <summary>"k7d2-9xqf": ten characters from an alphabet without look-alikes, 50 bits.</summary>
    private static string NewRecoveryCode()
    {
        const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string Normalize(string code) => new(code.Trim().ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}

/// <summary>
/// Between the password and the code: a short-lived, encrypted cookie naming who gave the right password. No session
/// exists until the code is right, so a stolen password alone opens nothing.
/// </summary>
public static class TwoFactorPending
{
    public const string Cookie = "ringback.2fa";
    private const string Purpose = "Ringback.TwoFactor.Pending.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static void Start(HttpContext http, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
        http.Response.Cookies.Append(Cookie, protector.Protect(userId.ToString(), Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/signin", MaxAge = Lifetime, IsEssential = true,
        });
    }

    /// <summary>Who gave the right password in this browser in the last five minutes, or null.</summary>
    public static Guid? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
            return Guid.TryParse(protector.Unprotect(value), out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/signin" });
    }
}
