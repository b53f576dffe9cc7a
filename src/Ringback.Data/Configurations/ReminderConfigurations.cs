using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Reminders;

namespace Ringback.Data.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Deliveries).WithOne().HasForeignKey(d => d.ReminderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Title).HasMaxLength(300);
        builder.Property(e => e.Text).HasMaxLength(4000);

        // The sender's one question, every few seconds: what is due now, across organizations.
        builder.HasIndex(e => new { e.State, e.RemindAt });
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.RemindAt });
        // One reminder per call in the plan and one digest per rep and day, however many processes plan or send.
        builder.HasIndex(e => new { e.UserId, e.ContactId, e.Kind, e.DueAt }).IsUnique();
        builder.HasIndex(e => e.ContactId);
    }
}

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<PushSubscription>().WithMany().HasForeignKey(e => e.PushSubscriptionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.Property(e => e.LeasedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.State, e.NextAttemptAt });
        builder.HasIndex(e => new { e.State, e.LeaseUntil });
        builder.HasIndex(e => new { e.ReminderId, e.Round, e.Channel, e.PushSubscriptionId }).IsUnique();
        builder.HasIndex(e => e.PushSubscriptionId);
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Endpoint).HasMaxLength(2000);
        builder.Property(e => e.P256dh).HasMaxLength(200);
        builder.Property(e => e.Auth).HasMaxLength(100);
        builder.Property(e => e.Device).HasMaxLength(200);
        builder.HasIndex(e => e.Endpoint).IsUnique();
        builder.HasIndex(e => e.UserId);
    }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<Ringback.Secrets.ServerSecret>
{
    public void Configure(EntityTypeBuilder<Ringback.Secrets.ServerSecret> builder)
    {
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(50);
        builder.Property(e => e.ProtectedValue).HasMaxLength(4000);
    }
}
