using NodaTime;
using Ringback.Calls;

namespace Ringback.Callbacks;

/// <summary>A finished call as a phone system reports it, before Ringback knows which contact it was.</summary>
/// <param name="ExternalId">The system's id, prefixed with the system: "twilio:CA…", "cdr:1700000000.42".</param>
/// <param name="From">The calling number as the system wrote it.</param>
/// <param name="To">The called number as the system wrote it.</param>
public sealed record TelephonyEvent(string ExternalId, CallDirection Direction, string From, string To, string? CallerName, Instant StartedAt,
    int DurationSeconds, CallOutcome Outcome, string Source)
{
    /// <summary>The number that is not ours: the caller of an inbound call, the one called on an outbound call.</summary>
    public string TheirNumber => Direction == CallDirection.Inbound ? From : To;

    /// <summary>Our number: the one called on an inbound call, the caller on an outbound call.</summary>
    public string OurNumber => Direction == CallDirection.Inbound ? To : From;
}

/// <summary>What a report of a call comes to: an event to log, a reason it is not one (yet), or what is wrong with it.</summary>
public sealed record EventReading(TelephonyEvent? Event, string? Ignored, Validation.ValidationErrors Errors);
