using NodaTime;
using Ringback.Calls;

namespace Ringback.Coach;

/// <summary>A rep's own template for a strategy. It is offered before the built-in one for that strategy.</summary>
public sealed class SavedTemplate : Accounts.IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The rep whose template this is: templates carry the rep's own voice, so they are personal.</summary>
    public Guid UserId { get; set; }

    public Strategy Strategy { get; set; }

    public required string Name { get; set; }

    public required string Body { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public VoicemailTemplate ToTemplate() => new(Strategy, Name, Body);
}
