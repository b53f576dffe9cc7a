using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Configurations;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Data;

/// <summary>
/// Whose data a unit of work may see. Read at every query, so the web host can hand the context the signed-in
/// user's organization even though the context is made before sign-in is checked.
/// </summary>
public sealed class OrganizationScope(Func<Guid?> current)
{
    public Guid? OrganizationId => current();

    public static OrganizationScope Fixed(Guid? organizationId) => new(() => organizationId);
}

/// <summary>The names of the model's query filters, for a query that must lift one and keep the other.</summary>
public static class QueryFilters
{
    /// <summary>Only the context's organization's rows.</summary>
    public const string Tenant = "Tenant";

    /// <summary>Calls a rep has deleted are kept for restoring but count for nothing.</summary>
    public const string Live = "Live";
}

/// <summary>
/// The model, for SQLite and PostgreSQL alike. It is used through one subclass per provider,
/// <see cref="SqliteRingbackDbContext"/> and <see cref="PostgresRingbackDbContext"/>, whose only difference is the
/// migrations that belong to them (see <see cref="Storage.NewContext"/>).
/// </summary>
/// <remarks>
/// Every organization-owned entity has a query filter on <see cref="OrganizationId"/>: a context made for a
/// request sees only that organization's rows, and one with no organization sees none (code that must look
/// across organizations, such as signing in, says so with <c>IgnoreQueryFilters</c>).
/// <para>
/// Migrations are made by <c>dotnet ef migrations add</c>, once per provider (README, "Changing the schema"):
/// a generated migration names each provider's column types, so one set cannot serve both. They live in
/// <c>Migrations/Sqlite</c> and <c>Migrations/Postgres</c>, each with its model snapshot; the seven migrations
/// written by hand before the tooling was available are shared by both (<c>Migrations/HandWritten</c>) and
/// listed in each set under their original ids, so databases made by earlier releases upgrade in place.
/// Every model change needs a migration in both sets: start-up refuses a model with changes no migration makes
/// (EF's pending-model-changes check), and <c>SchemaTests</c> proves on both providers that the migrated schema is
/// exactly what this model describes.
/// </para>
/// </remarks>
public abstract class RingbackDbContext(DbContextOptions options, OrganizationScope? scope = null) : DbContext(options)
{
    private Guid? _organizationId;
    private bool _organizationSet;

