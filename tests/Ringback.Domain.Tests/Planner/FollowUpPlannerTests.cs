using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Planner;

public class FollowUpPlannerTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Guid Rep = Guid.NewGuid();
    private static readonly IReadOnlyList<CallWindow> Lawful =
        [.. CallingLaws.For("US", "NY").Select(r => new CallWindow(r.Name, r.Windows, NewYork, r.Source))];

    private static Instant Ny(int month, int day, int hour, int minute = 0) => LocalTimes.Resolve(new LocalDateTime(2026, month, day, hour, minute), NewYork).ToInstant();

    private static CallFact Call(Instant at, CallOutcome outcome = CallOutcome.VoicemailLeft, CallDirection direction = CallDirection.Outbound,
        Instant? promise = null, Instant? appointment = null) => new(Guid.NewGuid(), Rep, direction, outcome, at, promise, appointment);

    private static ContactPlan Plan(Instant now, params CallFact[] newestFirst) => FollowUpPlanner.Plan(new PlanInput
    {
        ContactId = Guid.NewGuid(), Calls = newestFirst, ProspectZone = NewYork, Lawful = Lawful, Now = now, Status = ContactStatus.Working,
    });

    [Fact]
    public void A_promise_is_due_at_its_minute_with_the_as_promised_strategy()
    {
        var promise = Ny(11, 24, 8, 15);
        var item = Plan(Ny(11, 23, 12), Call(Ny(11, 23, 11), promise: promise)).Items.ShouldHaveSingleItem();
        (item.Kind, item.DueAt, item.Strategy).ShouldBe((FollowUpKind.Promise, promise, Strategy.AsPromised));
        item.Why.ShouldBe("You promised to call at Tue 24 Nov 08:15 their time");
    }

    [Fact]
    public void A_promise_made_before_a_dst_change_for_after_it_is_kept_in_local_time()
    {
        // Saturday 7 March 2026, EST; the promise is for Monday 9 March 08:15, after the clocks went forward: 12:15 UTC, not 13:15.
        var promise = LocalTimes.Resolve(new LocalDateTime(2026, 3, 9, 8, 15), NewYork).ToInstant();
        promise.ShouldBe(Instant.FromUtc(2026, 3, 9, 12, 15));
        Plan(Ny(3, 7, 12), Call(Ny(3, 7, 11), promise: promise)).Items.Single().DueAt.InZone(NewYork).TimeOfDay.ShouldBe(new LocalTime(8, 15));
    }

    [Theory]
    [InlineData(-9, false)]
    [InlineData(9, false)]
    [InlineData(-11, true)]
    public void A_call_within_the_tolerance_keeps_the_promise(int minutesFromPromise, bool stillDue)
    {
        var promise = Ny(11, 24, 8, 15);
        var plan = Plan(Ny(11, 24, 9), Call(promise + Duration.FromMinutes(minutesFromPromise), CallOutcome.NoAnswer), Call(Ny(11, 23, 11), promise: promise));
        // At 09:00 the promised 08:15 is past its tolerance: a promise not kept is still owed, as a missed one.
        plan.Items.Any(i => i.Kind == FollowUpKind.MissedPromise).ShouldBe(stillDue);
    }

    [Fact]
    public void A_missed_promise_stays_in_the_queue_at_the_next_lawful_time_without_as_promised_until_a_call_is_made_and_a_callback_clears_it()
    {
        var promise = Ny(11, 24, 8, 15);
        var promising = Call(Ny(11, 23, 11), promise: promise);
        Plan(Ny(11, 24, 8, 20), promising).Items.Single().Kind.ShouldBe(FollowUpKind.Promise, "within the tolerance it is still the promise");
        var missed = Plan(Ny(11, 25, 9), promising).Items.Single();
        (missed.Kind, missed.DueAt, missed.Strategy).ShouldBe((FollowUpKind.MissedPromise, Ny(11, 25, 9), (Strategy?)null));
        missed.Why.ShouldContain("not called then");
        // Missed at 22:00 their time: the next lawful minute is 08:00 the next morning (US federal hours).
        Plan(Ny(11, 24, 22), promising).Items.Single().DueAt.ShouldBe(Ny(11, 25, 8));
        Plan(Ny(11, 24, 8), Call(Ny(11, 23, 16), CallOutcome.Connected, CallDirection.Inbound), promising).Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_message_left_on_friday_expects_a_callback_by_the_end_of_monday()
    {
        var friday = Ny(11, 27, 16);
        var item = Plan(friday, Call(friday)).Items.ShouldHaveSingleItem();
        item.Kind.ShouldBe(FollowUpKind.ExpectedCallback);
        item.DueAt.ShouldBe(Ny(11, 30, 17));
        FollowUpPlanner.ExpectCallbackBy(friday, NewYork, new PlannerSettings { ExpectCallbackBusinessDays = 2 }).ShouldBe(Ny(12, 1, 17));
    }

    [Fact]
    public void A_callback_after_a_message_clears_the_expectation()
    {
        Plan(Ny(11, 24, 12), Call(Ny(11, 24, 10), CallOutcome.NoAnswer, CallDirection.Inbound), Call(Ny(11, 23, 16))).Items.ShouldBeEmpty();
    }

    [Fact]
    public void Appointments_are_planned_beside_the_call_and_do_not_call_contacts_get_nothing_else()
    {
        var meeting = Ny(11, 26, 14);
        var call = Call(Ny(11, 23, 11), CallOutcome.Connected, appointment: meeting, promise: Ny(11, 25, 9));
        var plan = Plan(Ny(11, 23, 12), call);
        plan.Items.Select(i => i.Kind).ShouldBe([FollowUpKind.Appointment, FollowUpKind.Promise]);
        FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = Guid.NewGuid(), Calls = [Call(Ny(11, 23, 11), promise: Ny(11, 25, 9))], ProspectZone = NewYork, Lawful = Lawful, Now = Ny(11, 23, 12),
            Status = ContactStatus.DoNotCall,
        }).Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_cadence_plans_each_step_in_its_window_and_ends_when_they_respond()
    {
        var cadence = Cadence.Defaults[0];
        var start = Ny(11, 23, 7);
        var enrollment = new Enrollment(Guid.NewGuid(), Rep, cadence, start, KeepAfterEnd: false);
        ContactPlan PlanWith(Instant now, params CallFact[] calls) => FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = Guid.NewGuid(), Calls = calls, Enrollment = enrollment, ProspectZone = NewYork, Lawful = Lawful, Now = now, Status = ContactStatus.Working,
        });

        var first = PlanWith(start).Items.ShouldHaveSingleItem();
        (first.Kind, first.DueAt, first.Strategy, first.CadenceStep).ShouldBe((FollowUpKind.CadenceStep, Ny(11, 23, 9), Strategy.WarmColdCall, 0));
        var second = PlanWith(Ny(11, 23, 9, 5), Call(Ny(11, 23, 9, 2))).Items.ShouldHaveSingleItem();
        (second.DueAt, second.Strategy).ShouldBe((Ny(11, 25, 8), Strategy.AsPromised));
        second.Why.ShouldBe("Seven touches in a month: step 2 of 7 (day 2)");

        var answered = PlanWith(Ny(11, 25, 9), Call(Ny(11, 25, 8, 5), CallOutcome.Connected), Call(Ny(11, 23, 9, 2)));
        answered.Items.ShouldBeEmpty();
        (answered.Ended!.Reason, answered.Ended.MoveOn).ShouldBe(("you spoke with them", false));
    }

    [Fact]
    public void After_the_last_step_without_a_response_the_contact_is_moved_on_unless_the_rep_keeps_them()
    {
        var cadence = new Cadence("Two tries", Cadence.Parse("day 0 09:00-11:00 vague; day 1 09:00-11:00 straight-ahead-pitch"), 2);
        var calls = new[] { Call(Ny(11, 24, 9, 30)), Call(Ny(11, 23, 9, 30)) };
        ContactPlan PlanWith(bool keep) => FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = Guid.NewGuid(), Calls = calls, ProspectZone = NewYork, Lawful = Lawful, Now = Ny(11, 24, 10), Status = ContactStatus.Working,
            Enrollment = new Enrollment(Guid.NewGuid(), Rep, cadence, Ny(11, 23, 7), keep),
        });

        var movedOn = PlanWith(keep: false);
        movedOn.Ended!.MoveOn.ShouldBeTrue();
        movedOn.Items.ShouldBeEmpty();
        var kept = PlanWith(keep: true);
        kept.Ended!.MoveOn.ShouldBeFalse();
        kept.Items.Single().Kind.ShouldBe(FollowUpKind.ExpectedCallback);
    }

    [Fact]
    public void A_cadence_step_prefers_the_hours_a_gatekeeper_gave()
    {
        var cadence = new Cadence("One", Cadence.Parse("day 0 08:00-18:00 vague"), 1);
        var plan = FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = Guid.NewGuid(), ProspectZone = NewYork, Lawful = Lawful, Now = Ny(11, 23, 7), Status = ContactStatus.Working,
            Enrollment = new Enrollment(Guid.NewGuid(), Rep, cadence, Ny(11, 23, 7), false),
            Preferred = new CallWindow("Pat Smith said", WeeklyWindows.Parse("Mon 15:00-16:00"), NewYork, "gatekeeper"),
        });
        plan.Items.Single().DueAt.ShouldBe(Ny(11, 23, 15));
    }

    [Fact]
    public void Cadence_text_round_trips_and_bad_steps_are_named()
    {
        var text = "day 0 09:00-11:00 warm-cold-call; day 2 08:00-09:00 as-promised";
        Cadence.Format(Cadence.Parse(text)).ShouldBe(text);
        Cadence.TryParse("day 0 09:00-11:00 vague; day x 08:00-09:00 vague", out _, out var error).ShouldBeFalse();
        error.ShouldBe("step 2 'day x 08:00-09:00 vague' should read like 'day 2 08:00-09:00 as-promised'");
        Cadence.TryParse("day 3 09:00-11:00 vague; day 1 09:00-10:00 vague", out _, out error).ShouldBeFalse();
        error.ShouldBe("step 2: day 1 comes before the previous step's day 3");
        Cadence.TryParse("day 0 09:00-11:00 flattery", out _, out error).ShouldBeFalse();
        error!.ShouldStartWith("step 1: 'flattery' is not a strategy");
        Cadence.Defaults.Select(c => c.Steps[c.Steps.Count - 1].Strategy).ShouldAllBe(s => s == Strategy.StraightAheadPitch);
    }

    [Fact]
    public void After_a_hand_over_what_earlier_calls_owe_is_the_new_owners_and_later_calls_keep_their_rep()
    {
        var taker = Guid.NewGuid();
        var handedOver = Ny(11, 23, 12);
        var earlier = Call(Ny(11, 23, 11), promise: Ny(11, 25, 9), appointment: Ny(11, 26, 14));
        ContactPlan PlanWith(params CallFact[] calls) => FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = Guid.NewGuid(), OwnerId = taker, HandedOverAt = handedOver, Calls = calls, ProspectZone = NewYork, Lawful = Lawful,
            Now = Ny(11, 23, 13), Status = ContactStatus.Working,
        });

        PlanWith(earlier).Items.ShouldAllBe(i => i.UserId == taker, "the promise and the appointment Rep made go to the new owner");

        var colleague = Guid.NewGuid();
        var later = new CallFact(Guid.NewGuid(), colleague, CallDirection.Outbound, CallOutcome.VoicemailLeft, Ny(11, 23, 12, 30), Ny(11, 25, 10), null);
        var plan = PlanWith(later, earlier);
        plan.Items.Single(i => i.Kind == FollowUpKind.Promise).UserId.ShouldBe(colleague, "a promise made after the hand-over is its maker's");
        plan.Items.Single(i => i.Kind == FollowUpKind.Appointment).UserId.ShouldBe(taker);
    }
}

