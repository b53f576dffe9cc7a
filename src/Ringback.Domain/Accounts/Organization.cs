using NodaTime;

namespace Ringback.Accounts;

/// <summary>The tenant: every other row belongs to exactly one organization, and is only ever read through it.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// Whether a rep may edit, delete and reassign a teammate's contacts and calls. Off by default: every rep sees the
    /// whole book (a callback reaches whoever picks up, and a tag-team message needs a colleague's conversation), but
    /// a rep's own prospects are changed only by them and by managers. Small teams that share everything turn it on.
    /// </summary>
    public bool RepsEditTeamContacts { get; set; }

    /// <summary>Everyone must sign in with a second factor: until they set one up, Ringback shows them only how to.</summary>
    public bool RequireTwoFactor { get; set; }
}

/// <summary>Anything stored on behalf of an organization.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; set; }
}

/// <summary>
/// A record two people may edit at once. Every saved change raises <see cref="Version"/>, and a change made from an
/// older version is refused, so one rep's edit never silently overwrites another's (the API's ETag is this number).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
