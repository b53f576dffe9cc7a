using NodaTime;
using Ringback.Calls;
using Ringback.Planner;

namespace Ringback.Callbacks;

/// <summary>What attribution needs to know of one call on a contact's timeline.</summary>
public sealed record CallOnRecord(Guid Id, CallDirection Direction, CallOutcome Outcome, Instant StartedAt, Instant LoggedAt, bool BookedMeeting)
{
    /// <summary>A message the prospect could return: a voicemail, or word left with a gatekeeper.</summary>
    public bool LeftMessage => Direction == CallDirection.Outbound && Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage;

    public static CallOnRecord From(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Id, call.Direction, call.Outcome, call.StartedAt, call.CreatedAt, call.AppointmentStart is not null);
    }
}

/// <summary>
/// What a contact's timeline says about one call: which attempt it was, which message it answered, and how its own
/// message fared. Only the fields that apply are set.
/// </summary>
public sealed record CallCredit(Guid CallId, int? AttemptNumber, Guid? CreditedCallId, Instant? CalledBackAt, Instant? MeetingBookedAt);

/// <summary>
/// Credits a returned call to the message that earned it, so
/// the numbers can say which strategy, attempt and hour get calls returned.
/// </summary>
/// <remarks>
/// The rules, all on one contact's calls:
/// <list type="bullet">
/// <item>Outbound calls are numbered 1, 2, 3… in the order they were made: the attempt number.</item>
/// <item>A call from the prospect (or their gatekeeper), answered or missed, is a callback of the latest message left
/// before it within the window — unless the rep and the prospect spoke in between, which makes it part of that
/// conversation rather than an answer to the message.</item>
/// <item>The message's callback time is its first credited callback; later ones are credited but do not move it.</item>
/// <item>A call that books a meeting, in either direction, credits the latest message left within the window before
/// it (a conversation in between does not matter: that is how a callback becomes a meeting).</item>
/// <item>Ties (two messages at the same instant) go to the one logged last, then the larger id: the same answer
/// whatever order the rows come in.</item>
/// </list>
/// </remarks>
public static class Attribution
{
    public static readonly Duration DefaultWindow = Duration.FromDays(14);

    /// <summary>
    /// Writes each call's attempt number and credits, and the prospect's local hour and weekday (when their zone is
    /// known), from the contact's whole timeline: what a logged call, and the demo, keep true.
    /// </summary>
    public static void Apply(IReadOnlyCollection<Call> contactCalls, DateTimeZone? prospectZone, Duration window, Duration promiseTolerance)
    {
        ArgumentNullException.ThrowIfNull(contactCalls);
        var credits = Assign(contactCalls.Select(CallOnRecord.From), window).ToDictionary(c => c.CallId);
        var outbound = contactCalls.Where(c => c.Direction == CallDirection.Outbound).Select(c => new CallMade(c.Id, c.StartedAt)).ToList();
        foreach (var call in contactCalls)
        {
            call.PromiseKeptByCallId = call.PromisedNextCallAt is { } promised ? PromiseKeeping.KeptBy(promised, outbound, promiseTolerance) : null;
            var credit = credits[call.Id];
            call.AttemptNumber = credit.AttemptNumber;
            call.CreditedCallId = credit.CreditedCallId;
            call.CalledBackAt = credit.CalledBackAt;
            call.MeetingBookedAt = credit.MeetingBookedAt;
            call.CallbackBucket = credit.CalledBackAt is { } back ? CallbackDelay.BucketOf(back - call.StartedAt) : null;
            if (prospectZone is not null)
            {
                var local = call.StartedAt.InZone(prospectZone);
                call.LocalHour = local.Hour;
                call.LocalDay = (int)local.DayOfWeek;
                call.LocalDate = local.Date;
            }
            else
            {
                // No zone, no local hour: an hour read in the wrong zone would mislead the heatmap.
                call.LocalHour = null;
                call.LocalDay = null;
                call.LocalDate = call.StartedAt.InUtc().Date;
            }
        }
    }

    public static IReadOnlyList<CallCredit> Assign(IEnumerable<CallOnRecord> calls, Duration window)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var ordered = calls.OrderBy(c => c.StartedAt).ThenBy(c => c.LoggedAt).ThenBy(c => c.Id).ToList();
        var attempts = new Dictionary<Guid, int>();
        var credited = new Dictionary<Guid, Guid>();
        var calledBack = new Dictionary<Guid, Instant>();
        var meetings = new Dictionary<Guid, Instant>();

        CallOnRecord? latestMessage = null;
        var spokeSinceMessage = false;
        var attempt = 0;
        foreach (var call in ordered)
        {
            var inWindow = latestMessage is not null && call.StartedAt > latestMessage.StartedAt && call.StartedAt - latestMessage.StartedAt <= window;
            if (call.Direction == CallDirection.Inbound && inWindow && !spokeSinceMessage)
            {
                credited[call.Id] = latestMessage!.Id;
                calledBack.TryAdd(latestMessage.Id, call.StartedAt);
            }

            if (call.BookedMeeting && inWindow)
            {
                credited.TryAdd(call.Id, latestMessage!.Id);
                meetings.TryAdd(latestMessage.Id, call.StartedAt);
            }

            if (call.Direction == CallDirection.Outbound)
            {
                attempts[call.Id] = ++attempt;
            }

            if (call.LeftMessage)
            {
                latestMessage = call;
                spokeSinceMessage = false;
            }
            else if (call.Outcome == CallOutcome.Connected)
            {
                spokeSinceMessage = true;
            }
        }

        return [.. ordered.Select(c => new CallCredit(
            c.Id,
            attempts.TryGetValue(c.Id, out var n) ? n : null,
            credited.TryGetValue(c.Id, out var m) ? m : null,
            calledBack.TryGetValue(c.Id, out var back) ? back : null,
            meetings.TryGetValue(c.Id, out var meeting) ? meeting : null))];
    }
}
