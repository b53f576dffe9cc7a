using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Scheduling;

namespace Ringback.Planner;

/// <summary>What a queue item is for. The order is the queue's order.</summary>
public enum FollowUpKind
{
    Promise,
    Appointment,
    ExpectedCallback,
    CadenceStep,
    NewContact,
    /// <summary>A promised minute that passed with no call: the next lawful time is proposed, without "as promised".</summary>
    MissedPromise,
}

/// <summary>A call as the planner needs it.</summary>
public sealed record CallFact(Guid Id, Guid UserId, CallDirection Direction, CallOutcome Outcome, Instant StartedAt,
    Instant? PromisedNextCallAt = null, Instant? AppointmentStart = null, Strategy? Strategy = null)
{
    public bool LeftMessage => Direction == CallDirection.Outbound && Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage;

    public static CallFact From(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Id, call.UserId, call.Direction, call.Outcome, call.StartedAt, call.PromisedNextCallAt, call.AppointmentStart, call.Strategy);
    }

    /// <summary>A conversation, a call from them, or a meeting: the prospect responded.</summary>
    public bool IsResponse => Outcome == CallOutcome.Connected || Direction == CallDirection.Inbound || AppointmentStart is not null;
}

/// <summary>A contact's place in a cadence.</summary>
public sealed record Enrollment(Guid Id, Guid UserId, Cadence Cadence, Instant StartedAt, bool KeepAfterEnd);

/// <summary>Settings the planner takes.</summary>
public sealed record PlannerSettings
{
    public Duration PromiseTolerance { get; init; } = Duration.FromMinutes(10);

    public int ExpectCallbackBusinessDays { get; init; } = 1;

    /// <summary>When a business day ends for "expect a callback by".</summary>
    public LocalTime EndOfBusinessDay { get; init; } = new(17, 0);
}

public sealed record PlanInput
{
    public required Guid ContactId { get; init; }
    public Guid? OwnerId { get; init; }

    /// <summary>
    /// When the contact was last given to <see cref="OwnerId"/> (a rep left, a book was rebalanced): whatever calls made
    /// before then still owe — a promise, an appointment, an expected callback — is the new owner's to keep.
    /// </summary>
    public Instant? HandedOverAt { get; init; }

    public ContactStatus Status { get; init; }

    /// <summary>The contact's calls, newest first.</summary>
    public IReadOnlyList<CallFact> Calls { get; init; } = [];

    public Enrollment? Enrollment { get; init; }

    public required DateTimeZone ProspectZone { get; init; }

    /// <summary>Lawful hours at the prospect's location and the rep's working hours: every planned call falls inside all of them.</summary>
    public IReadOnlyList<CallWindow> Lawful { get; init; } = [];

    /// <summary>When a gatekeeper said the prospect is available: preferred, not required.</summary>
    public CallWindow? Preferred { get; init; }

    public required Instant Now { get; init; }

    public PlannerSettings Settings { get; init; } = new();
}

/// <summary>One thing to do for a contact, for whom, by when, and why.</summary>
public sealed record PlannedFollowUp(FollowUpKind Kind, Guid? UserId, Instant DueAt, Strategy? Strategy, string Why, Guid? SourceCallId = null, int? CadenceStep = null);

/// <summary>How a cadence enrolment ended.</summary>
public sealed record EnrollmentEnd(Guid EnrollmentId, Instant At, string Reason, bool MoveOn);

public sealed record ContactPlan(IReadOnlyList<PlannedFollowUp> Items, EnrollmentEnd? Ended);

/// <summary>
/// Plans a contact's follow-ups from their calls: the promised call, the expected callback (a message
/// left asks to be called back by a time), the next cadence step, and appointments. At most one call is planned per contact, never outside the
/// lawful windows. Pure: the storage layer feeds it and writes back what it returns.
/// </summary>
public static class FollowUpPlanner
{
    public static ContactPlan Plan(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = new List<PlannedFollowUp>();
        items.AddRange(Appointments(input));
        if (input.Status == ContactStatus.DoNotCall)
        {
            return new ContactPlan(HandOver(items, input), null);
        }

        var (step, ended) = NextCadenceStep(input);
        var call = input.Status == ContactStatus.MovedOn || ended is { MoveOn: true } ? null : Promise(input) ?? step ?? ExpectedCallback(input);
        if (call is not null)
        {
            items.Add(call);
        }

        return new ContactPlan(HandOver(items, input), ended);
    }

