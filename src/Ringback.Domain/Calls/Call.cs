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

/// <summary>The message strategies of the seeds.</summary>
public enum Strategy
{
    /// <summary>Seed 000 option one, seed 002 ONE.</summary>
    Referral,

    /// <summary>Seed 000 option two.</summary>
    ThirdParty,

    /// <summary>Seed 001.</summary>
    Association,

    /// <summary>Seed 000 option three.</summary>
    WarmColdCall,

    /// <summary>Seed 000 option four: the final attempt of the month.</summary>
    StraightAheadPitch,

    /// <summary>Seed 001.</summary>
    Vague,

    /// <summary>Seed 001: needs a real earlier conversation.</summary>
    TagTeam,

    /// <summary>Seed 003: "Hi &lt;name&gt;, I'm calling as promised…".</summary>
    AsPromised,
}

/// <summary>One attempt to reach a prospect, or their call to us, and everything that came of it.</summary>
public sealed class Call : Accounts.IOrganizationOwned
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

    /// <summary>Seed 003: "I'll call you again at 08:15 am tomorrow", as the instant it means.</summary>
    public Instant? PromisedNextCallAt { get; set; }

    /// <summary>Seed 000: "be prepared to fulfill any commitments made to the contact during your call".</summary>
    public string? Commitments { get; set; }

    public Instant? AppointmentStart { get; set; }

    public Instant? AppointmentEnd { get; set; }

    public string? AppointmentPlace { get; set; }

    public string? AppointmentDirections { get; set; }

    /// <summary>Why the rep called a number on a do-not-call list anyway (e.g. "they asked us to call back"), recorded for audit.</summary>
    public string? DncOverrideReason { get; set; }

    public Instant CreatedAt { get; set; }
}
