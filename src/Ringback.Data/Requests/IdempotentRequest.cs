using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data.Configurations;

namespace Ringback.Data.Requests;

/// <summary>
/// A POST sent with an <c>Idempotency-Key</c>, and the response it got: a retry with the same key gets the same
/// response for a day instead of doing the work again (the contract Stripe's API made common).
/// </summary>
public sealed class IdempotentRequest : IOrganizationOwned
{
    /// <summary>How long a key is remembered.</summary>
    public static readonly Duration Kept = Duration.FromHours(24);

    /// <summary>A request still being answered holds its key this long; after a crash, a retry then runs afresh.</summary>
    public static readonly Duration InFlight = Duration.FromMinutes(2);

    public const int KeyMax = 255;

    /// <summary>Responses larger than this are not kept: a retry of such a request runs again.</summary>
    public const int BodyMax = 1 << 20;

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, path, query and body: the same key on a different request is refused, not replayed.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>0 while the first request is still being answered.</summary>
    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public Instant CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Key).HasMaxLength(IdempotentRequest.KeyMax);
        builder.Property(e => e.Fingerprint).HasMaxLength(64);
        builder.Property(e => e.ContentType).HasMaxLength(200);
        builder.Property(e => e.Location).HasMaxLength(2000);

        // One request per key per user: two retries racing each other cannot both run.
        builder.HasIndex(e => new { e.UserId, e.Key }).IsUnique();

        // Keys older than a day are swept.
        builder.HasIndex(e => e.CreatedAt);
    }
}
