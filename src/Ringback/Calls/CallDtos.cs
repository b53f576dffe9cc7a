using NodaTime;
using Ringback.Data.Calls;

namespace Ringback.Calls;

public sealed record CallRequest
{
    /// <summary>Optional client-chosen id: a retried request logs the call once.</summary>
    public Guid? Id { get; init; }
    public string? Direction { get; init; }

    /// <summary>When the call started; now if omitted. Any offset; stored as UTC.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Outcome { get; init; }
    public Guid? AnsweredByGatekeeperId { get; init; }
    public string? Strategy { get; init; }
    public string? MessageText { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? PromisedNextCallAt { get; init; }
    public string? Commitments { get; init; }
    public DateTimeOffset? AppointmentStart { get; init; }
    public DateTimeOffset? AppointmentEnd { get; init; }
    public string? AppointmentPlace { get; init; }
    public string? AppointmentDirections { get; init; }

    /// <summary>Why a number on a do-not-call list is called anyway; required for such a call and kept with it.</summary>
    public string? DncOverrideReason { get; init; }

    /// <summary>They asked not to be called again: their numbers go on your organization's own list.</summary>
    public bool AskedNotToCall { get; init; }

    /// <summary>Whoever answered, when they are not yet one of the contact's gatekeepers: added with the call.</summary>
    public Contacts.GatekeeperDraft? NewGatekeeper { get; init; }

    /// <summary>What whoever answered said about when the prospect is in; kept on that gatekeeper.</summary>
    public string? ProspectAvailable { get; init; }

    public CallDraft ToDraft() => new()
    {
        Direction = Direction,
        StartedAt = ToInstant(StartedAt),
        DurationSeconds = DurationSeconds,
        Outcome = Outcome,
        AnsweredByGatekeeperId = AnsweredByGatekeeperId,
        Strategy = Strategy,
        MessageText = MessageText,
        Notes = Notes,
        PromisedNextCallAt = ToInstant(PromisedNextCallAt),
        Commitments = Commitments,
        AppointmentStart = ToInstant(AppointmentStart),
        AppointmentEnd = ToInstant(AppointmentEnd),
        AppointmentPlace = AppointmentPlace,
        AppointmentDirections = AppointmentDirections,
        DncOverrideReason = DncOverrideReason,
        AskedNotToCall = AskedNotToCall,
        NewGatekeeper = NewGatekeeper,
        ProspectAvailable = ProspectAvailable,
    };

    private static Instant? ToInstant(DateTimeOffset? value) => value is { } v ? Instant.FromDateTimeOffset(v) : null;
}

public sealed record CallResponse(
    Guid Id,
    Guid ContactId,
    Guid UserId,
    string? RepName,
    CallDirection Direction,
    DateTimeOffset StartedAt,
    int DurationSeconds,
    CallOutcome Outcome,
    Guid? AnsweredByGatekeeperId,
    string? AnsweredByName,
    Strategy? Strategy,
    string? MessageText,
    string? Notes,
    DateTimeOffset? PromisedNextCallAt,
    string? Commitments,
    DateTimeOffset? AppointmentStart,
    DateTimeOffset? AppointmentEnd,
    string? AppointmentPlace,
    string? AppointmentDirections,
    string? DncOverrideReason,
    string? ExternalId,
    int? AttemptNumber,
    Guid? CreditedCallId,
    DateTimeOffset? CalledBackAt,
    DateTimeOffset? MeetingBookedAt)
{
    public static CallResponse From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var c = entry.Call;
        return new CallResponse(c.Id, c.ContactId, c.UserId, entry.RepName, c.Direction, c.StartedAt.ToOffset(), c.DurationSeconds, c.Outcome,
            c.AnsweredByGatekeeperId, entry.AnsweredByName, c.Strategy, c.MessageText, c.Notes, c.PromisedNextCallAt.ToOffset(), c.Commitments,
            c.AppointmentStart.ToOffset(), c.AppointmentEnd.ToOffset(), c.AppointmentPlace, c.AppointmentDirections, c.DncOverrideReason,
            c.ExternalId, c.AttemptNumber, c.CreditedCallId, c.CalledBackAt.ToOffset(), c.MeetingBookedAt.ToOffset());
    }
}

internal static class InstantExtensions
{
    public static DateTimeOffset ToOffset(this Instant instant) => instant.ToDateTimeOffset();

    public static DateTimeOffset? ToOffset(this Instant? instant) => instant?.ToDateTimeOffset();
}
