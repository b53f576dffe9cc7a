using NodaTime;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Planner;

public class CallingTimesTests
{
    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    private static IReadOnlyList<CallWindow> Law(string country, string? state, string zone) =>
        [.. CallingLaws.For(country, state).Select(r => new CallWindow(r.Name, r.Windows, Zone(zone), r.Source))];

    private static Instant At(string zone, int y, int mo, int d, int h, int mi) => LocalTimes.Resolve(new LocalDateTime(y, mo, d, h, mi), Zone(zone)).ToInstant();

    [Fact]
    public void Florida_ends_at_eight_in_the_evening_where_federal_law_allows_nine()
    {
        var florida = Law("US", "FL", "America/New_York");
        var georgia = Law("US", "GA", "America/New_York");
        var evening = At("America/New_York", 2026, 11, 23, 20, 30);
        CallingTimes.Allows(evening, georgia).ShouldBeTrue();
        CallingTimes.Blocking(evening, florida)!.Name.ShouldBe("Florida");
        CallingTimes.NextAllowed(evening, florida).ShouldBe(At("America/New_York", 2026, 11, 24, 8, 0));
    }

    [Fact]
    public void Canada_allows_weekdays_to_half_past_nine_and_weekends_ten_to_six()
    {
        var toronto = Law("CA", "ON", "America/Toronto");
        CallingTimes.Allows(At("America/Toronto", 2026, 11, 23, 21, 15), toronto).ShouldBeTrue(); // Monday
        CallingTimes.Allows(At("America/Toronto", 2026, 11, 28, 18, 30), toronto).ShouldBeFalse(); // Saturday
        CallingTimes.NextAllowed(At("America/Toronto", 2026, 11, 28, 18, 30), toronto).ShouldBe(At("America/Toronto", 2026, 11, 29, 10, 0));
    }

    [Fact]
    public void Texas_on_a_sunday_waits_for_noon_and_mississippi_skips_sunday()
    {
        CallingTimes.NextAllowed(At("America/Chicago", 2026, 11, 22, 9, 0), Law("US", "TX", "America/Chicago"))
            .ShouldBe(At("America/Chicago", 2026, 11, 22, 12, 0));
        CallingTimes.NextAllowed(At("America/Chicago", 2026, 11, 22, 9, 0), Law("US", "MS", "America/Chicago"))
            .ShouldBe(At("America/Chicago", 2026, 11, 23, 8, 0));
    }

    [Fact]
    public void Configured_rules_replace_built_in_ones_and_cover_other_countries()
    {
        var overrides = new Dictionary<string, string> { ["US-FL"] = "Mon-Fri 09:00-17:00", ["GB"] = "Mon-Fri 09:00-21:00; Sat,Sun 10:00-21:00" };
        CallingLaws.For("US", "FL", overrides).Select(r => r.Jurisdiction).ShouldBe(["US", "US-FL"]);
        CallingLaws.For("US", "FL", overrides)[1].Windows.ToString().ShouldBe("Mon-Fri 09:00-17:00");
        CallingLaws.For("GB", null, overrides).Single().Windows.ToString().ShouldBe("Mon-Fri 09:00-21:00; Sat,Sun 10:00-21:00");
        CallingLaws.For("DE", null, overrides).Single().ShouldBe(CallingLaws.Elsewhere);
    }

    [Fact]
    public void A_window_opening_in_a_spring_forward_gap_opens_when_the_clocks_allow()
    {
        // New York, Sunday 8 March 2026: 02:00 jumps to 03:00. A window "Sun 02:30-04:00" opens at 03:00 EDT.
        var ny = Zone("America/New_York");
        var night = new CallWindow("night", WeeklyWindows.Parse("Sun 02:30-04:00"), ny, "test");
        var opens = night.NextOpen(Instant.FromUtc(2026, 3, 8, 5, 0))!.Value;
        opens.InZone(ny).LocalDateTime.ShouldBe(new LocalDateTime(2026, 3, 8, 3, 30));
        night.Allows(opens).ShouldBeTrue();
    }

    [Fact]
    public void A_window_in_an_autumn_overlap_opens_at_the_first_of_the_two_times()
    {
        // London, Sunday 25 October 2026: 01:00-02:00 happens twice. "Sun 01:30-03:00" opens at the first 01:30 (BST).
        var london = Zone("Europe/London");
        var night = new CallWindow("night", WeeklyWindows.Parse("Sun 01:30-03:00"), london, "test");
        night.NextOpen(Instant.FromUtc(2026, 10, 24, 23, 0)).ShouldBe(Instant.FromUtc(2026, 10, 25, 0, 30));
    }

    [Theory]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/St_Johns")]
    [InlineData("America/Phoenix")]
    [InlineData("Pacific/Chatham")]
    public void Eight_in_the_morning_is_eight_in_the_morning_in_half_hour_and_odd_zones(string zoneId)
    {
        var zone = Zone(zoneId);
        var law = new[] { new CallWindow("business", WeeklyWindows.Parse("Mon-Fri 08:00-20:00"), zone, "test") };
        foreach (var day in Enumerable.Range(0, 366).Select(d => new LocalDate(2026, 1, 1).PlusDays(d)))
        {
            var midnight = LocalTimes.Resolve(day.AtMidnight(), zone).ToInstant();
            var next = CallingTimes.NextAllowed(midnight, law)!.Value.InZone(zone);
            next.TimeOfDay.ShouldBe(new LocalTime(8, 0), $"{zoneId} {day}");
            next.DayOfWeek.ShouldNotBeOneOf(IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday);
        }
    }

    [Fact]
    public void A_rep_who_works_nine_to_five_in_tokyo_cannot_call_rhode_island_at_all()
    {
        var windows = Law("US", "RI", "America/New_York")
            .Append(new CallWindow("your working hours", WeeklyWindows.Parse("Mon-Fri 09:00-17:00"), Zone("Asia/Tokyo"), "settings")).ToList();
        // Tokyo's working day is Rhode Island's night, so the windows never meet; the answer is "no time", not a wrong time.
        CallingTimes.NextAllowed(Instant.FromUtc(2026, 11, 23, 0, 0), windows).ShouldBeNull();
    }

    [Fact]
    public void A_preferred_window_is_used_when_it_comes_soon_enough()
    {
        var ny = Zone("America/New_York");
        var law = Law("US", "NY", "America/New_York");
        var afternoons = new CallWindow("their assistant's advice", WeeklyWindows.Parse("Tue,Thu 14:00-17:00"), ny, "gatekeeper");
        var monday = At("America/New_York", 2026, 11, 23, 9, 0);
        CallingTimes.NextPreferred(monday, law, afternoons, monday + Duration.FromDays(2)).ShouldBe(At("America/New_York", 2026, 11, 24, 14, 0));
        CallingTimes.NextPreferred(monday, law, afternoons, monday + Duration.FromHours(3)).ShouldBe(monday);
    }
}
