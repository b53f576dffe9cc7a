using NodaTime;

namespace Ringback.Accounts;

/// <summary>
/// One signed-in browser. The cookie names it, and every request checks it is still open, so signing out, a new
/// password or deactivation ends every cookie issued before at once, on every server (the cookie alone would be
/// valid for its 14 days).
/// </summary>
public sealed class UserSession : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>Kept to within a few minutes, to show which sessions are in use.</summary>
    public Instant LastSeenAt { get; set; }

    /// <summary>The browser's User-Agent, to tell sessions apart in Settings.</summary>
    public string? UserAgent { get; set; }

    public string? IpAddress { get; set; }

    public Instant? EndedAt { get; set; }
}

/// <summary>A failed sign-in for an email, known or not: the per-account throttle counts these (on every server).</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    /// <summary>Hex SHA-256 of the lower-cased email, so the table is not a list of who tried which address.</summary>
    public required string EmailHash { get; set; }

    public Instant At { get; set; }
}

/// <summary>An invitation to join an organization with a role. Only a hash of the link's secret is kept.</summary>
public sealed class Invitation : IOrganizationOwned
{
    public static readonly Duration Lifetime = Duration.FromDays(7);

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    public UserRole Role { get; set; }

    public required string TokenHash { get; set; }

    public Guid InvitedByUserId { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant ExpiresAt { get; set; }

    public Instant? AcceptedAt { get; set; }

    public Instant? RevokedAt { get; set; }

    /// <summary>How many times it was sent (resending makes a new link and ends the old one).</summary>
    public int Sent { get; set; }

    public bool IsOpen(Instant now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;
}

/// <summary>A password-reset link: single use, valid 30 minutes. Only a hash of its secret is kept.</summary>
public sealed class PasswordReset
{
    public static readonly Duration Lifetime = Duration.FromMinutes(30);

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string TokenHash { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant ExpiresAt { get; set; }

    public Instant? UsedAt { get; set; }
}

/// <summary>A sensitive action, kept by Ringback itself for the owners to read: who, what, to what, when.</summary>
public sealed class AuditEntry : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Instant At { get; set; }

    /// <summary>Null when the server did it (a webhook, the scheduler).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The actor's name then, so the entry reads the same after they leave.</summary>
    public required string ActorName { get; set; }

    /// <summary>A stable id from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, in words ("Sue Jones", "rep@abc.example").</summary>
    public required string Subject { get; set; }

    public string? Details { get; set; }
}

/// <summary>The audit log's action ids; stable, because owners filter and export by them.</summary>
public static class AuditActions
{
    public const string RoleChanged = "role-changed";
    public const string UserDeactivated = "user-deactivated";
    public const string UserReactivated = "user-reactivated";
    public const string UserInvited = "user-invited";
    public const string InvitationRevoked = "invitation-revoked";
    public const string UserJoined = "user-joined";
    public const string Reassigned = "reassigned";
    public const string Exported = "exported";
    public const string Imported = "imported";
    public const string ContactDeleted = "contact-deleted";
    public const string ContactsMerged = "contacts-merged";
    public const string ContactMergeUndone = "contact-merge-undone";
    public const string CallDeleted = "call-deleted";
    public const string DoNotCallOverride = "dnc-override";
    public const string DoNotCallImported = "dnc-imported";
    public const string PhoneSystemChanged = "phone-system-changed";
    public const string PasswordReset = "password-reset";
    public const string SettingsChanged = "settings-changed";
    public const string TokenRevoked = "token-revoked";
}

/// <summary>A single-use recovery code for two-factor sign-in; only a hash is kept, the codes are shown once.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Hash { get; set; }

    public Instant? UsedAt { get; set; }
}