    /// <summary>The organization this context reads and writes for; null sees nothing.</summary>
    public Guid? OrganizationId
    {
        get => _organizationSet ? _organizationId : scope?.OrganizationId;
        set
        {
            _organizationId = value;
            _organizationSet = true;
        }
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Gatekeeper> Gatekeepers => Set<Gatekeeper>();
    public DbSet<ContactMergeRecord> ContactMerges => Set<ContactMergeRecord>();
    public DbSet<ReferenceClient> ReferenceClients => Set<ReferenceClient>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<Ringback.Coach.SavedTemplate> VoicemailTemplates => Set<Ringback.Coach.SavedTemplate>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<StoredCadence> Cadences => Set<StoredCadence>();
    public DbSet<CadenceEnrollment> CadenceEnrollments => Set<CadenceEnrollment>();
    public DbSet<DoNotCallList> DoNotCallLists => Set<DoNotCallList>();
    public DbSet<DoNotCallNumber> DoNotCallNumbers => Set<DoNotCallNumber>();
    public DbSet<Ringback.Callbacks.UnmatchedCall> UnmatchedCalls => Set<Ringback.Callbacks.UnmatchedCall>();
    public DbSet<Ringback.Callbacks.TelephonyHook> TelephonyHooks => Set<Ringback.Callbacks.TelephonyHook>();
    public DbSet<Requests.IdempotentRequest> IdempotentRequests => Set<Requests.IdempotentRequest>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Ringback.Reminders.Reminder> Reminders => Set<Ringback.Reminders.Reminder>();
    public DbSet<Ringback.Reminders.ReminderDelivery> ReminderDeliveries => Set<Ringback.Reminders.ReminderDelivery>();
    public DbSet<Ringback.Reminders.PushSubscription> PushSubscriptions => Set<Ringback.Reminders.PushSubscription>();
    public DbSet<Ringback.Secrets.ServerSecret> ServerSecrets => Set<Ringback.Secrets.ServerSecret>();
    public DbSet<Callbacks.CallTally> CallTallies => Set<Callbacks.CallTally>();
    public DbSet<Callbacks.MessageAttemptTally> MessageAttemptTallies => Set<Callbacks.MessageAttemptTally>();
    public DbSet<Callbacks.MessageHourTally> MessageHourTallies => Set<Callbacks.MessageHourTally>();
    public DbSet<Callbacks.CallbackDelayTally> CallbackDelayTallies => Set<Callbacks.CallbackDelayTally>();
    public DbSet<Callbacks.CallMonthTally> CallMonthTallies => Set<Callbacks.CallMonthTally>();
    public DbSet<Callbacks.MessageAttemptMonthTally> MessageAttemptMonthTallies => Set<Callbacks.MessageAttemptMonthTally>();
    public DbSet<Callbacks.MessageHourMonthTally> MessageHourMonthTallies => Set<Callbacks.MessageHourMonthTally>();
    public DbSet<Callbacks.CallbackDelayMonthTally> CallbackDelayMonthTallies => Set<Callbacks.CallbackDelayMonthTally>();
    public DbSet<Import.WebImportJob> WebImportJobs => Set<Import.WebImportJob>();
    public DbSet<Import.ImportUploadChunk> ImportUploadChunks => Set<Import.ImportUploadChunk>();
    public DbSet<Practice.PracticeTake> PracticeTakes => Set<Practice.PracticeTake>();
    public DbSet<Practice.PracticeTakeAudio> PracticeTakeAudio => Set<Practice.PracticeTakeAudio>();

    /// <summary>
    /// The data-protection key ring, when it is kept in the database (PostgreSQL: every node must share it). Created
    /// and migrated here; read and written through <see cref="Secrets.PostgresKeyRing"/>.
    /// </summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var auto = BeforeSave();
        try
        {
            var contacts = ContactsToIndex();
            var missing = MissingCompanyIds(contacts);
            var names = missing.Count == 0
                ? new Dictionary<Guid, string>()
                : Companies.IgnoreQueryFilters().AsNoTracking().Where(c => missing.Contains(c.Id)).ToDictionary(c => c.Id, c => c.Name);
            UpdateSearchText(contacts, names);
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var auto = BeforeSave();
        try
        {
            var contacts = ContactsToIndex();
            var missing = MissingCompanyIds(contacts);
            var names = missing.Count == 0
                ? new Dictionary<Guid, string>()
                : await Companies.IgnoreQueryFilters().AsNoTracking().Where(c => missing.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
            UpdateSearchText(contacts, names);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// Finds what changed once, then applies the save rules with automatic detection off. EF's scan of every tracked
    /// row is the costly part of a save when a call's whole timeline is tracked, and each <c>Entries()</c> or
    /// <c>Local</c> below would otherwise scan again (measured: four scans were 60% of logging a call). The rules
    /// change values through the change tracker, so the save needs no second scan.
    /// </summary>
    /// <returns>Whether automatic detection was on, to restore after the save.</returns>
    private bool BeforeSave()
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        StampOrganization();
        RaiseVersions();
        return auto;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<WeeklyWindows>().HaveConversion<WeeklyWindowsConverter>().HaveMaxLength(500);
        configurationBuilder.Properties<ContactStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Ringback.Reminders.ReminderKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Ringback.Reminders.ReminderState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Ringback.Reminders.ReminderChannel>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<Ringback.Reminders.DeliveryState>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<GatekeeperRelationship>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CallDirection>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<CallOutcome>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Strategy>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<FollowUpKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DoNotCallListKind>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RingbackDbContext).Assembly);

        // Every entity an organization owns sees only the context's organization's rows: one filter for all of them,
        // so a new owned entity cannot be added without it.
        foreach (var owned in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null).ToList())
        {
            var row = System.Linq.Expressions.Expression.Parameter(owned.ClrType, "e");
            var mine = System.Linq.Expressions.Expression.Equal(
                System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(row, nameof(IOrganizationOwned.OrganizationId)), typeof(Guid?)),
                System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Constant(this), nameof(OrganizationId)));
            modelBuilder.Entity(owned.ClrType).HasQueryFilter(QueryFilters.Tenant, System.Linq.Expressions.Expression.Lambda(mine, row));
        }

        modelBuilder.Entity<Call>().HasQueryFilter(QueryFilters.Live, e => e.DeletedAt == null);

        SnakeCaseNames.Apply(modelBuilder);
    }

    private List<EntityEntry<Contact>> ContactsToIndex() =>
        [.. ChangeTracker.Entries<Contact>().Where(e => e.State is EntityState.Added or EntityState.Modified)];

    /// <summary>Companies whose names a contact's search text needs but that are not loaded.</summary>
    private List<Guid> MissingCompanyIds(List<EntityEntry<Contact>> contacts) =>
        [.. contacts.Select(e => e.Entity).Where(c => c.Company is null && c.CompanyId is { } id && Companies.Local.All(l => l.Id != id)).Select(c => c.CompanyId!.Value).Distinct()];

    private void UpdateSearchText(List<EntityEntry<Contact>> contacts, Dictionary<Guid, string> loadedNames)
    {
        foreach (var entry in contacts)
        {
            var contact = entry.Entity;
            var company = contact.Company?.Name
                ?? (contact.CompanyId is { } id ? Companies.Local.FirstOrDefault(c => c.Id == id)?.Name ?? loadedNames.GetValueOrDefault(id) : null);
            var text = Contact.SearchTextOf(contact, company);
            if (contact.SearchText != text)
            {
                entry.Property(c => c.SearchText).CurrentValue = text;
            }
        }
    }

    /// <summary>
    /// Every change to a versioned record raises its version, and the update only lands on the version it was read
    /// at (the version is a concurrency token): a change made meanwhile by someone else fails the save instead of
    /// being overwritten.
    /// </summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    /// <summary>New rows take the context's organization; a row of another organization is never written.</summary>
    private void StampOrganization()
    {
        foreach (var entry in ChangeTracker.Entries<IOrganizationOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.OrganizationId == Guid.Empty && OrganizationId is { } org)
            {
                entry.Property(e => e.OrganizationId).CurrentValue = org;
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && OrganizationId is { } current && entry.Entity.OrganizationId != current)
            {
                throw new InvalidOperationException($"A {entry.Entity.GetType().Name} of another organization cannot be written here.");
            }
        }
    }
}
