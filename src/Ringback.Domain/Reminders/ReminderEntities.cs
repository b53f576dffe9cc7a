using NodaTime;
using Ringback.Accounts;

namespace Ringback.Reminders;

public enum ReminderKind
{
    /// <summary>A promised call: "I'll call you again at 08:15 tomorrow".</summary>
    Promise,
    Appointment,
    /// <summary>A promised minute passed with no call: said once, with the next lawful time.</summary>
    MissedPromise,
    /// <summary>The day's promises, appointments and calls due, at the start of the rep's working day.</summary>
    Digest,
    /// <summary>Sent from Settings to try a channel now.</summary>
    Test,
    /// <summary>A colleague left a tag-team message about the rep's conversation, or the prospect called back after one.</summary>
    HandOff,
}

public enum ReminderState
{
    /// <summary>Waiting for its minute.</summary>
    Scheduled,
    /// <summary>Its minute came: one delivery per channel was made for it.</summary>
    Sent,
    /// <summary>Its minute came and went while no Ringback was running; sent late it would be of no use.</summary>
    MissedWhileDown,
    /// <summary>The plan moved on (the promise was moved, kept early, or the prospect called first).</summary>
    Cancelled,
}

public enum ReminderChannel
{
    /// <summary>The banner on every open page.</summary>
    App,
    Email,
    Push,
}

public enum DeliveryState
{
    Pending,
    /// <summary>Taken by one process until <see cref="ReminderDelivery.LeaseUntil"/>; another takes it over after.</summary>
    Sending,
    Sent,
    /// <summary>Refused or unreachable; tried again at <see cref="ReminderDelivery.NextAttemptAt"/>.</summary>
    Failed,
    /// <summary>Tried <see cref="ReminderRules.MaxAttempts"/> times, or its reminder is past its use.</summary>
    GaveUp,
}

/// <summary>One reminder of a planned call, kept in step with the plan in the same transaction.</summary>
public sealed class Reminder : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Whom the call is to; none for a digest.</summary>
    public Guid? ContactId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>The promised minute, the appointment, the missed minute, or the digest's working-day start.</summary>
    public Instant DueAt { get; set; }

    /// <summary>When it is sent: <see cref="DueAt"/> less the rep's lead time.</summary>
    public Instant RemindAt { get; set; }

    public ReminderState State { get; set; }

    /// <summary>What it says, written when it is sent, so the list and the banner show what the rep got.</summary>
    public string? Title { get; set; }

    public string? Text { get; set; }

    /// <summary>The number to dial, as a <c>tel:</c> link.</summary>
    public string? TelUri { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? SentAt { get; set; }

    /// <summary>When the rep closed the banner or opened the contact from it.</summary>
    public Instant? SeenAt { get; set; }

    /// <summary>How many times it was snoozed: each snooze sends it again, as a new round of deliveries.</summary>
    public int Round { get; set; }

    public List<ReminderDelivery> Deliveries { get; set; } = [];
}

/// <summary>A reminder on one channel (for push, one device), tried until sent.</summary>
public sealed class ReminderDelivery : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ReminderId { get; set; }

    public ReminderChannel Channel { get; set; }

    /// <summary>The reminder's round it belongs to (0, then one more per snooze).</summary>
    public int Round { get; set; }

    /// <summary>For push, the device's subscription.</summary>
    public Guid? PushSubscriptionId { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public Instant? LeaseUntil { get; set; }

    /// <summary>The process holding the lease (host and process id), so an operator can tell who was sending when one died.</summary>
    public string? LeasedBy { get; set; }

    public Instant? NextAttemptAt { get; set; }

    /// <summary>The last failure as the channel reported it, without secrets.</summary>
    public string? LastError { get; set; }

    public Instant? SentAt { get; set; }
}

/// <summary>A rep's browser or phone that takes Web Push (RFC 8030), with the keys its payloads are encrypted to (RFC 8291).</summary>
public sealed class PushSubscription : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public required string Endpoint { get; set; }

    public required string P256dh { get; set; }

    public required string Auth { get; set; }

    /// <summary>"Chrome on Android", as the browser said, so the rep can tell devices apart in Settings.</summary>
    public string? Device { get; set; }

    public Instant CreatedAt { get; set; }
}
