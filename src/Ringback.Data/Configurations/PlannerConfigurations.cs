using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Planner;

namespace Ringback.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.Why).HasMaxLength(300);

        // Today's queue: a rep's follow-ups by when they fall due.
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.DueAt });
        // The reminder sender's question every few seconds, across organizations: which promises' minutes have passed.
        builder.HasIndex(e => new { e.Kind, e.DueAt });
        builder.HasIndex(e => e.ContactId);
        builder.HasIndex(e => e.UserId);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Ringback.Calls.Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Text).HasMaxLength(ContactRules.NotesMax);

        // Today: a rep's open commitments by when they fall due; one item per call.
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.DoneAt, e.DueAt });
        builder.HasIndex(e => e.CallId).IsUnique();
        builder.HasIndex(e => e.ContactId);
    }
}

internal sealed class StoredCadenceConfiguration : IEntityTypeConfiguration<StoredCadence>
{
    public void Configure(EntityTypeBuilder<StoredCadence> builder)
    {
        builder.ToTable("cadences");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Steps).HasMaxLength(2000);
        builder.HasIndex(e => e.OrganizationId);
    }
}

internal sealed class CadenceEnrollmentConfiguration : IEntityTypeConfiguration<CadenceEnrollment>
{
    public void Configure(EntityTypeBuilder<CadenceEnrollment> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredCadence>().WithMany().HasForeignKey(e => e.CadenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.EndReason).HasMaxLength(200);

        // A contact's open enrolment.
        builder.HasIndex(e => new { e.ContactId, e.EndedAt });
        builder.HasIndex(e => e.CadenceId);
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.OrganizationId);
    }
}

internal sealed class DoNotCallListConfiguration : IEntityTypeConfiguration<DoNotCallList>
{
    public void Configure(EntityTypeBuilder<DoNotCallList> builder)
    {
        builder.ToTable("dnc_lists");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.HasIndex(e => new { e.OrganizationId, e.Kind, e.CopyDate });
    }
}

internal sealed class DoNotCallNumberConfiguration : IEntityTypeConfiguration<DoNotCallNumber>
{
    public void Configure(EntityTypeBuilder<DoNotCallNumber> builder)
    {
        builder.ToTable("dnc_numbers");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<DoNotCallList>().WithMany().HasForeignKey(e => e.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Number).HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(500);

        // "Is this number on any list?" for the queue and for logging a call; and no number twice on one list.
        builder.HasIndex(e => new { e.OrganizationId, e.Number });
        builder.HasIndex(e => new { e.ListId, e.Number }).IsUnique();
    }
}
