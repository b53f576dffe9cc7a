using NodaTime;
using Ringback.Reminders;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Reminders;

public class ReminderRulesTests
{
    private static readonly Guid Freda = Guid.NewGuid();
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
    private static readonly Instant Promised = Instant.FromUtc(2026, 11, 25, 13, 15); // 08:15 in New York

    private static (ReminderSettings, WeeklyWindows, DateTimeZone) Rep(ReminderSettings settings) => (settings, WeeklyWindows.Parse("Mon-Fri 09:00-17:00"), Chicago);

    [Fact]
    public void A_promise_is_reminded_at_the_lead_time_and_an_appointment_outside_working_hours_only_when_the_rep_wants_it()
    {
        var evening = Instant.FromUtc(2026, 11, 25, 23, 30); // 17:30 in Chicago
        PlannedCall[] calls = [new(ReminderKind.Promise, Freda, Promised), new(ReminderKind.Appointment, Freda, evening)];

        var all = ReminderRules.Wanted(calls, _ => Rep(ReminderSettings.Default with { LeadMinutes = 7 }));
        all.Select(w => (w.Kind, w.RemindAt)).ShouldBe([(ReminderKind.Promise, Promised - Duration.FromMinutes(7)), (ReminderKind.Appointment, evening - Duration.FromMinutes(7))]);

        var workingHours = ReminderRules.Wanted(calls, _ => Rep(ReminderSettings.Default with { WorkingHoursOnly = true }));
        workingHours.Select(w => w.Kind).ShouldBe([ReminderKind.Promise], "a promised call is reminded whatever the hour");

        ReminderRules.Wanted(calls, _ => Rep(new ReminderSettings(5, false, false, false, false))).ShouldBeEmpty();
    }

    [Fact]
    public void A_reminder_reached_after_its_minute_and_the_tolerance_is_past_its_use_and_a_digest_two_hours_after_the_day_began()
    {
        var tolerance = Duration.FromMinutes(10);
        ReminderRules.PastUse(ReminderKind.Promise, Promised, Promised + Duration.FromMinutes(10), tolerance).ShouldBeFalse();
        ReminderRules.PastUse(ReminderKind.Promise, Promised, Promised + Duration.FromMinutes(10) + Duration.FromSeconds(1), tolerance).ShouldBeTrue();
        ReminderRules.PastUse(ReminderKind.Digest, Promised, Promised + Duration.FromMinutes(119), tolerance).ShouldBeFalse();
        ReminderRules.PastUse(ReminderKind.Digest, Promised, Promised + Duration.FromHours(3), tolerance).ShouldBeTrue();
        ReminderRules.PastUse(ReminderKind.MissedPromise, Promised, Promised + Duration.FromDays(1), tolerance).ShouldBeFalse();
    }

    [Fact]
    public void A_failed_channel_is_retried_after_1_2_4_8_16_then_30_minutes()
    {
        var now = Promised;
        Enumerable.Range(1, 7).Select(n => (ReminderRules.NextAttempt(now, n) - now).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 30, 30]);
    }

    [Theory]
    [InlineData("America/New_York", "Mon-Fri 09:00-12:00; Mon 07:30-08:00", 2026, 11, 23, "2026-11-23T12:30:00Z")] // a Monday: the earliest window
    [InlineData("Asia/Kolkata", "", 2026, 11, 23, "2026-11-23T02:30:00Z")] // half-hour zone, no windows: 08:00
    [InlineData("America/New_York", "Sun 02:30-06:00", 2027, 3, 14, "2027-03-14T07:30:00Z")] // 02:30 does not exist that day (DST gap): 03:30 EDT
    public void The_working_day_starts_at_the_rep_s_earliest_window_in_their_zone(string zone, string hours, int y, int m, int d, string expected)
    {
        var start = ReminderRules.WorkdayStart(new LocalDate(y, m, d), WeeklyWindows.Parse(hours), DateTimeZoneProviders.Tzdb[zone]);
        start.ToString().ShouldBe(expected);
    }

    [Fact]
    public void A_promise_reminder_says_whom_to_call_the_number_the_opener_their_time_and_what_was_promised()
    {
        var message = ReminderRules.Compose(new ReminderFacts
        {
            Kind = ReminderKind.Promise, ProspectName = "Sue Jones", ProspectFirstName = "Sue", Company = "Acme Freight", Phone = "+12125550147", PhoneShown = "+12125550147",
            ProspectZone = NewYork, RepZone = Chicago, DueAt = Promised, RepName = "Freda Whitehouse", RepCompany = "ABC Company",
            PromisedLastTime = "send the fill-rate sheet",
        });

        message.Title.ShouldBe("Call Sue Jones at Wed 08:15 EST their time, as promised");
        message.Opener.ShouldBe("Hi Sue, I'm calling as promised…");
        message.TelUri.ShouldBe("tel:+12125550147");
        message.Text.ShouldContain("(Wed 07:15 CST yours)");
        message.Text.ShouldContain("Lawful to call then.");
        message.Text.ShouldContain("Last time you promised: send the fill-rate sheet");
    }

    [Fact]
    public void A_missed_promise_is_told_without_as_promised_or_a_reproach_and_with_the_next_lawful_time()
    {
        var message = ReminderRules.Compose(new ReminderFacts
        {
            Kind = ReminderKind.MissedPromise, ProspectName = "Sue Jones", ProspectFirstName = "Sue", ProspectZone = NewYork, RepZone = Chicago, DueAt = Promised,
            RepName = "Freda Whitehouse", NextLawful = Promised + Duration.FromHours(2),
        });

        message.Title.ShouldBe("The Wed 08:15 EST call to Sue Jones was not made");
        message.Text.ShouldContain("Next lawful time you can call: Wed 10:15 EST their time (Wed 09:15 CST yours).");
        message.Opener.ShouldBe("Hi Sue, this is Freda Whitehouse.");
        foreach (var words in new[] { "as promised", "sorry", "apolog", "missed you", "didn't get back" })
        {
            message.Opener!.ToLowerInvariant().ShouldNotContain(words);
        }
    }
}