public class PhoneTagTests
{
    private static CallFact Fact(CallDirection direction, CallOutcome outcome) => new(Guid.NewGuid(), Guid.NewGuid(), direction, outcome, Instant.FromUtc(2026, 11, 1, 0, 0));

    private static readonly CallFact WeLeftAMessage = Fact(CallDirection.Outbound, CallOutcome.VoicemailLeft);
    private static readonly CallFact TheyMissedUs = Fact(CallDirection.Inbound, CallOutcome.NoAnswer);
    private static readonly CallFact WeSpoke = Fact(CallDirection.Outbound, CallOutcome.Connected);

    [Fact]
    public void Alternating_misses_are_phone_tag()
    {
        PhoneTag.IsTag([WeLeftAMessage, TheyMissedUs, WeLeftAMessage]).ShouldBeTrue();
        PhoneTag.Misses([TheyMissedUs, WeLeftAMessage, TheyMissedUs, WeLeftAMessage, WeSpoke, WeLeftAMessage]).ShouldBe(4);
    }

    [Fact]
    public void Persistence_from_one_side_or_a_conversation_is_not()
    {
        PhoneTag.IsTag([WeLeftAMessage, WeLeftAMessage, WeLeftAMessage]).ShouldBeFalse();
        PhoneTag.IsTag([WeLeftAMessage, TheyMissedUs, WeSpoke, TheyMissedUs]).ShouldBeFalse();
        PhoneTag.IsTag([]).ShouldBeFalse();
    }
}