    /// <summary>Items owed by calls made before the contact was handed over go to its new owner.</summary>
    private static List<PlannedFollowUp> HandOver(List<PlannedFollowUp> items, PlanInput input)
    {
        if (input.HandedOverAt is not { } handedOver || input.OwnerId is not { } owner)
        {
            return items;
        }

        var before = input.Calls.Where(c => c.StartedAt <= handedOver).Select(c => c.Id).ToHashSet();
        return [.. items.Select(i => i.SourceCallId is { } source && before.Contains(source) ? i with { UserId = owner } : i)];
    }

    private static IEnumerable<PlannedFollowUp> Appointments(PlanInput input) =>
        input.Calls.Where(c => c.AppointmentStart is { } start && start >= input.Now - Duration.FromHours(2))
            .GroupBy(c => c.AppointmentStart)
            .Select(g => g.First())
            .Select(c => new PlannedFollowUp(FollowUpKind.Appointment, c.UserId, c.AppointmentStart!.Value, null,
                $"Appointment at {Local(c.AppointmentStart.Value, input.ProspectZone)} their time", c.Id));

    /// <summary>The newest promise, until a call near it keeps it, a later call supersedes it, or they respond.</summary>
    private static PlannedFollowUp? Promise(PlanInput input)
    {
        var promising = input.Calls.FirstOrDefault(c => c.PromisedNextCallAt is not null);
        if (promising is null)
        {
            return null;
        }

        var promised = promising.PromisedNextCallAt!.Value;
        var since = input.Calls.TakeWhile(c => c != promising).ToList();
        if (since.Any(c => c.IsResponse || (c.Direction == CallDirection.Outbound && c.StartedAt >= promised - input.Settings.PromiseTolerance)))
        {
            return null;
        }

        if (input.Now > promised + input.Settings.PromiseTolerance)
        {
            // Missed: the call is still owed, at the next lawful minute; "as promised" would no longer be true.
            var next = CallingTimes.NextAllowed(input.Now, input.Lawful) ?? input.Now;
            return new PlannedFollowUp(FollowUpKind.MissedPromise, promising.UserId, next, null,
                $"Promised for {Local(promised, input.ProspectZone)} their time and not called then; next lawful time {Local(next, input.ProspectZone)}", promising.Id);
        }

        return new PlannedFollowUp(FollowUpKind.Promise, promising.UserId, promised, Strategy.AsPromised,
            $"You promised to call at {Local(promised, input.ProspectZone)} their time", promising.Id);
    }

    /// <summary>A message was left; if no callback comes by the end of their next business day, call again.</summary>
    private static PlannedFollowUp? ExpectedCallback(PlanInput input)
    {
        var latest = input.Calls.Count > 0 ? input.Calls[0] : null;
        if (latest is null || !latest.LeftMessage)
        {
            return null;
        }

        var deadline = ExpectCallbackBy(latest.StartedAt, input.ProspectZone, input.Settings);
        var due = CallingTimes.NextAllowed(deadline, input.Lawful) ?? deadline;
        return new PlannedFollowUp(FollowUpKind.ExpectedCallback, latest.UserId, due, null,
            $"Left a message {Local(latest.StartedAt, input.ProspectZone)}; expected a callback by {Local(deadline, input.ProspectZone)} their time", latest.Id);
    }

    /// <summary>The end of the prospect's N-th business day (Monday to Friday) after a message.</summary>
    public static Instant ExpectCallbackBy(Instant leftAt, DateTimeZone zone, PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(settings);
        var date = leftAt.InZone(zone).Date;
        for (var left = settings.ExpectCallbackBusinessDays; left > 0;)
        {
            date = date.PlusDays(1);
            if (date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                left--;
            }
        }

        return LocalTimes.Resolve(date.At(settings.EndOfBusinessDay), zone).ToInstant();
    }

