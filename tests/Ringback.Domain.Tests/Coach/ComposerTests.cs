using NodaTime;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Coach;

public class ComposerTests
{
    // Sunday 22 November 2026, 15:00 UTC = 10:00 in New York.
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 15, 0);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static readonly Caller Greg = new("Greg Pitcher", "Acme Staffing", "+14156162407", "+14155550100", WeeklyWindows.Parse("Mon-Fri 09:00-12:00"));
    private static readonly Prospect Sue = new("Ms.", "Sue", "Jones", "XYZ Logistics", "Logistics");

    private static ComposeInput Everything => new()
    {
        Caller = Greg,
        Prospect = Sue,
        ReferrerName = "Harley Smith",
        Reference = new ReferenceOption(Guid.NewGuid(), "Performance Freight", "Logistics", "we cut their hiring time by a third"),
        Earlier = new EarlierConversation("Dana Reyes", Instant.FromUtc(2026, 5, 14, 16, 0)),
        NextCall = new LocalDateTime(2026, 11, 23, 8, 15).InZoneLeniently(NewYork),
        Reason = "your winter hiring",
        Benefit = "we cut hiring time by a third",
        Now = Now,
    };

    public static TheoryData<Strategy> Strategies => [.. Enum.GetValues<Strategy>()];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Every_built_in_template_filled_from_full_records_has_no_findings(Strategy strategy)
    {
        var composed = Composer.Compose(VoicemailTemplates.DefaultFor(strategy), Everything);
        composed.Missing.ShouldBeEmpty();
        var report = MessageCoach.Review(composed.Text, new CoachContext { Strategy = strategy, CallerName = Greg.Name, ReferrerName = "Harley Smith", FollowUp = strategy == Strategy.AsPromised });
        report.Findings.ShouldBeEmpty($"{composed.Text}\n{string.Join(" | ", report.Findings.Select(f => $"{f.Rule}: {f.Message}"))}");
        report.EstimatedSeconds.ShouldBeLessThanOrEqualTo(30);
    }

    [Fact]
    public void Fields_are_filled_in_the_prospects_words_and_time()
    {
        var text = Composer.Compose(VoicemailTemplates.DefaultFor(Strategy.TagTeam), Everything).Text;
        text.ShouldBe("Hello Ms. Jones, this is Greg Pitcher at 415-616-2407. I wanted to speak with you about Dana Reyes, one of our team, " +
            "who spoke with you in May. I'll call you again tomorrow at 8:15 a.m., or reach me at 415-616-2407.");
    }

    [Fact]
    public void Missing_pieces_stay_visible_and_are_listed_once_with_what_to_do()
    {
        var composed = Composer.Compose(VoicemailTemplates.DefaultFor(Strategy.Referral), Everything with { ReferrerName = null, Reason = " ", NextCall = null });
        composed.Text.ShouldContain("[referrer] suggested I call you");
        composed.Text.ShouldContain("about [reason]:");
        composed.Missing.Select(m => m.Field).ShouldBe(["referrer", "reason", "next.call"]);
        composed.Missing[0].Help.ShouldContain("who referred");
    }

    [Fact]
    public void The_greeting_uses_the_salutation_when_there_is_one()
    {
        Sue.Greeting.ShouldBe("Ms. Jones");
        (Sue with { Salutation = null }).Greeting.ShouldBe("Sue");
        (Sue with { Salutation = null, FirstName = null }).Greeting.ShouldBe("Jones");
    }

    [Fact]
    public void Spoken_times_are_relative_to_the_prospects_today()
    {
        var at = (int d, int h, int m) => new LocalDateTime(2026, 11, d, h, m).InZoneLeniently(NewYork);
        SpokenTimes.When(at(22, 15, 30), Now).ShouldBe("today at 3:30 p.m.");
        SpokenTimes.When(at(23, 12, 0), Now).ShouldBe("tomorrow at noon");
        SpokenTimes.When(at(26, 10, 0), Now).ShouldBe("Thursday at 10 a.m.");
        SpokenTimes.When(at(30, 9, 5), Now).ShouldBe("Monday, November 30 at 9:05 a.m.");
        SpokenTimes.Windows(WeeklyWindows.Parse("Mon-Fri 09:00-12:00; Tue,Thu 14:00-17:00"))
            .ShouldBe("between 9 a.m. and noon, Monday to Friday; and between 2 p.m. and 5 p.m., Tuesday and Thursday");
    }

    [Fact]
    public void Tomorrow_is_the_prospects_tomorrow_not_the_reps()
    {
        // 02:00 UTC on the 23rd is still the 22nd in Los Angeles and already the 23rd in London.
        var now = Instant.FromUtc(2026, 11, 23, 2, 0);
        var la = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        SpokenTimes.When(new LocalDateTime(2026, 11, 23, 9, 0).InZoneLeniently(la), now).ShouldBe("tomorrow at 9 a.m.");
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        SpokenTimes.When(new LocalDateTime(2026, 11, 23, 9, 0).InZoneLeniently(london), now).ShouldBe("today at 9 a.m.");
    }

    [Theory]
    [InlineData("Hi {contact.name}, {bogus.field} here.", "{bogus.field} is not a field")]
    [InlineData("Hi {contact.name, this is {caller.name}.", "at character 4 that does not pair up")]
    [InlineData("", "is required")]
    public void A_template_with_unknown_or_broken_fields_is_refused_saying_where(string body, string error)
    {
        var result = VoicemailTemplates.Check("vague", "Mine", body);
        result.IsValid.ShouldBeFalse();
        result.Errors.For("body").ShouldContain(e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_built_in_template_passes_its_own_check()
    {
        foreach (var template in VoicemailTemplates.BuiltIn)
        {
            VoicemailTemplates.Check(template.Strategy.ToString(), template.Name, template.Body).IsValid.ShouldBeTrue(template.Name);
        }

        VoicemailTemplates.BuiltIn.Select(t => t.Strategy).ShouldBe(Enum.GetValues<Strategy>(), ignoreOrder: true);
    }
}