public class ICalendarTests
{
    [Fact]
    public void Text_is_escaped_and_long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var ics = ICalendar.Write("Freda's calls", [
            new CalendarEvent("call-1@ringback", Instant.FromUtc(2026, 3, 9, 12, 15), Instant.FromUtc(2026, 3, 9, 12, 30),
                "Call Sue Jones; as promised, at 08:15", "Line one\nLine two \\ done " + new string('é', 60), "XYZ, 3rd floor")],
            Instant.FromUtc(2026, 3, 1, 0, 0));

        ics.ShouldContain("SUMMARY:Call Sue Jones\\; as promised\\, at 08:15\r\n");
        ics.ShouldContain("LOCATION:XYZ\\, 3rd floor\r\n");
        ics.ShouldContain("DTSTART:20260309T121500Z\r\n");
        ics.ShouldContain("DESCRIPTION:Line one\\nLine two \\\\ done ");
        foreach (var line in ics.Split("\r\n"))
        {
            System.Text.Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
        }

        ics.Split("\r\n").Count(l => l.StartsWith(' ')).ShouldBeGreaterThan(0);
        ics.Replace("\r\n ", "", StringComparison.Ordinal).ShouldContain(new string('é', 60));
        ics.ShouldEndWith("END:VCALENDAR\r\n");
    }
}

