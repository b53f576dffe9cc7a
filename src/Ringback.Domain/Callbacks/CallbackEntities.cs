using NodaTime;

namespace Ringback.Callbacks;

/// <summary>
/// A call in from a number Ringback could not put to one contact: it waits in the inbox until a rep makes it a
/// contact, files it under one, or dismisses it. Nothing that rang is thrown away.
/// </summary>
public sealed class UnmatchedCall : Accounts.IOrganizationOwned
{
    public const int NumberMax = 40;

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>E.164 when the number could be read, otherwise as given ("anonymous", "201").</summary>
    public required string FromNumber { get; set; }

    /// <summary>The caller's name as the telephone network gave it, if it did.</summary>
    public string? CallerName { get; set; }

    public string? ToNumber { get; set; }

    /// <summary>The rep the call was for, when the number they called is theirs.</summary>
    public Guid? UserId { get; set; }

    public Instant StartedAt { get; set; }

    public int DurationSeconds { get; set; }

    /// <summary>Whether anyone picked up.</summary>
    public bool Answered { get; set; }

    /// <summary>Where it came from: web, api, cli, twilio, cdr.</summary>
    public required string Source { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Why it is here: "no contact has this number", "3 contacts share this number".</summary>
    public required string Reason { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>When a rep dealt with it; null while it waits.</summary>
    public Instant? ResolvedAt { get; set; }

    /// <summary>The call it became, or null when it was dismissed.</summary>
    public Guid? ResolvedCallId { get; set; }
}

/// <summary>
/// A telephony provider's webhook for one organization. The URL carries <see cref="Key"/>, which only says whose hook
/// it is; the provider's signature, made with the secret, is what proves a request genuine.
/// </summary>
public sealed class TelephonyHook : Accounts.IOrganizationOwned
{
    public const string Twilio = "twilio";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Provider { get; set; }

    /// <summary>Random, URL-safe, unique: <c>/webhooks/twilio/{Key}</c>.</summary>
    public required string Key { get; set; }

    /// <summary>
    /// The provider's auth token, encrypted with the app's data-protection keys. Unlike our own tokens it cannot be
    /// hashed: checking a signature needs the token itself.
    /// </summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>Who calls made through the hook go to when no number says otherwise.</summary>
    public Guid DefaultUserId { get; set; }

    public Instant CreatedAt { get; set; }
}
