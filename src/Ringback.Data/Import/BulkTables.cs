using NodaTime;
using Ringback.Contacts;

namespace Ringback.Data.Import;

internal enum BulkKind
{
    Guid,
    Text,
    Timestamp,
    Integer,
    Date,
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
        new("version", BulkKind.Integer, c => c.Version),
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

    public static readonly BulkColumn<Ringback.Calls.Call>[] Calls =
    [
        new("id", BulkKind.Guid, c => c.Id),
        new("organization_id", BulkKind.Guid, c => c.OrganizationId),
        new("contact_id", BulkKind.Guid, c => c.ContactId),
        new("user_id", BulkKind.Guid, c => c.UserId),
        new("direction", BulkKind.Text, c => c.Direction.ToString()),
        new("started_at", BulkKind.Timestamp, c => Utc(c.StartedAt)),
        new("duration_seconds", BulkKind.Integer, c => c.DurationSeconds),
        new("outcome", BulkKind.Text, c => c.Outcome.ToString()),
        new("answered_by_gatekeeper_id", BulkKind.Guid, c => c.AnsweredByGatekeeperId),
        new("strategy", BulkKind.Text, c => c.Strategy?.ToString()),
        new("message_text", BulkKind.Text, c => c.MessageText),
        new("notes", BulkKind.Text, c => c.Notes),
        new("promised_next_call_at", BulkKind.Timestamp, c => Utc(c.PromisedNextCallAt)),
        new("commitments", BulkKind.Text, c => c.Commitments),
        new("appointment_start", BulkKind.Timestamp, c => Utc(c.AppointmentStart)),
        new("appointment_end", BulkKind.Timestamp, c => Utc(c.AppointmentEnd)),
        new("appointment_place", BulkKind.Text, c => c.AppointmentPlace),
        new("appointment_directions", BulkKind.Text, c => c.AppointmentDirections),
        new("dnc_override_reason", BulkKind.Text, c => c.DncOverrideReason),
        new("external_id", BulkKind.Text, c => c.ExternalId),
        new("attempt_number", BulkKind.Integer, c => c.AttemptNumber),
        new("credited_call_id", BulkKind.Guid, c => c.CreditedCallId),
        new("promise_kept_by_call_id", BulkKind.Guid, c => c.PromiseKeptByCallId),
        new("called_back_at", BulkKind.Timestamp, c => Utc(c.CalledBackAt)),
        new("meeting_booked_at", BulkKind.Timestamp, c => Utc(c.MeetingBookedAt)),
        new("local_hour", BulkKind.Integer, c => c.LocalHour),
        new("local_day", BulkKind.Integer, c => c.LocalDay),
        new("local_date", BulkKind.Date, c => c.LocalDate?.ToDateOnly()),
        new("callback_bucket", BulkKind.Integer, c => c.CallbackBucket),
        new("created_at", BulkKind.Timestamp, c => Utc(c.CreatedAt)),
        new("version", BulkKind.Integer, c => c.Version),
    ];

    private static DateTime Utc(Instant instant) => instant.ToDateTimeUtc();

    private static DateTime? Utc(Instant? instant) => instant?.ToDateTimeUtc();
}

/// <summary>Rows ready to write, in foreign-key order: companies, then contacts, then gatekeepers, then calls.</summary>
internal sealed class ImportBatch
{
    public List<Company> Companies { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<Gatekeeper> Gatekeepers { get; } = [];

    /// <summary>Calls on the batch's contacts (the demo's; an import of contacts has none).</summary>
    public List<Ringback.Calls.Call> Calls { get; } = [];

    public int Count => Contacts.Count;

    public void Clear()
    {
        Companies.Clear();
        Contacts.Clear();
        Gatekeepers.Clear();
        Calls.Clear();
    }
}

/// <summary>Writes import batches straight through the provider, in one transaction, bypassing EF's change tracker.</summary>
internal interface IBulkWriter : IAsyncDisposable
{
    Task<Dictionary<string, Guid>> LoadCompanyKeysAsync(Guid organizationId, CancellationToken cancellationToken);

    Task WriteAsync(ImportBatch batch, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

internal static class BulkWriters
{
    /// <summary>The provider's own bulk path: binary COPY on PostgreSQL, prepared inserts on SQLite.</summary>
    public static async Task<IBulkWriter> OpenAsync(StorageOptions storage, bool large, Guid organizationId, CancellationToken cancellationToken) =>
        storage.Provider == DatabaseProvider.Postgres
            ? await PostgresBulkWriter.OpenAsync(storage.PostgresConnectionString!, organizationId, cancellationToken)
            : await SqliteBulkWriter.OpenAsync(storage.SqliteConnectionString, large, organizationId, cancellationToken);
}
