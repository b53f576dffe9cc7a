using NodaTime;

namespace Ringback.Accounts;

/// <summary>The tenant: every other row belongs to exactly one organization, and is only ever read through it.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Instant CreatedAt { get; set; }
}

/// <summary>Anything stored on behalf of an organization.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; set; }
}
