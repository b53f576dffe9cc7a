using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Coach;

namespace Ringback.Data.Configurations;

internal sealed class SavedTemplateConfiguration : IEntityTypeConfiguration<SavedTemplate>
{
    public void Configure(EntityTypeBuilder<SavedTemplate> builder)
    {
        builder.ToTable("voicemail_templates");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Name).HasMaxLength(VoicemailTemplates.NameMax);
        builder.Property(e => e.Body).HasMaxLength(VoicemailTemplates.BodyMax);

        // The composer lists a rep's templates for one strategy.
        builder.HasIndex(e => new { e.UserId, e.Strategy });
    }
}
