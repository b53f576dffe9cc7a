using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Contacts;

namespace Ringback.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.NameKey).HasMaxLength(200);
        builder.Property(e => e.Industry).HasMaxLength(100);
        builder.Property(e => e.MainPhone).HasMaxLength(20);
        builder.Property(e => e.TimeZone).HasMaxLength(64);

        // An import finds a company again by its name.
        builder.HasIndex(e => new { e.OrganizationId, e.NameKey }).IsUnique();
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public const int SearchTextMax = 700;

    /// <summary>An index filter both providers read the same way.</summary>
    public static string NotNull(string column) => $"\"{column}\" IS NOT NULL";

    public static string IsNull(string column) => $"\"{column}\" IS NULL";

    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Ignore(e => e.DisplayName);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Salutation).HasMaxLength(20);
        builder.Property(e => e.FirstName).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.LastName).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.Title).HasMaxLength(ContactRules.ShortTextMax);
        builder.Property(e => e.Industry).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.DirectPhone).HasMaxLength(20);
        builder.Property(e => e.DirectExtension).HasMaxLength(10);
        builder.Property(e => e.MobilePhone).HasMaxLength(20);
        builder.Property(e => e.AfterHoursPhone).HasMaxLength(20);
        builder.Property(e => e.Email).HasMaxLength(254);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.ReferredByName).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.ReferralNote).HasMaxLength(ContactRules.ShortTextMax * 5);
        builder.Property(e => e.Notes).HasMaxLength(ContactRules.NotesMax);
        builder.Property(e => e.SearchText).HasMaxLength(SearchTextMax).HasDefaultValue(string.Empty);

        builder.HasOne(e => e.Company).WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ReferredByContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Gatekeepers).WithOne().HasForeignKey(g => g.ContactId).OnDelete(DeleteBehavior.Cascade);

        // The contact list sorts by name within an organization, filtered by owner and status.
        builder.HasIndex(e => new { e.OrganizationId, e.LastName, e.FirstName });
        // A rep's contacts by status, oldest first: Today's "new contacts" walks it in order and stops at the first few.
        builder.HasIndex(e => new { e.OrganizationId, e.OwnerId, e.Status, e.CreatedAt });

        // A callback or a search by number finds the contact by whichever number it was. Partial, so that a column
        // that is mostly empty (after-hours numbers) still looks selective to the planner, and the index stays small.
        builder.HasIndex(e => new { e.OrganizationId, e.DirectPhone }).HasFilter(NotNull("direct_phone"));
        builder.HasIndex(e => new { e.OrganizationId, e.MobilePhone }).HasFilter(NotNull("mobile_phone"));
        builder.HasIndex(e => new { e.OrganizationId, e.AfterHoursPhone }).HasFilter(NotNull("after_hours_phone"));

        // "Recently updated / added" pages walk these in order; the id breaks ties, since an import stamps one time on every row.
        builder.HasIndex(e => new { e.OrganizationId, e.UpdatedAt, e.Id });
        builder.HasIndex(e => new { e.OrganizationId, e.CreatedAt, e.Id });
        builder.HasIndex(e => new { e.OrganizationId, e.Email });
        builder.HasIndex(e => e.CompanyId);
        builder.HasIndex(e => e.ReferredByContactId);
    }
}

internal sealed class GatekeeperConfiguration : IEntityTypeConfiguration<Gatekeeper>
{
    public void Configure(EntityTypeBuilder<Gatekeeper> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Name).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.Phone).HasMaxLength(20);
        builder.Property(e => e.Extension).HasMaxLength(10);
        builder.Property(e => e.Notes).HasMaxLength(ContactRules.NotesMax);
        builder.Property(e => e.AvailabilityNote).HasMaxLength(ContactRules.ShortTextMax);
        builder.HasIndex(e => e.ContactId);

        // A call back from the assistant's line is a call back from the prospect's office.
        builder.HasIndex(e => new { e.OrganizationId, e.Phone }).HasFilter(ContactConfiguration.NotNull("phone"));
    }
}

internal sealed class ContactMergeRecordConfiguration : IEntityTypeConfiguration<ContactMergeRecord>
{
    public void Configure(EntityTypeBuilder<ContactMergeRecord> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.MergedName).HasMaxLength(200);

        // A merged-away contact's address is looked up by its id; a contact's page lists the merges into it.
        builder.HasIndex(e => new { e.OrganizationId, e.MergedId });
        builder.HasIndex(e => new { e.OrganizationId, e.KeptId, e.At });
    }
}

internal sealed class ReferenceClientConfiguration : IEntityTypeConfiguration<ReferenceClient>
{
    public void Configure(EntityTypeBuilder<ReferenceClient> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.CompanyName).HasMaxLength(ContactRules.ShortTextMax);
        builder.Property(e => e.Industry).HasMaxLength(ContactRules.NameMax);
        builder.Property(e => e.Result).HasMaxLength(ContactRules.ShortTextMax * 5);
        builder.HasIndex(e => new { e.OrganizationId, e.Industry });
    }
}
