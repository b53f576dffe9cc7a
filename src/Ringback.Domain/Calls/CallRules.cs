using NodaTime;
using Ringback.Validation;

namespace Ringback.Calls;

/// <summary>A call as logged by a rep, the API or the CLI, before it is checked.</summary>
/// <summary>A call as it is reported: what the page, the API (as JSON) and the CLI hand the call log.</summary>
public record CallDraft
{
    /// <summary>A logged call as a draft again: what a correction starts from when it changes one field.</summary>
    public static CallDraft From(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallDraft
        {
            Direction = Validation.EnumText.Format(call.Direction),
            StartedAt = call.StartedAt,
            DurationSeconds = call.DurationSeconds,
            Outcome = Validation.EnumText.Format(call.Outcome),
            AnsweredByGatekeeperId = call.AnsweredByGatekeeperId,
            Strategy = call.Strategy is { } strategy ? Validation.EnumText.Format(strategy) : null,
            MessageText = call.MessageText,
            KeepPlaceholders = call.MessageText is { } text && Coach.MessageCoach.PlaceholdersIn(text).Count > 0,
            Notes = call.Notes,
            PromisedNextCallAt = call.PromisedNextCallAt,
            Commitments = call.Commitments,
            AppointmentStart = call.AppointmentStart,
            AppointmentEnd = call.AppointmentEnd,
            AppointmentPlace = call.AppointmentPlace,
            AppointmentDirections = call.AppointmentDirections,
            DncOverrideReason = call.DncOverrideReason,
            ExternalId = call.ExternalId,
        };
    }

    public string? Direction { get; init; }
    public Instant? StartedAt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Outcome { get; init; }
    public Guid? AnsweredByGatekeeperId { get; init; }
    public string? Strategy { get; init; }
    public string? MessageText { get; init; }

    /// <summary>The rep confirms the message was left as written, placeholder and all (otherwise one is refused).</summary>
    public bool KeepPlaceholders { get; init; }
    public string? Notes { get; init; }
    public Instant? PromisedNextCallAt { get; init; }
    public string? Commitments { get; init; }
    public Instant? AppointmentStart { get; init; }
    public Instant? AppointmentEnd { get; init; }
    public string? AppointmentPlace { get; init; }
    public string? AppointmentDirections { get; init; }

    /// <summary>Why a number on a do-not-call list is called anyway; required for such a call, and recorded.</summary>
    public string? DncOverrideReason { get; init; }

    /// <summary>The prospect asked not to be called again: their numbers go on the organization's own list at once.</summary>
    public bool AskedNotToCall { get; init; }

    /// <summary>The telephony system's id for the call ("twilio:CA…"): the same id logs once.</summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// Whoever answered, when they are not yet one of the contact's gatekeepers: added with the call, or not at all
    ///.
    /// </summary>
    public Contacts.GatekeeperDraft? NewGatekeeper { get; init; }

    /// <summary>What whoever answered said about when the prospect is in; kept on that gatekeeper.</summary>
    public string? ProspectAvailable { get; init; }
}

public sealed record CallFields(
    CallDirection Direction,
    Instant StartedAt,
    int DurationSeconds,
    CallOutcome Outcome,
    Guid? AnsweredByGatekeeperId,
    Strategy? Strategy,
    string? MessageText,
    string? Notes,
    Instant? PromisedNextCallAt,
    string? Commitments,
    Instant? AppointmentStart,
    Instant? AppointmentEnd,
    string? AppointmentPlace,
    string? AppointmentDirections,
    string? DncOverrideReason = null,
    string? ExternalId = null)
{
    public const int ExternalIdMax = 100;

    public void ApplyTo(Call call)
    {
        call.Direction = Direction;
        call.StartedAt = StartedAt;
        call.DurationSeconds = DurationSeconds;
        call.Outcome = Outcome;
        call.AnsweredByGatekeeperId = AnsweredByGatekeeperId;
        call.Strategy = Strategy;
        call.MessageText = MessageText;
        call.Notes = Notes;
        call.PromisedNextCallAt = PromisedNextCallAt;
        call.Commitments = Commitments;
        call.AppointmentStart = AppointmentStart;
        call.AppointmentEnd = AppointmentEnd;
        call.AppointmentPlace = AppointmentPlace;
        call.AppointmentDirections = AppointmentDirections;
        call.DncOverrideReason = DncOverrideReason;
        call.ExternalId = ExternalId;
    }
}

