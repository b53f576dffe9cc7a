using NodaTime;

namespace Ringback.Calls;

public enum CallDirection
{
    Outbound,
    Inbound,
}

public enum CallOutcome
{
    Connected,
    VoicemailLeft,
    GatekeeperMessage,
    NoAnswer,
    Busy,
    WrongNumber,
    BadNumber,
}

/// <summary>The message strategies of the call-back method (a sales-training series on getting calls returned).</summary>
public enum Strategy
{
    /// <summary>Someone the prospect knows sent you: their name opens the message, honestly, and only with a real referrer.</summary>
    Referral,

    /// <summary>A client in the prospect's industry who agreed to be named, and what you did for them.</summary>
    ThirdParty,

    /// <summary>Your success with a client in their industry ("calling Ford? mention General Motors").</summary>
    Association,

    /// <summary>When you can be reached, given as a window ("between nine and noon, Monday to Friday").</summary>
    WarmColdCall,

    /// <summary>Straight to the point: kept for the final attempt of the month.</summary>
    StraightAheadPitch,

    /// <summary>Little said, to raise curiosity; no reason or benefit expected.</summary>
    Vague,

    /// <summary>A colleague's message about your real earlier conversation with the prospect; needs that conversation.</summary>
    TagTeam,

    /// <summary>The call promised to the minute: "Hi &lt;name&gt;, I'm calling as promised…".</summary>
    AsPromised,
}

/// <summary>One attempt to reach a prospect, or their call to us, and everything that came of it.</summary>
public sealed class Call : Accounts.IOrganizationOwned, Accounts.IVersioned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>The rep who made or took the call.</summary>
    public Guid UserId { get; set; }

    public CallDirection Direction { get; set; }

    public Instant StartedAt { get; set; }

    public int DurationSeconds { get; set; }

    public CallOutcome Outcome { get; set; }

    public Guid? AnsweredByGatekeeperId { get; set; }

    public Strategy? Strategy { get; set; }

    /// <summary>The message as left, word for word: what the coach and the callback analytics read.</summary>
    public string? MessageText { get; set; }

    public string? Notes { get; set; }

    /// <summary>"I'll call you again at 08:15 am tomorrow", as the instant it means.</summary>
    public Instant? PromisedNextCallAt { get; set; }

    /// <summary>What the rep promised to do on the call; they must be ready to keep it by the next call.</summary>
    public string? Commitments { get; set; }

    public Instant? AppointmentStart { get; set; }

    public Instant? AppointmentEnd { get; set; }

    public string? AppointmentPlace { get; set; }

    public string? AppointmentDirections { get; set; }

    /// <summary>Why the rep called a number on a do-not-call list anyway (e.g. "they asked us to call back"), recorded for audit.</summary>
    public string? DncOverrideReason { get; set; }

    /// <summary>Where the call came from when not typed in: "twilio:&lt;CallSid&gt;", "cdr:&lt;uniqueid&gt;". Unique, so a redelivery logs nothing new.</summary>
    public string? ExternalId { get; set; }

    /// <summary>For an outbound call: which attempt on this contact it was (1, 2, 3…). Kept by <c>Attribution</c>.</summary>
    public int? AttemptNumber { get; set; }

    /// <summary>For a callback, or a call that booked a meeting: the message it is credited to.</summary>
    public Guid? CreditedCallId { get; set; }

    /// <summary>
    /// For a call that promised the next one: the outbound call that kept the promise (within the tolerance of the
    /// promised minute), if one did. Kept by <c>Attribution</c> with the credits, so promise keeping is read, not
    /// worked out from every call around every promise each time a page asks.
    /// </summary>
    public Guid? PromiseKeptByCallId { get; set; }

    /// <summary>For a message: when it was first called back, if it was.</summary>
    public Instant? CalledBackAt { get; set; }

    /// <summary>For a message: when a meeting credited to it was booked.</summary>
    public Instant? MeetingBookedAt { get; set; }

    /// <summary>The prospect's local hour (0–23) when the call started, for "which hour gets calls returned".</summary>
    public int? LocalHour { get; set; }

    /// <summary>The prospect's local ISO weekday (1 = Monday) when the call started.</summary>
    public int? LocalDay { get; set; }

    /// <summary>
    /// The day the call was made where the prospect is (the UTC day when their zone is unknown): the day the Stats
    /// report counts it on, so a period's figures can be read from daily tallies instead of every call.
    /// </summary>
    public LocalDate? LocalDate { get; set; }

    /// <summary>For a message that was called back: how soon, as a bucket of <see cref="Callbacks.CallbackDelay"/>.</summary>
    public int? CallbackBucket { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>When the call was last corrected, if it was.</summary>
    public Instant? UpdatedAt { get; set; }

    /// <summary>Raised by every saved change; see <see cref="Accounts.IVersioned"/>.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Set when a rep deletes the call: it then counts for nothing (attempts, credits, plan, stats) but can be
    /// restored, as the rep who deleted it and when are kept.
    /// </summary>
    public Instant? DeletedAt { get; set; }

    public Guid? DeletedByUserId { get; set; }
}
