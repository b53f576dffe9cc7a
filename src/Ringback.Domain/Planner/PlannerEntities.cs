using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;

namespace Ringback.Planner;

/// <summary>
/// A planned follow-up, as the queue reads it: one row per thing to do, kept by <c>Plans.ReplanAsync</c> each
/// time something happens to the contact, so Today is an indexed range query and never a scan of the contact book.
/// </summary>
public sealed class FollowUp : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>Whose queue it is in; null for a contact nobody owns yet.</summary>
    public Guid? UserId { get; set; }

    public FollowUpKind Kind { get; set; }

    public Instant DueAt { get; set; }

    public Strategy? Strategy { get; set; }

    public required string Why { get; set; }

    public Guid? SourceCallId { get; set; }

    public int? CadenceStep { get; set; }

    /// <summary>
    /// Whether the contact was in phone tag when this was planned. The plan is rewritten whenever the contact's calls
    /// change, so it stays true to them and Today need not read the calls again; null on rows planned before it was
    /// kept, which Today works out from the calls as before.
    /// </summary>
    public bool? PhoneTag { get; set; }
}

/// <summary>
/// Something the rep promised to do on a call ("send Sue the fill-rate sheet"), open until ticked off. The method:
/// "be prepared to fulfill any commitments made to the contact during your call" — so it falls due before the next
/// call promised on that call, or the day after the call when none was.
/// </summary>
public sealed class Commitment : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>The call it was made on: the item follows that call's corrections, deletion and restoring.</summary>
    public Guid CallId { get; set; }

    /// <summary>The rep who made it, whose Today lists it.</summary>
    public Guid UserId { get; set; }

    public required string Text { get; set; }

    public Instant DueAt { get; set; }

    public Instant? DoneAt { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>When a commitment made on a call falls due: before the call promised then, else a day after.</summary>
    public static Instant DueFor(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.PromisedNextCallAt ?? call.StartedAt + Duration.FromDays(1);
    }
}

/// <summary>A cadence an organization uses, stored in its text form (see <see cref="Cadence"/>).</summary>
public sealed class StoredCadence : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string Steps { get; set; }

    public int MaxAttempts { get; set; }

    public Instant CreatedAt { get; set; }

    public Cadence ToCadence() => new(Name, Cadence.Parse(Steps), MaxAttempts);
}

/// <summary>A contact's enrolment in a cadence; at most one is open (not ended) per contact.</summary>
public sealed class CadenceEnrollment : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ContactId { get; set; }

    public Guid CadenceId { get; set; }

    /// <summary>The rep who works the cadence.</summary>
    public Guid UserId { get; set; }

    public Instant StartedAt { get; set; }

    public Instant? EndedAt { get; set; }

    public string? EndReason { get; set; }

    /// <summary>The rep asked to keep the contact after the last step instead of moving on.</summary>
    public bool KeepAfterEnd { get; set; }
}

public enum DoNotCallListKind
{
    /// <summary>A copy of a national registry (the US National DNC Registry, Canada's National DNCL).</summary>
    Registry,

    /// <summary>The organization's own list: people who asked not to be called again.</summary>
    Internal,
}

/// <summary>One imported do-not-call list, with the date of the copy (registry copies go stale after 31 days).</summary>
public sealed class DoNotCallList : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public DoNotCallListKind Kind { get; set; }

    /// <summary>The day the copy was taken from the registry.</summary>
    public LocalDate CopyDate { get; set; }

    public Instant ImportedAt { get; set; }

    public int Entries { get; set; }
}

/// <summary>A number on a do-not-call list.</summary>
public sealed class DoNotCallNumber : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ListId { get; set; }

    /// <summary>E.164.</summary>
    public required string Number { get; set; }

    public string? Reason { get; set; }

    public Instant AddedAt { get; set; }
}