public static class CallRules
{
    public const int MessageMax = 4000;

    /// <summary>The longest call we believe: a logged duration beyond it is a typo in seconds versus minutes.</summary>
    public static readonly Duration LongestCall = Duration.FromHours(12);

    /// <param name="draft">The call as logged.</param>
    /// <param name="now">The clock's reading, to refuse calls logged in the future.</param>
    public static Checked<CallFields> Check(CallDraft draft, Instant now)
    {
        var errors = new ValidationErrors();
        var direction = Field.Enum<CallDirection>(errors, "direction", draft.Direction) ?? CallDirection.Outbound;
        var outcome = Field.Enum<CallOutcome>(errors, "outcome", draft.Outcome);
        if (outcome is null && string.IsNullOrWhiteSpace(draft.Outcome))
        {
            errors.Add("outcome", $"is required: one of {EnumText.Choices<CallOutcome>()}");
        }

        var strategy = Field.Enum<Strategy>(errors, "strategy", draft.Strategy);
        var startedAt = draft.StartedAt ?? now;
        if (startedAt > now + Duration.FromMinutes(5))
        {
            errors.Add("startedAt", "is in the future; log a call once it has happened");
        }

        var duration = draft.DurationSeconds ?? 0;
        if (duration < 0 || duration > LongestCall.TotalSeconds)
        {
            errors.Add("durationSeconds", $"must be between 0 and {LongestCall.TotalSeconds:0} seconds");
        }

        var message = Field.Text(errors, "messageText", draft.MessageText, MessageMax);
        var leftMessage = outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage;
        if (message is not null && outcome is not null && !leftMessage)
        {
            errors.Add("messageText", "a message can only be left on voicemail or with a gatekeeper");
        }

        // A composed message still holding "[reason]" was almost never said that way: it is logged, and counted in
        // the stats as the message left, only when the rep says so.
        if (message is not null && !draft.KeepPlaceholders && Coach.MessageCoach.PlaceholdersIn(message) is { Count: > 0 } placeholders)
        {
            errors.Add("messageText", $"still holds {string.Join(", ", placeholders)}: write what you said there, or confirm that the message was left as written");
        }

        if (strategy is not null && outcome is not null && !leftMessage)
        {
            errors.Add("strategy", "a message strategy applies only when a message was left");
        }

        if (outcome == CallOutcome.GatekeeperMessage && draft.AnsweredByGatekeeperId is null)
        {
            // Always find out who took the message: a message left with a gatekeeper names them.
            errors.Add("answeredByGatekeeperId", "say which gatekeeper took the message");
        }

        if (draft.PromisedNextCallAt is { } promised && promised <= startedAt)
        {
            errors.Add("promisedNextCallAt", "must be after the call");
        }

        if (draft.AppointmentEnd is not null && draft.AppointmentStart is null)
        {
            errors.Add("appointmentStart", "is required when the appointment has an end");
        }

        if (draft.AppointmentStart is { } start && draft.AppointmentEnd is { } end && end <= start)
        {
            errors.Add("appointmentEnd", "must be after the appointment starts");
        }

        var notes = Field.Text(errors, "notes", draft.Notes, Contacts.ContactRules.NotesMax);
        var commitments = Field.Text(errors, "commitments", draft.Commitments, Contacts.ContactRules.NotesMax);
        var place = Field.Text(errors, "appointmentPlace", draft.AppointmentPlace, Contacts.ContactRules.ShortTextMax);
        var dncOverride = Field.Text(errors, "dncOverrideReason", draft.DncOverrideReason, 500);
        var externalId = Field.Text(errors, "externalId", draft.ExternalId, CallFields.ExternalIdMax);
        var directions = Field.Text(errors, "appointmentDirections", draft.AppointmentDirections, Contacts.ContactRules.NotesMax);
        if ((place is not null || directions is not null) && draft.AppointmentStart is null)
        {
            errors.Add("appointmentStart", "is required when the appointment has a place or directions");
        }

        return errors.IsEmpty
            ? new(new CallFields(direction, startedAt, duration, outcome!.Value, draft.AnsweredByGatekeeperId, strategy, message, notes,
                draft.PromisedNextCallAt, commitments, draft.AppointmentStart, draft.AppointmentEnd, place, directions, dncOverride, externalId), errors)
            : new(null, errors);
    }
}
