using NodaTime;
using Ringback.Contacts;

namespace Ringback.Data.Import;

internal enum BulkKind
{
    Guid,
    Text,
    Timestamp,
}

internal sealed record BulkColumn<T>(string Name, BulkKind Kind, Func<T, object?> Get);

/// <summary>
/// The columns a bulk import writes, once, for every provider's writer. Values are what EF would store:
/// enums by name, instants as UTC DateTime, weekly windows as their text form.
/// </summary>
internal static class BulkTables
{
    public static readonly BulkColumn<Company>[] Companies =
    [
        new("id", BulkKind.Guid, c => c.Id),
        new("organization_id", BulkKind.Guid, c => c.OrganizationId),
        new("name", BulkKind.Text, c => c.Name),
        new("name_key", BulkKind.Text, c => c.NameKey),
        new("industry", BulkKind.Text, c => c.Industry),
        new("main_phone", BulkKind.Text, c => c.MainPhone),
        new("time_zone", BulkKind.Text, c => c.TimeZone),
    ];

    public static readonly BulkColumn<Contact>[] Contacts =
    [
        new("id", BulkKind.Guid, c => c.Id),
        new("organization_id", BulkKind.Guid, c => c.OrganizationId),
        new("salutation", BulkKind.Text, c => c.Salutation),
        new("first_name", BulkKind.Text, c => c.FirstName),
        new("last_name", BulkKind.Text, c => c.LastName),
        new("title", BulkKind.Text, c => c.Title),
        new("company_id", BulkKind.Guid, c => c.CompanyId),
        new("industry", BulkKind.Text, c => c.Industry),
        new("direct_phone", BulkKind.Text, c => c.DirectPhone),
        new("direct_extension", BulkKind.Text, c => c.DirectExtension),
        new("mobile_phone", BulkKind.Text, c => c.MobilePhone),
        new("after_hours_phone", BulkKind.Text, c => c.AfterHoursPhone),
        new("email", BulkKind.Text, c => c.Email),
        new("time_zone", BulkKind.Text, c => c.TimeZone),
        new("owner_id", BulkKind.Guid, c => c.OwnerId),
        new("status", BulkKind.Text, c => c.Status.ToString()),
        new("referred_by_contact_id", BulkKind.Guid, c => c.ReferredByContactId),
        new("referred_by_name", BulkKind.Text, c => c.ReferredByName),
        new("referral_note", BulkKind.Text, c => c.ReferralNote),
        new("notes", BulkKind.Text, c => c.Notes),
        new("created_at", BulkKind.Timestamp, c => Utc(c.CreatedAt)),
        new("updated_at", BulkKind.Timestamp, c => Utc(c.UpdatedAt)),
        new("search_text", BulkKind.Text, c => c.SearchText),
    ];

    public static readonly BulkColumn<Gatekeeper>[] Gatekeepers =
    [
        new("id", BulkKind.Guid, g => g.Id),
        new("organization_id", BulkKind.Guid, g => g.OrganizationId),
        new("contact_id", BulkKind.Guid, g => g.ContactId),
        new("name", BulkKind.Text, g => g.Name),
        new("relationship", BulkKind.Text, g => g.Relationship.ToString()),
        new("phone", BulkKind.Text, g => g.Phone),
        new("extension", BulkKind.Text, g => g.Extension),
        new("notes", BulkKind.Text, g => g.Notes),
        new("availability_note", BulkKind.Text, g => g.AvailabilityNote),
        new("available_hours", BulkKind.Text, g => g.AvailableHours.ToString()),
        new("created_at", BulkKind.Timestamp, g => Utc(g.CreatedAt)),
        new("updated_at", BulkKind.Timestamp, g => Utc(g.UpdatedAt)),
    ];

    private static DateTime Utc(Instant instant) => instant.ToDateTimeUtc();
}

/// <summary>Rows ready to write, in foreign-key order: companies, then contacts, then gatekeepers.</summary>
internal sealed class ImportBatch
{
    public List<Company> Companies { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<Gatekeeper> Gatekeepers { get; } = [];

    public int Count => Contacts.Count;

    public void Clear()
    {
        Companies.Clear();
        Contacts.Clear();
        Gatekeepers.Clear();
    }
}

/// <summary>Writes import batches straight through the provider, in one transaction, bypassing EF's change tracker.</summary>
internal interface IBulkWriter : IAsyncDisposable
{
    Task<Dictionary<string, Guid>> LoadCompanyKeysAsync(Guid organizationId, CancellationToken cancellationToken);

    Task WriteAsync(ImportBatch batch, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
