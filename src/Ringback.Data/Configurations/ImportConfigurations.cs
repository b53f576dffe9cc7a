using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Data.Import;

namespace Ringback.Data.Configurations;

internal sealed class WebImportJobConfiguration : IEntityTypeConfiguration<WebImportJob>
{
    public void Configure(EntityTypeBuilder<WebImportJob> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Failure).HasMaxLength(2000);
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.UpdatedAt);
    }
}

internal sealed class ImportUploadChunkConfiguration : IEntityTypeConfiguration<ImportUploadChunk>
{
    public void Configure(EntityTypeBuilder<ImportUploadChunk> builder)
    {
        builder.HasKey(e => new { e.UploadId, e.Sequence });
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.CreatedAt);
    }
}
