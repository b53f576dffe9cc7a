using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Data.Configurations;

internal sealed class UnmatchedCallConfiguration : IEntityTypeConfiguration<UnmatchedCall>
{
    public void Configure(EntityTypeBuilder<UnmatchedCall> builder)
    {
        builder.ToTable("unmatched_calls");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.FromNumber).HasMaxLength(UnmatchedCall.NumberMax);
        builder.Property(e => e.ToNumber).HasMaxLength(UnmatchedCall.NumberMax);
        builder.Property(e => e.CallerName).HasMaxLength(100);
        builder.Property(e => e.Source).HasMaxLength(10);
        builder.Property(e => e.ExternalId).HasMaxLength(CallFields.ExternalIdMax);
        builder.Property(e => e.Reason).HasMaxLength(200);

        // The inbox: what still waits, newest first.
        builder.HasIndex(e => new { e.OrganizationId, e.ResolvedAt, e.StartedAt });
        builder.HasIndex(e => new { e.OrganizationId, e.ExternalId }).IsUnique().HasFilter(ContactConfiguration.NotNull("external_id"));
    }
}

internal sealed class TelephonyHookConfiguration : IEntityTypeConfiguration<TelephonyHook>
{
    public void Configure(EntityTypeBuilder<TelephonyHook> builder)
    {
        builder.ToTable("telephony_hooks");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.DefaultUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Provider).HasMaxLength(20);
        builder.Property(e => e.Key).HasMaxLength(64);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(2000);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.HasIndex(e => new { e.OrganizationId, e.Provider }).IsUnique();
    }
}

// The Stats report's tallies: derived from the calls by triggers (see StatsRollups), so no foreign keys — each one
// would be one more index to keep on every call written — and the key leads with the organization and the day,
// the range every report reads. On SQLite the migration makes them WITHOUT ROWID tables (StatsRollups.SqliteTables):
// a report then reads its days in key order instead of looking up each row (0.8 s → see docs/benchmarks.md).
internal sealed class CallTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.CallTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.CallTally> builder)
    {
        builder.ToTable("call_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Direction, e.Outcome, e.Strategy });
        builder.Property(e => e.Strategy).HasMaxLength(20);
    }
}

internal sealed class MessageAttemptTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.MessageAttemptTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.MessageAttemptTally> builder)
    {
        builder.ToTable("attempt_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Attempt });
    }
}

internal sealed class MessageHourTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.MessageHourTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.MessageHourTally> builder)
    {
        builder.ToTable("message_hour_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.LocalHour });
    }
}

internal sealed class CallbackDelayTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.CallbackDelayTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.CallbackDelayTally> builder)
    {
        builder.ToTable("callback_delay_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Bucket });
    }
}

// The same tallies by the prospect's month (StatsRollups.Months): the month's first day in local_date.
internal sealed class CallMonthTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.CallMonthTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.CallMonthTally> builder)
    {
        builder.ToTable("call_month_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Direction, e.Outcome, e.Strategy });
        builder.Property(e => e.Strategy).HasMaxLength(20);
    }
}

internal sealed class MessageAttemptMonthTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.MessageAttemptMonthTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.MessageAttemptMonthTally> builder)
    {
        builder.ToTable("attempt_month_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Attempt });
    }
}

internal sealed class MessageHourMonthTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.MessageHourMonthTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.MessageHourMonthTally> builder)
    {
        builder.ToTable("message_hour_month_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.Weekday, e.UserId, e.LocalHour });
    }
}

internal sealed class CallbackDelayMonthTallyConfiguration : IEntityTypeConfiguration<Data.Callbacks.CallbackDelayMonthTally>
{
    public void Configure(EntityTypeBuilder<Data.Callbacks.CallbackDelayMonthTally> builder)
    {
        builder.ToTable("callback_delay_month_tallies");
        builder.HasKey(e => new { e.OrganizationId, e.LocalDate, e.UserId, e.Bucket });
    }
}
