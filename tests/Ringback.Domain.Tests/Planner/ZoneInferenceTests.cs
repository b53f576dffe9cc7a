using NodaTime;
using Ringback.Planner;

namespace Ringback.Domain.Tests.Planner;

public class ZoneInferenceTests
{
    private static ProspectPlace From(string e164) => ZoneInference.Resolve(null, null, [e164]);

    /// <summary>A landline (or a one-zone country's mobile) in 36 countries: the zone where the prospect is.</summary>
    [Theory]
    [InlineData("+4930901820", "DE", "Europe/Berlin")]
    [InlineData("+34810123456", "ES", "Europe/Madrid")]
    [InlineData("+351212345678", "PT", "Europe/Lisbon")]
    [InlineData("+61212345678", "AU", "Australia/Sydney")]
    [InlineData("+551123456789", "BR", "America/Sao_Paulo")]
    [InlineData("+522221234567", "MX", "America/Mexico_City")]
    [InlineData("+441212345678", "GB", "Europe/London")]
    [InlineData("+447400123456", "GB", "Europe/London")]
    [InlineData("+33123456789", "FR", "Europe/Paris")]
    [InlineData("+390212345678", "IT", "Europe/Rome")]
    [InlineData("+31101234567", "NL", "Europe/Amsterdam")]
    [InlineData("+3212345678", "BE", "Europe/Brussels")]
    [InlineData("+41212345678", "CH", "Europe/Zurich")]
    [InlineData("+431234567890", "AT", "Europe/Vienna")]
    [InlineData("+468123456", "SE", "Europe/Stockholm")]
    [InlineData("+4740612345", "NO", "Europe/Oslo")]
    [InlineData("+4532123456", "DK", "Europe/Copenhagen")]
    [InlineData("+358412345678", "FI", "Europe/Helsinki")]
    [InlineData("+48123456789", "PL", "Europe/Warsaw")]
    [InlineData("+420212345678", "CZ", "Europe/Prague")]
    [InlineData("+3532212345", "IE", "Europe/Dublin")]
    [InlineData("+917410410123", "IN", "Asia/Kolkata")]
    [InlineData("+81312345678", "JP", "Asia/Tokyo")]
    [InlineData("+8222123456", "KR", "Asia/Seoul")]
    [InlineData("+6561234567", "SG", "Asia/Singapore")]
    [InlineData("+85221234567", "HK", "Asia/Hong_Kong")]
    [InlineData("+27101234567", "ZA", "Africa/Johannesburg")]
    [InlineData("+97122345678", "AE", "Asia/Dubai")]
    [InlineData("+97221234567", "IL", "Asia/Jerusalem")]
    [InlineData("+902123456789", "TR", "Europe/Istanbul")]
    [InlineData("+541123456789", "AR", "America/Argentina/Buenos_Aires")]
    [InlineData("+576012345678", "CO", "America/Bogota")]
    [InlineData("+5111234567", "PE", "America/Lima")]
    [InlineData("+62218350123", "ID", "Asia/Jakarta")]
    [InlineData("+63232345678", "PH", "Asia/Manila")]
    [InlineData("+20234567890", "EG", "Africa/Cairo")]
    [InlineData("+254202012345", "KE", "Africa/Nairobi")]
    [InlineData("+2342033123456", "NG", "Africa/Lagos")]
    public void A_number_abroad_gives_its_own_zone_inferred_from_the_number(string e164, string country, string zone)
    {
        var place = From(e164);

        place.Zones.Select(z => z.Id).ShouldBe([zone]);
        (place.Source, place.Country, place.IsInferred, place.IsRange).ShouldBe((ZoneSource.Number, country, true, false));
    }

    [Theory]
    [InlineData("+16025550123", "AZ", "America/Phoenix")]
    [InlineData("+14156162407", "CA", "America/Los_Angeles")]
    [InlineData("+17035558047", "VA", "America/New_York")]
    [InlineData("+14165550123", "ON", "America/Toronto")]
    public void North_American_numbers_keep_the_area_code_table_for_the_state(string e164, string subdivision, string zone)
    {
        var place = From(e164);

        (place.Source, place.Subdivision, place.Zone!.Id).ShouldBe((ZoneSource.AreaCode, subdivision, zone));
    }

    [Fact]
    public void An_Australian_mobile_could_be_anywhere_on_the_mainland_and_is_a_range()
    {
        var place = From("+61412345678");

        place.IsRange.ShouldBeTrue();
        place.Zones.Select(z => z.Id).ShouldContain("Australia/Perth");
        place.Zones.Select(z => z.Id).ShouldContain("Australia/Sydney");
        place.Zones.Select(z => z.Id).ShouldNotContain("Indian/Christmas", "another territory");
        ZoneInference.Spread(place.Zones).ShouldBeLessThanOrEqualTo(ZoneInference.WidestRange);
    }

    [Theory]
    [InlineData("+79123456789", "RU")]
    [InlineData("+18003569377", "US")]
    [InlineData("+448001234567", "GB")]
    public void A_number_that_does_not_say_where_its_owner_is_is_unknown_with_its_country(string e164, string country)
    {
        // A Russian mobile spans ten hours of zones; toll-free numbers have no place at all.
        var place = From(e164);

        (place.IsKnown, place.Source, place.Country, place.IsInferred).ShouldBe((false, ZoneSource.Unknown, country, false));
    }

    [Fact]
    public void Their_own_zone_beats_the_number_but_the_law_still_follows_the_number()
    {
        var place = ZoneInference.Resolve("Europe/Paris", null, ["+4930901820"]);

        (place.Zone!.Id, place.Source, place.Country).ShouldBe(("Europe/Paris", ZoneSource.Contact, "DE"));
    }

    [Fact]
    public void A_range_is_planned_inside_every_zone_and_shown_as_a_range_of_times()
    {
        var place = From("+61412345678");
        var plan = ContactPlace.For(place, DateTimeZoneProviders.Tzdb["America/Chicago"], null, new Dictionary<string, string>(), []);
        var view = plan.Describe(Instant.FromUtc(2026, 11, 24, 0, 0));

        plan.Lawful.Count(w => w.Name.StartsWith("business hours in", StringComparison.Ordinal)).ShouldBe(place.Zones.Count);
        view.LocalNow.ShouldBe("Tue 08:00–11:00", "Perth is UTC+8, Sydney and Lord Howe UTC+11 in November");
        view.Explanation.ShouldContain("planned inside all of them");

        // 10:30 in Sydney is 07:30 in Perth: too early there, so not yet lawful.
        var sydney1030 = Instant.FromUtc(2026, 11, 23, 23, 30);
        CallingTimes.Allows(sydney1030, plan.Law.Count > 0 ? plan.Law : plan.Lawful.Where(w => w.Source != "Settings").ToList()).ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_zone_is_never_called_inferred_and_says_which_rule_applies()
    {
        var plan = ContactPlace.For(From("+79123456789"), DateTimeZoneProviders.Tzdb["America/Chicago"], null, new Dictionary<string, string>(), []);
        var view = plan.Describe(Instant.FromUtc(2026, 11, 24, 0, 0));

        (view.Known, view.Inferred, view.Zone, view.LocalNow).ShouldBe((false, false, "unknown", (string?)null));
        view.Explanation.ShouldBe("not known; planned by your time zone (America/Chicago) under the calling rules for RU. Set their time zone to plan by theirs");
        plan.Zone.Id.ShouldBe("America/Chicago");
    }
}
