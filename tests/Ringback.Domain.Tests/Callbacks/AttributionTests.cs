using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Domain.Tests.Callbacks;

public class AttributionTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 2, 15, 0);
    private static readonly Duration Window = Attribution.DefaultWindow;

    private static CallOnRecord Message(double days, CallOutcome outcome = CallOutcome.VoicemailLeft, double loggedLate = 0) =>
        new(Guid.NewGuid(), CallDirection.Outbound, outcome, At(days), At(days + loggedLate), BookedMeeting: false);

    private static CallOnRecord Outbound(double days, CallOutcome outcome, bool meeting = false) =>
        new(Guid.NewGuid(), CallDirection.Outbound, outcome, At(days), At(days), meeting);

    private static CallOnRecord Callback(double days, bool answered = true, bool meeting = false) =>
        new(Guid.NewGuid(), CallDirection.Inbound, answered ? CallOutcome.Connected : CallOutcome.NoAnswer, At(days), At(days), meeting);

    private static Instant At(double days) => Monday + Duration.FromMinutes(Math.Round(days * 24 * 60));

    private static Dictionary<Guid, CallCredit> Assign(params CallOnRecord[] calls) =>
        Attribution.Assign(calls.Reverse(), Window).ToDictionary(c => c.CallId);

    [Fact]
    public void A_callback_is_credited_to_the_latest_of_several_messages()
    {
        var first = Message(0);
        var second = Message(2, CallOutcome.GatekeeperMessage);
        var third = Message(5);
        var back = Callback(6);
        var credits = Assign(first, second, third, back);

        credits[back.Id].CreditedCallId.ShouldBe(third.Id);
        credits[third.Id].CalledBackAt.ShouldBe(back.StartedAt);
        credits[first.Id].CalledBackAt.ShouldBeNull();
        credits[second.Id].CalledBackAt.ShouldBeNull();
    }

    [Fact]
    public void Attempts_are_numbered_in_the_order_they_were_made_whatever_order_they_were_logged()
    {
        var noAnswer = Outbound(0, CallOutcome.NoAnswer);
        var message = Message(1);
        var busy = Outbound(3, CallOutcome.Busy);
        var back = Callback(4);
        var credits = Attribution.Assign([busy, back, noAnswer, message], Window).ToDictionary(c => c.CallId);

        credits[noAnswer.Id].AttemptNumber.ShouldBe(1);
        credits[message.Id].AttemptNumber.ShouldBe(2);
        credits[busy.Id].AttemptNumber.ShouldBe(3);
        credits[back.Id].AttemptNumber.ShouldBeNull();
        credits[back.Id].CreditedCallId.ShouldBe(message.Id, "an unanswered attempt after the message leaves it the latest message");
    }

    [Fact]
    public void Two_messages_at_the_same_instant_credit_the_one_logged_last_in_any_input_order()
    {
        var early = Message(1);
        var late = Message(1, loggedLate: 0.1) with { StartedAt = early.StartedAt };
        var back = Callback(2);

        Attribution.Assign([early, late, back], Window).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBe(late.Id);
        Attribution.Assign([back, late, early], Window).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBe(late.Id);
    }

    [Fact]
    public void Two_messages_at_the_same_instant_logged_together_credit_the_larger_id_so_the_answer_never_depends_on_row_order()
    {
        var a = Message(1);
        var b = Message(1) with { StartedAt = a.StartedAt, LoggedAt = a.LoggedAt };
        var back = Callback(2);
        var expected = a.Id.CompareTo(b.Id) > 0 ? a.Id : b.Id;

        Attribution.Assign([a, b, back], Window).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBe(expected);
        Attribution.Assign([b, back, a], Window).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBe(expected);
    }

    [Fact]
    public void A_callback_on_the_last_minute_of_the_window_is_credited_and_one_a_minute_later_is_not()
    {
        var message = Message(0);
        var onTime = Callback(14);
        Assign(message, onTime)[onTime.Id].CreditedCallId.ShouldBe(message.Id);

        var late = new CallOnRecord(Guid.NewGuid(), CallDirection.Inbound, CallOutcome.Connected, message.StartedAt + Window + Duration.FromMinutes(1),
            message.StartedAt + Window + Duration.FromMinutes(1), false);
        var credits = Assign(message, late);
        credits[late.Id].CreditedCallId.ShouldBeNull();
        credits[message.Id].CalledBackAt.ShouldBeNull();
    }

    [Fact]
    public void A_configured_window_is_honoured()
    {
        var message = Message(0);
        var back = Callback(3);
        Attribution.Assign([message, back], Duration.FromDays(2)).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBeNull();
        Attribution.Assign([message, back], Duration.FromDays(3)).Single(c => c.CallId == back.Id).CreditedCallId.ShouldBe(message.Id);
    }

    [Fact]
    public void A_missed_callback_still_counts_as_the_message_returned()
    {
        var message = Message(0);
        var missed = Callback(1, answered: false);
        Assign(message, missed)[message.Id].CalledBackAt.ShouldBe(missed.StartedAt);
    }

    [Fact]
    public void The_first_callback_sets_the_time_and_a_second_before_any_conversation_is_credited_too()
    {
        var message = Message(0);
        var missed = Callback(1, answered: false);
        var again = Callback(1.5);
        var credits = Assign(message, missed, again);

        credits[message.Id].CalledBackAt.ShouldBe(missed.StartedAt);
        credits[again.Id].CreditedCallId.ShouldBe(message.Id);
    }

    [Fact]
    public void A_call_after_the_rep_and_prospect_spoke_is_part_of_that_conversation_not_a_callback()
    {
        var message = Message(0);
        var spoke = Outbound(1, CallOutcome.Connected);
        var later = Callback(2);
        var credits = Assign(message, spoke, later);

        credits[later.Id].CreditedCallId.ShouldBeNull();
        credits[message.Id].CalledBackAt.ShouldBeNull();
    }

    [Fact]
    public void A_meeting_booked_later_is_credited_to_the_message_even_after_a_conversation()
    {
        var message = Message(0);
        var back = Callback(1);
        var booked = Outbound(3, CallOutcome.Connected, meeting: true);
        var credits = Assign(message, back, booked);

        credits[booked.Id].CreditedCallId.ShouldBe(message.Id);
        credits[message.Id].MeetingBookedAt.ShouldBe(booked.StartedAt);
        credits[message.Id].CalledBackAt.ShouldBe(back.StartedAt);
    }

    [Fact]
    public void A_meeting_booked_on_the_callback_itself_is_credited_once()
    {
        var message = Message(0);
        var back = Callback(1, meeting: true);
        var credits = Assign(message, back);

        credits[back.Id].CreditedCallId.ShouldBe(message.Id);
        credits[message.Id].CalledBackAt.ShouldBe(back.StartedAt);
        credits[message.Id].MeetingBookedAt.ShouldBe(back.StartedAt);
    }

    [Fact]
    public void A_call_in_before_any_message_is_credited_to_nothing()
    {
        var early = Callback(0);
        var message = Message(1);
        var credits = Assign(early, message);
        credits[early.Id].CreditedCallId.ShouldBeNull();
        credits[message.Id].CalledBackAt.ShouldBeNull();
    }

    [Fact]
    public void A_new_message_after_a_conversation_can_be_called_back_again()
    {
        var first = Message(0);
        var spoke = Outbound(1, CallOutcome.Connected);
        var second = Message(5);
        var back = Callback(6);
        var credits = Assign(first, spoke, second, back);

        credits[back.Id].CreditedCallId.ShouldBe(second.Id);
        credits[second.Id].AttemptNumber.ShouldBe(3);
    }

    [Theory]
    [InlineData("Asia/Kolkata", 2026, 11, 2, 19, 0, "2026-11-03", 0)] // +05:30: past local midnight
    [InlineData("Pacific/Kiritimati", 2026, 11, 2, 10, 0, "2026-11-03", 0)] // +14: the next day at midnight
    [InlineData("Pacific/Pago_Pago", 2026, 11, 2, 10, 59, "2026-11-01", 23)] // -11: still the day before
    [InlineData("America/New_York", 2026, 3, 8, 7, 30, "2026-03-08", 3)] // just after the spring-forward gap
    public void A_call_is_dated_on_the_prospects_day(string zone, int y, int mo, int d, int h, int mi, string date, int hour)
    {
        var call = new Call { Id = Guid.NewGuid(), Direction = CallDirection.Outbound, Outcome = CallOutcome.VoicemailLeft, StartedAt = Instant.FromUtc(y, mo, d, h, mi) };
        Attribution.Apply([call], DateTimeZoneProviders.Tzdb[zone], Window, Duration.FromMinutes(15));
        call.LocalDate.ShouldBe(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value);
        call.LocalHour.ShouldBe(hour);
        call.LocalDay.ShouldBe((int)call.LocalDate!.Value.DayOfWeek);
    }

    [Fact]
    public void Without_a_zone_a_call_is_dated_on_the_UTC_day_and_left_out_of_the_hours()
    {
        var call = new Call { Id = Guid.NewGuid(), Direction = CallDirection.Outbound, Outcome = CallOutcome.VoicemailLeft, StartedAt = Instant.FromUtc(2026, 11, 2, 23, 30), LocalHour = 18, LocalDay = 1 };
        Attribution.Apply([call], null, Window, Duration.FromMinutes(15));
        call.LocalDate.ShouldBe(new LocalDate(2026, 11, 2));
        call.LocalHour.ShouldBeNull();
        call.LocalDay.ShouldBeNull();
    }

    [Fact]
    public void A_returned_message_carries_the_bucket_of_how_soon()
    {
        var contact = Guid.NewGuid();
        var message = new Call { Id = Guid.NewGuid(), ContactId = contact, Direction = CallDirection.Outbound, Outcome = CallOutcome.VoicemailLeft, StartedAt = Monday };
        var back = new Call { Id = Guid.NewGuid(), ContactId = contact, Direction = CallDirection.Inbound, Outcome = CallOutcome.Connected, StartedAt = Monday + Duration.FromMinutes(100) };
        Attribution.Apply([message, back], DateTimeZone.Utc, Window, Duration.FromMinutes(15));
        message.CallbackBucket.ShouldBe(CallbackDelay.BucketOf(Duration.FromMinutes(100)));
        CallbackDelay.UpperBound(message.CallbackBucket!.Value).ShouldBe(Duration.FromMinutes(120));
        back.CallbackBucket.ShouldBeNull();
    }
}
