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
        builder.Property(e => e.Team).HasMaxLength(100);
        builder.Property(e => e.TotpSecret).HasMaxLength(500);
        builder.Ignore(e => e.IsActive);
        builder.Ignore(e => e.HasTwoFactor);
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

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.UserAgent).HasMaxLength(300);
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.OrganizationId);
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.Property(e => e.EmailHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.EmailHash, e.At });
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.Email).HasMaxLength(254);
        builder.Property(e => e.TokenHash).HasMaxLength(64);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => e.OrganizationId);
    }
}

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.TokenHash).HasMaxLength(64);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => e.UserId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.HasIndex(e => new { e.OrganizationId, e.At });
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.UserId);
    }
}
