using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;
using Ringback.Validation;

namespace Ringback.Accounts;

public sealed record NewUser
{
    public required string Email { get; init; }
    public required string Name { get; init; }
    /// <summary>Null for a user who works through the API only (the CLI's <c>user add --token</c>): no web sign-in until a password is set.</summary>
    public required string? Password { get; init; }
    public string? Organization { get; init; }
    public string? CompanyName { get; init; }
    public string? CallbackPhone { get; init; }
    public string? TimeZone { get; init; }
    public string? ReachableHours { get; init; }

    /// <summary>Joins this organization with <see cref="Role"/> (an accepted invitation); otherwise see <see cref="AccountService.AddUserAsync"/>.</summary>
    public Guid? OrganizationId { get; init; }

    public UserRole? Role { get; init; }
}

/// <summary>Organizations, users and API tokens: made here for the CLI, the API and the first-run page alike.</summary>
public sealed class AccountService(RingbackDbContext db, IClock clock, string defaultRegion)
{
    public const int MinimumPasswordLength = 12;
    private const string TokenPrefix = "rb_";
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>
    /// Adds a user. The first user of a new organization is its owner; with no organization named and exactly one
    /// in the database, the user joins it.
    /// </summary>
    public async Task<(User? User, ValidationErrors Errors)> AddUserAsync(NewUser input, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var email = Field.Email(errors, "email", input.Email)?.ToLowerInvariant();
        if (email is null && errors.IsEmpty)
        {
            errors.Add("email", "is required");
        }

        var name = Field.Text(errors, "name", input.Name, 100, required: true);
        if (input.Password is { } password && password.Length < MinimumPasswordLength)
        {
            errors.Add("password", $"must be at least {MinimumPasswordLength} characters");
        }

        var phone = Field.Phone(errors, "callbackPhone", input.CallbackPhone, defaultRegion, allowExtension: false);
        var zone = Field.TimeZone(errors, "timeZone", input.TimeZone) ?? "UTC";
        var hours = Field.Windows(errors, "reachableHours", input.ReachableHours ?? "Mon-Fri 09:00-17:00");
        if (email is not null && await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
        {
            errors.Add("email", $"{email} already has an account");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var organization = input.OrganizationId is { } joining
            ? await db.Organizations.SingleAsync(o => o.Id == joining, cancellationToken)
            : await FindOrCreateOrganizationAsync(input.Organization ?? input.CompanyName ?? name!, input.Organization is not null, cancellationToken);
        var isFirst = !await db.Users.IgnoreQueryFilters().AnyAsync(u => u.OrganizationId == organization.Id, cancellationToken);
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organization.Id,
            Email = email!,
            Name = name!,
            Role = isFirst ? UserRole.Owner : input.Role ?? UserRole.Rep,
            CompanyName = input.CompanyName,
            CallbackPhone = phone?.E164,
            TimeZone = zone,
            ReachableHours = hours,
            CreatedAt = clock.GetCurrentInstant(),
        };
        user.PasswordHash = input.Password is null ? null : Hasher.HashPassword(user, input.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return (user, errors);
    }

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = email.Trim().ToLowerInvariant();
        return await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Email == key, cancellationToken);
    }

    public static bool VerifyPassword(User user, string password) =>
        user.PasswordHash is not null && Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>
    /// Checks a password for an email, known or not, in the same time: an unknown email (or a user without a password)
    /// is checked against a hash of a random password made once, so the answer's timing does not tell who has an
    /// account. Null unless the password is right.
    /// </summary>
    public async Task<User?> CheckPasswordAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await FindByEmailAsync(email, cancellationToken);
        if (user?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(DummyUser, DummyHash.Value, password ?? string.Empty);
            return null;
        }

        return VerifyPassword(user, password ?? string.Empty) ? user : null;
    }

    /// <summary>Sets a new password, checked by the same rule as at sign-up; the caller ends the user's other sessions.</summary>
    public static string? SetPassword(User user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null || password.Length < MinimumPasswordLength)
        {
            return $"must be at least {MinimumPasswordLength} characters";
        }

        user.PasswordHash = Hasher.HashPassword(user, password);
        return null;
    }

    private static readonly User DummyUser = new() { Name = "nobody", Email = "nobody@invalid", TimeZone = "UTC" };

    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(DummyUser, Base64Url(RandomNumberGenerator.GetBytes(24))));

    /// <summary>Makes a token and returns it in full. This is the only time it exists outside the caller's hands.</summary>
    public async Task<string> CreateTokenAsync(User user, string name, CancellationToken cancellationToken = default)
    {
        var token = TokenPrefix + NewSecret();
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = user.OrganizationId,
            UserId = user.Id,
            Name = name,
            Prefix = token[..10],
            Hash = HashToken(token),
            CreatedAt = clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>A user's tokens, newest first: name, the prefix that identifies it, and whether it is revoked.</summary>
    public Task<List<ApiToken>> TokensOfAsync(User user, CancellationToken cancellationToken = default) =>
        db.ApiTokens.IgnoreQueryFilters().Where(t => t.UserId == user.Id).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Revokes the user's token that starts with this prefix; false if none does.</summary>
    public async Task<bool> RevokeTokenAsync(User user, string prefix, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.IgnoreQueryFilters()
            .FirstOrDefaultAsync(t => t.UserId == user.Id && t.Prefix == prefix && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The user a token belongs to, as far as the request's claims go; null if it is unknown or revoked or its user deactivated.</summary>
    public async Task<SignedInUser?> FindByTokenAsync(string token, CancellationToken cancellationToken = default) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal) ? await HolderOf.For(db)(db, HashToken(token), cancellationToken) : null;

    /// <summary>
    /// Compiled once: every API request asks it. Translated on every request instead, and reading the whole user
    /// with change tracking, it was a fifth of the CPU of logging a call.
    /// </summary>
    private static readonly CompiledPerModel<Func<RingbackDbContext, string, CancellationToken, Task<SignedInUser?>>> HolderOf = new(() => EF.CompileAsyncQuery(
        (RingbackDbContext db, string hash, CancellationToken _) => (
            from t in db.ApiTokens.IgnoreQueryFilters()
            join u in db.Users.IgnoreQueryFilters() on t.UserId equals u.Id
            where t.Hash == hash && t.RevokedAt == null && u.DeactivatedAt == null
            select new SignedInUser(u.Id, u.OrganizationId, u.Name, u.Email, u.Role)).SingleOrDefault()));

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<Organization> FindOrCreateOrganizationAsync(string name, bool named, CancellationToken cancellationToken)
    {
        var organizations = db.Organizations.AsQueryable();
        var existing = named
            ? await organizations.FirstOrDefaultAsync(o => o.Name == name, cancellationToken)
            : await organizations.Take(2).ToListAsync(cancellationToken) is [var only] ? only : null;
        if (existing is not null)
        {
            return existing;
        }

        var organization = new Organization { Id = Guid.CreateVersion7(), Name = name, CreatedAt = clock.GetCurrentInstant() };
        db.Organizations.Add(organization);
        return organization;
    }

    /// <summary>256 random bits, URL-safe: the secret in an API token, an invitation or a reset link (only its hash is stored).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Who a request is signed in as (by an API token or a session cookie), as far as its claims go.</summary>
public sealed record SignedInUser(Guid Id, Guid OrganizationId, string Name, string Email, UserRole Role);
