
namespace Ringback.Contacts;

/// <summary>A contact as sent to the API. Enum fields are text ("meeting-booked"); numbers in any common form.</summary>
public sealed record ContactRequest : ContactDraft
{
    /// <summary>Optional client-chosen id: sending the same request twice creates the contact once.</summary>
    public Guid? Id { get; init; }
    public Guid? OwnerId { get; init; }
    public Guid? ReferredByContactId { get; init; }

    /// <summary>Add the contact even though the same person seems to be in the book already (same email, or name and company or number).</summary>
    public bool AddAnyway { get; init; }
}

public sealed record ContactSummary(
    Guid Id,
    string? Salutation,
    string? FirstName,
    string LastName,
    string DisplayName,
    string? Title,
    string? Company,
    string? Industry,
    string? DirectPhone,
    string? DirectExtension,
    string? MobilePhone,
    string? AfterHoursPhone,
    string? Email,
    string? TimeZone,
    Guid? OwnerId,
    ContactStatus Status,
    DateTimeOffset UpdatedAt);

public sealed record GatekeeperResponse(
    Guid Id,
    Guid ContactId,
    string Name,
    GatekeeperRelationship Relationship,
    string? Phone,
    string? Extension,
    string? Notes,
    string? AvailabilityNote,
    string AvailableHours)
{
    public static GatekeeperResponse From(Gatekeeper g) =>
        new(g.Id, g.ContactId, g.Name, g.Relationship, g.Phone, g.Extension, g.Notes, g.AvailabilityNote, g.AvailableHours.ToString());
}

public sealed record ContactDetails(
    ContactSummary Contact,
    Guid? ReferredByContactId,
    string? ReferredByName,
    string? ReferralNote,
    string? Notes,
    DateTimeOffset CreatedAt,
    IReadOnlyList<GatekeeperResponse> Gatekeepers,
    int Version);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ReferenceClientResponse(Guid Id, string CompanyName, string Industry, string? Result, bool MayName)
{
    public static ReferenceClientResponse From(ReferenceClient c) => new(c.Id, c.CompanyName, c.Industry, c.Result, c.MayName);
}

