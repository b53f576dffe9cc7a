using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Planner;

/// <summary>
/// A promise or appointment is refused at any time the prospect's place forbids, under every rule the planner knows
/// (US federal and each state, Canada, a configured country, the default hours elsewhere), in every kind of zone (DST
/// in either hemisphere, half- and quarter-hour offsets, none), at random instants; the rep's own hours never refuse.
/// </summary>
public class PromiseCheckTests
{
    private static readonly (string Country, string? State, string Zone)[] Places =
    [
        ("US", null, "America/New_York"), ("US", "FL", "America/New_York"), ("US", "TX", "America/Chicago"), ("US", "RI", "America/New_York"),
        ("US", "WA", "America/Los_Angeles"), ("US", null, "Pacific/Honolulu"), ("US", null, "America/Phoenix"), ("CA", "NL", "America/St_Johns"),
        ("CA", "ON", "America/Toronto"), ("DE", null, "Europe/Berlin"), ("AU", null, "Australia/Brisbane"), ("AU", null, "Australia/Adelaide"),
        ("AU", null, "Australia/Lord_Howe"), ("IN", null, "Asia/Kolkata"), ("NP", null, "Asia/Kathmandu"), ("GB", null, "Europe/London"),
        ("BR", null, "America/Sao_Paulo"), ("CL", null, "America/Santiago"), ("NZ", null, "Pacific/Chatham"), ("JP", null, "Asia/Tokyo"),
        ("IR", null, "Asia/Tehran"), ("MA", null, "Africa/Casablanca"),
    ];

    private static readonly IReadOnlyDictionary<string, string> Configured = new Dictionary<string, string> { ["GB"] = "Mon-Fri 09:00-21:00; Sat 10:00-17:00" };

    private static readonly string[] RepZones = ["America/Chicago", "Europe/London", "Asia/Kolkata", "Australia/Sydney"];

    private static ContactPlace PlaceOf((string Country, string? State, string Zone) p, string repZone, WeeklyWindows? repHours = null) =>
        ContactPlace.For(new ProspectPlace([DateTimeZoneProviders.Tzdb[p.Zone]], ZoneSource.Contact, p.Country, p.State),
            DateTimeZoneProviders.Tzdb[repZone], repHours, Configured, []);

    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static Arbitrary<(int Place, int Rep, long Minutes)> Cases =>
        Gen.Choose(0, Places.Length - 1).SelectMany(p => Gen.Choose(0, RepZones.Length - 1).SelectMany(r =>
            Gen.Choose(0, 2 * 365 * 24 * 4).Select(q => (p, r, (long)q * 15 + (q % 7))))).ToArbitrary();

    [Fact]
    public void A_time_the_place_forbids_is_refused_with_the_first_time_it_allows()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Cases, c =>
        {
            var place = PlaceOf(Places[c.Place], RepZones[c.Rep]);
            var at = Start + Duration.FromMinutes(c.Minutes);
            var check = place.Check(at);
            var rules = place.Law;

            if (CallingTimes.Allows(at, rules))
            {
                return check.Allowed && check.Refusal is null;
            }

            // Refused, with the next time every rule of the place allows, and none allowed before it (checked minute by minute).
            if (check.Allowed || check.Refusal is null || check.Next is not { } next)
            {
                return false;
            }

            for (var t = at; t < next; t += Duration.FromMinutes(1))
            {
                if (CallingTimes.Allows(t, rules))
                {
                    return false;
                }
            }

            return next > at && CallingTimes.Allows(next, rules) && check.Refusal.Contains(check.Blocking!.Name, StringComparison.Ordinal);
        }));
    }

    [Fact]
    public void The_reps_own_hours_are_said_never_refused()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Cases, c =>
        {
            var place = PlaceOf(Places[c.Place], RepZones[c.Rep]);
            var at = Start + Duration.FromMinutes(c.Minutes);
            var check = place.Check(at);
            var repHours = place.Lawful.Except(place.Law).Single();
            return check.Allowed == CallingTimes.Allows(at, place.Law)
                && check.OutsideRepHours == !repHours.Allows(at)
                && (check.RepNote is null) == !check.OutsideRepHours;
        }));
    }

    [Fact]
    public void Three_in_the_morning_in_Berlin_and_six_in_Brisbane_are_refused_five_in_the_rep_morning_is_said()
    {
        var berlin = PlaceOf(("DE", null, "Europe/Berlin"), "America/Chicago");
        var night = LocalTimes.Resolve(new LocalDateTime(2026, 12, 8, 3, 0), DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToInstant();
        berlin.Check(night).Refusal.ShouldBe("Tue 8 Dec 03:00 their time is outside the calling hours there (business hours: Mon-Fri 09:00-20:00; Sat 10:00-17:00); "
            + "the next allowed time is Tue 8 Dec 09:00 (Tue 8 Dec 02:00 your time)");

        var brisbane = PlaceOf(("AU", null, "Australia/Brisbane"), "America/Chicago");
        brisbane.Check(LocalTimes.Resolve(new LocalDateTime(2026, 12, 8, 6, 0), DateTimeZoneProviders.Tzdb["Australia/Brisbane"]).ToInstant()).Allowed.ShouldBeFalse();

        var london = PlaceOf(("GB", null, "Europe/London"), "America/Chicago");
        var tenInLondon = LocalTimes.Resolve(new LocalDateTime(2026, 12, 8, 11, 0), DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant();
        var check = london.Check(tenInLondon);
        (check.Allowed, check.RepNote).ShouldBe((true, "05:00 your time, outside your hours"));
    }

    [Fact]
    public void When_their_hours_never_meet_the_reps_it_says_why_and_what_helps()
    {
        // Tokyo's business hours against a Chicago rep's 09:00-17:00: 15 hours apart, they never meet.
        var tokyo = PlaceOf(("JP", null, "Asia/Tokyo"), "America/Chicago");
        var at = Instant.FromUtc(2026, 12, 7, 15, 0);

        var callable = tokyo.At(at);

        callable.Next.ShouldBeNull();
        callable.WhyNoTime.ShouldNotBeNull().ShouldContain("never meet your working hours (Mon-Fri 09:00-17:00, America/Chicago)");
        callable.WhyNoTime.ShouldContain("Add an early or late window to your working hours in Settings, or hand them to a teammate whose hours overlap");

        // With an evening window the rep opts into, there is a time.
        PlaceOf(("JP", null, "Asia/Tokyo"), "America/Chicago", WeeklyWindows.Parse("Mon-Fri 09:00-17:00; Sun-Thu 19:00-23:00")).At(at).Next.ShouldNotBeNull();
    }
}