public class PromiseKeepingTests
{
    private static readonly Instant Promised = Instant.FromUtc(2026, 11, 24, 13, 15);
    private static readonly Guid Freda = Guid.NewGuid();
    private static readonly Guid Dana = Guid.NewGuid();

    [Fact]
    public void The_first_call_within_the_tolerance_keeps_a_promise_and_a_call_just_outside_does_not()
    {
        var early = new CallMade(Guid.NewGuid(), Promised - Duration.FromMinutes(10));
        var near = new CallMade(Guid.NewGuid(), Promised + Duration.FromMinutes(3));
        var late = new CallMade(Guid.NewGuid(), Promised + Duration.FromMinutes(10) + Duration.FromSeconds(1));
        var tolerance = Duration.FromMinutes(10);

        PromiseKeeping.KeptBy(Promised, [late, near, early], tolerance).ShouldBe(early.CallId);
        PromiseKeeping.KeptBy(Promised, [near, late], tolerance).ShouldBe(near.CallId);
        PromiseKeeping.KeptBy(Promised, [late], tolerance).ShouldBeNull();
        PromiseKeeping.KeptBy(Promised, [], tolerance).ShouldBeNull();
    }

    [Fact]
    public void A_promise_not_kept_is_pending_until_its_tolerance_passes_then_missed()
    {
        var tolerance = Duration.FromMinutes(10);
        var tally = PromiseKeeping.Tally(
            [new(Freda, Promised, Kept: true), new(Freda, Promised, Kept: false), new(Freda, Promised + Duration.FromMinutes(55), Kept: false),
             new(Dana, Promised - Duration.FromDays(1), Kept: false)],
            tolerance, Promised + Duration.FromHours(1));

        var freda = tally.Single(t => t.UserId == Freda);
        (freda.Kept, freda.Missed, freda.Pending, freda.Due).ShouldBe((1, 1, 1, 2));
        var dana = tally.Single(t => t.UserId == Dana);
        (dana.Kept, dana.Missed, dana.Pending).ShouldBe((0, 1, 0));
    }
}
