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
    /// <summary>For a call just logged, what the rep should know ("Promised for 05:00 your time, outside your hours."); null otherwise.</summary>
    public IReadOnlyList<string>? Notices { get; init; }

    /// <summary>
    /// The one mapping from a timeline entry: as an expression, a timeline query reads only the columns it names (no
    /// entity built per call, which was most of a 500-call page's time); compiled, it maps an entry already in memory.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<TimelineEntry, CallResponse>> Projection = e =>
        new CallResponse(e.Call.Id, e.Call.ContactId, e.Call.UserId, e.RepName, e.Call.Direction, e.Call.StartedAt.ToOffset(), e.Call.DurationSeconds,
            e.Call.Outcome, e.Call.AnsweredByGatekeeperId, e.AnsweredByName, e.Call.Strategy, e.Call.MessageText, e.Call.Notes,
            e.Call.PromisedNextCallAt.ToOffset(), e.Call.Commitments, e.Call.AppointmentStart.ToOffset(), e.Call.AppointmentEnd.ToOffset(),
            e.Call.AppointmentPlace, e.Call.AppointmentDirections, e.Call.DncOverrideReason, e.Call.ExternalId, e.Call.AttemptNumber,
            e.Call.CreditedCallId, e.Call.CalledBackAt.ToOffset(), e.Call.MeetingBookedAt.ToOffset(), e.Call.Version, e.Call.UpdatedAt.ToOffset());

    private static readonly Func<TimelineEntry, CallResponse> Map = Projection.Compile();

    public static CallResponse From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Map(entry);
    }
}

internal static class InstantExtensions
{
    public static DateTimeOffset ToOffset(this Instant instant) => instant.ToDateTimeOffset();

    public static DateTimeOffset? ToOffset(this Instant? instant) => instant?.ToDateTimeOffset();
}