    private static (PlannedFollowUp? Step, EnrollmentEnd? Ended) NextCadenceStep(PlanInput input)
    {
        if (input.Enrollment is not { } enrollment)
        {
            return (null, null);
        }

        var during = input.Calls.Where(c => c.StartedAt >= enrollment.StartedAt).ToList();
        if (during.FirstOrDefault(c => c.IsResponse) is { } response)
        {
            var why = response.AppointmentStart is not null ? "a meeting was booked"
                : response.Direction == CallDirection.Inbound ? "they called back" : "you spoke with them";
            return (null, new EnrollmentEnd(enrollment.Id, response.StartedAt, why, MoveOn: false));
        }

        var attempts = during.Count(c => c.Direction == CallDirection.Outbound);
        var steps = enrollment.Cadence.Steps;
        if (attempts >= steps.Count || attempts >= enrollment.Cadence.MaxAttempts)
        {
            // Those who never respond after a disciplined run are not your customers; move on, unless the rep says otherwise.
            return (null, new EnrollmentEnd(enrollment.Id, during.Count > 0 ? during[0].StartedAt : input.Now, "every step was tried without a response", !enrollment.KeepAfterEnd));
        }

        var step = steps[attempts];
        var startDate = enrollment.StartedAt.InZone(input.ProspectZone).Date;
        var opens = LocalTimes.Resolve(startDate.PlusDays(step.Day).At(step.From), input.ProspectZone).ToInstant();
        var lastAttempt = during.FirstOrDefault(c => c.Direction == CallDirection.Outbound)?.StartedAt;
        var from = Max(opens, input.Now, lastAttempt is { } last ? last + Duration.FromHours(1) : opens);
        var stepWindow = new CallWindow("the step's window", WeeklyWindows.Of(new WeeklyWindow(AllDays, step.From, step.To)), input.ProspectZone, enrollment.Cadence.Name);
        var due = Plan(from, input, stepWindow);
        if (due is null)
        {
            return (null, null);
        }

        return (new PlannedFollowUp(FollowUpKind.CadenceStep, enrollment.UserId, due.Value, step.Strategy,
            $"{enrollment.Cadence.Name}: step {attempts + 1} of {steps.Count} (day {step.Day})", null, attempts), null);
    }

    /// <summary>The step's window and the gatekeeper's hours if they meet within a day, else the step's window within two, else any lawful time.</summary>
    private static Instant? Plan(Instant from, PlanInput input, CallWindow stepWindow)
    {
        if (input.Preferred is { } preferred && CallingTimes.NextAllowed(from, [.. input.Lawful, stepWindow, preferred]) is { } best && best - from <= Duration.FromDays(1))
        {
            return best;
        }

        if (CallingTimes.NextAllowed(from, [.. input.Lawful, stepWindow]) is { } good && good - from <= Duration.FromDays(2))
        {
            return good;
        }

        return CallingTimes.NextAllowed(from, input.Lawful);
    }

    private static readonly HashSet<IsoDayOfWeek> AllDays = [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)];

    private static Instant Max(params Instant[] instants) => instants.Max();

    private static string Local(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Phone tag, detected so it can be broken.</summary>
public static class PhoneTag
{
    /// <summary>How many alternating misses make phone tag: we left a message, they called and missed us, we left another.</summary>
    public const int Threshold = 3;

    /// <summary>The run of alternating misses since the last conversation, newest first; phone tag when it reaches <see cref="Threshold"/>.</summary>
    public static int Misses(IReadOnlyList<CallFact> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var run = 0;
        CallDirection? previous = null;
        foreach (var call in newestFirst)
        {
            var missedThem = call.LeftMessage;
            var missedUs = call.Direction == CallDirection.Inbound && call.Outcome != CallOutcome.Connected;
            if (!missedThem && !missedUs)
            {
                break;
            }

            if (previous is { } p && p == call.Direction)
            {
                // Two messages from the same side in a row are persistence, not tag; the run alternates or stops.
                break;
            }

            run++;
            previous = call.Direction;
        }

        return run;
    }

    public static bool IsTag(IReadOnlyList<CallFact> newestFirst) => Misses(newestFirst) >= Threshold;

    public const string Advice = "You are playing phone tag. Break it: email them to ask for a day and time that suits them, " +
        "or leave an exact time you will call and keep it to the minute.";
}
