using NodaTime;
using Ringback.Data.Calls;

namespace Ringback.Calls;

/// <summary>A call as the API takes it: the call log's own draft, with the client's optional id.</summary>
public sealed record CallRequest : CallDraft
{
    /// <summary>Optional client-chosen id: a retried request logs the call once.</summary>
    public Guid? Id { get; init; }
}

/// <summary>A deleted call, with who deleted it and when.</summary>
public sealed record DeletedCallResponse(CallResponse Call, DateTimeOffset DeletedAt, Guid? DeletedByUserId, string? DeletedByName);

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
    DateTimeOffset? MeetingBookedAt,
    int Version,
    DateTimeOffset? UpdatedAt)
{
    public static CallResponse From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var c = entry.Call;
        return new CallResponse(c.Id, c.ContactId, c.UserId, entry.RepName, c.Direction, c.StartedAt.ToOffset(), c.DurationSeconds, c.Outcome,
            c.AnsweredByGatekeeperId, entry.AnsweredByName, c.Strategy, c.MessageText, c.Notes, c.PromisedNextCallAt.ToOffset(), c.Commitments,
            c.AppointmentStart.ToOffset(), c.AppointmentEnd.ToOffset(), c.AppointmentPlace, c.AppointmentDirections, c.DncOverrideReason,
            c.ExternalId, c.AttemptNumber, c.CreditedCallId, c.CalledBackAt.ToOffset(), c.MeetingBookedAt.ToOffset(), c.Version, c.UpdatedAt.ToOffset());
    }
}

internal static class InstantExtensions
{
    public static DateTimeOffset ToOffset(this Instant instant) => instant.ToDateTimeOffset();

    public static DateTimeOffset? ToOffset(this Instant? instant) => instant?.ToDateTimeOffset();
}
