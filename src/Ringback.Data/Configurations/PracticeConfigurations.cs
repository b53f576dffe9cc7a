using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Practice;

namespace Ringback.Data.Configurations;

internal sealed class PracticeTakeConfiguration : IEntityTypeConfiguration<PracticeTake>
{
    public void Configure(EntityTypeBuilder<PracticeTake> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.Text).HasMaxLength(CallRules.MessageMax);
        builder.Property(e => e.Transcript).HasMaxLength(8000);
        builder.HasIndex(e => new { e.UserId, e.CreatedAt });
        builder.HasIndex(e => e.ExpiresAt);
    }
}

internal sealed class PracticeTakeAudioConfiguration : IEntityTypeConfiguration<PracticeTakeAudio>
{
    public void Configure(EntityTypeBuilder<PracticeTakeAudio> builder)
    {
        builder.HasKey(e => e.TakeId);
        builder.BelongsToOrganization();
        builder.HasOne<PracticeTake>().WithOne().HasForeignKey<PracticeTakeAudio>(e => e.TakeId).OnDelete(DeleteBehavior.Cascade);
    }
}
