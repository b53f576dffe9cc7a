using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;

namespace Ringback.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(200);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Email).HasMaxLength(254);
        builder.Property(e => e.CompanyName).HasMaxLength(200);
        builder.Property(e => e.CallbackPhone).HasMaxLength(20);
        builder.Property(e => e.AfterHoursPhone).HasMaxLength(20);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.PasswordHash).HasMaxLength(200);
        builder.Property(e => e.CalendarTokenHash).HasMaxLength(64);
        builder.HasIndex(e => e.Email).IsUnique();

        // The public calendar feed finds its rep by the hash of the secret in its URL.
        builder.HasIndex(e => e.CalendarTokenHash).IsUnique();
        builder.HasIndex(e => e.OrganizationId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Prefix).HasMaxLength(16);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Hash).IsUnique();
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.OrganizationId);
    }
}
