using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;

namespace Ringback.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.BelongsToOrganization();
        builder.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Gatekeeper>().WithMany().HasForeignKey(e => e.AnsweredByGatekeeperId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.MessageText).HasMaxLength(CallRules.MessageMax);
        builder.Property(e => e.Notes).HasMaxLength(ContactRules.NotesMax);
        builder.Property(e => e.Commitments).HasMaxLength(ContactRules.NotesMax);
        builder.Property(e => e.AppointmentPlace).HasMaxLength(ContactRules.ShortTextMax);
        builder.Property(e => e.AppointmentDirections).HasMaxLength(ContactRules.NotesMax);
        builder.Property(e => e.DncOverrideReason).HasMaxLength(500);
        builder.Property(e => e.ExternalId).HasMaxLength(CallFields.ExternalIdMax);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.DeletedByUserId).OnDelete(DeleteBehavior.Restrict);

        // A telephony event delivered twice logs one call.
        builder.HasIndex(e => new { e.OrganizationId, e.ExternalId }).IsUnique().HasFilter(ContactConfiguration.NotNull("external_id"));

        // "Which message earned this": the callbacks and meetings credited to a message. No foreign key: a call's
        // credit is rewritten from its contact's timeline, and a contact's calls are only ever removed together.
        builder.HasIndex(e => e.CreditedCallId).HasFilter(ContactConfiguration.NotNull("credited_call_id"));

        // Promise keeping reads the promises falling due in a period, whoever made them.
        builder.HasIndex(e => new { e.OrganizationId, e.PromisedNextCallAt }).HasFilter(ContactConfiguration.NotNull("promised_next_call_at"));

        // A contact's timeline, newest first.
        builder.HasIndex(e => new { e.ContactId, e.StartedAt });

        // A rep's due calls: the promises they made, by when they fall due.
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.PromisedNextCallAt });
        builder.HasIndex(e => new { e.OrganizationId, e.StartedAt });
        builder.HasIndex(e => e.UserId);
        builder.HasIndex(e => e.AnsweredByGatekeeperId);
        builder.HasIndex(e => e.DeletedByUserId);
    }
}
