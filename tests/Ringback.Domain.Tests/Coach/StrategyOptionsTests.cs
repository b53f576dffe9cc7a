using NodaTime;
using Ringback.Calls;
using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

public class StrategyOptionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 15, 0);
    private static readonly ReferenceOption Gm = new(Guid.NewGuid(), "General Motors", "Automotive", "we cut line downtime by 12%");
    private static readonly ReferenceOption Pepsi = new(Guid.NewGuid(), "Pepsi", "Beverages", "we doubled their reorder rate");

    private static readonly HonestyFacts Bare = new() { ProspectName = "Sue Jones", Now = Now };

    [Fact]
    public void With_bare_records_only_strategies_that_claim_nothing_are_available()
    {
        var options = StrategyOptions.For(Bare);
        options.Where(o => o.Available).Select(o => o.Strategy)
            .ShouldBe([Strategy.WarmColdCall, Strategy.StraightAheadPitch, Strategy.Vague], ignoreOrder: true);
        options.Where(o => !o.Available).ShouldAllBe(o => !string.IsNullOrWhiteSpace(o.Reason));
        options.Single(o => o.Strategy == Strategy.Referral).Reason!.ShouldContain("No one referred Sue Jones");
        options.Single(o => o.Strategy == Strategy.TagTeam).Reason!.ShouldContain("real earlier conversation");
    }

    [Fact]
    public void A_referrer_makes_a_referral_honest()
    {
        StrategyOptions.For(Strategy.Referral, Bare with { ReferrerName = "Joe Sampson" }).Available.ShouldBeTrue();
        StrategyOptions.For(Strategy.Referral, Bare with { ReferrerName = "  " }).Available.ShouldBeFalse();
    }

    [Fact]
    public void A_tag_team_names_the_colleague_and_when()
    {
        var may = new EarlierConversation("Greg Pitcher", Instant.FromUtc(2026, 5, 12, 15, 0));
        var option = StrategyOptions.For(Strategy.TagTeam, Bare with { ConversationsByColleagues = [may] });
        option.Available.ShouldBeTrue();
        option.Earlier.ShouldBe(may);
    }

    [Fact]
    public void Association_picks_a_reference_in_the_prospects_industry()
    {
        var option = StrategyOptions.For(Strategy.Association, Bare with { ProspectIndustry = "automotive ", NameableReferences = [Pepsi, Gm] });
        option.Reference.ShouldBe(Gm);
        option.Warning.ShouldBeNull();
    }

    [Fact]
    public void Association_with_only_off_industry_references_warns()
    {
        var option = StrategyOptions.For(Strategy.Association, Bare with { ProspectIndustry = "Construction", NameableReferences = [Pepsi] });
        option.Available.ShouldBeTrue();
        option.Reference.ShouldBe(Pepsi);
        option.Warning!.ShouldContain("No reference client in Construction");
    }

    [Fact]
    public void Third_party_without_a_nameable_reference_is_unavailable()
    {
        var option = StrategyOptions.For(Strategy.ThirdParty, Bare);
        option.Available.ShouldBeFalse();
        option.Reason!.ShouldContain("Reference clients");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-29, true)]
    [InlineData(29, true)]
    [InlineData(31, false)]
    [InlineData(-120, false)]
    public void As_promised_needs_a_promise_for_about_now(int minutesFromNow, bool available)
    {
        var option = StrategyOptions.For(Strategy.AsPromised, Bare with { LatestPromise = Now + Duration.FromMinutes(minutesFromNow) });
        option.Available.ShouldBe(available);
        StrategyOptions.For(Strategy.AsPromised, Bare).Reason!.ShouldContain("not promised");
    }

    [Fact]
    public void The_straight_ahead_pitch_before_the_last_attempt_of_the_month_is_allowed_with_a_warning()
    {
        StrategyOptions.For(Strategy.StraightAheadPitch, Bare with { AttemptsThisMonth = 1 }).Warning!.ShouldContain("attempt 2");
        StrategyOptions.For(Strategy.StraightAheadPitch, Bare with { AttemptsThisMonth = 3 }).Warning.ShouldBeNull();
    }
}

public class StrategyNamesTests
{
    [Theory]
    [InlineData("referral", Strategy.Referral)]
    [InlineData("third-party", Strategy.ThirdParty)]
    [InlineData("warm-cold-call", Strategy.WarmColdCall)]
    [InlineData("straight-pitch", Strategy.StraightAheadPitch)]
    [InlineData("straight-ahead-pitch", Strategy.StraightAheadPitch)]
    [InlineData("As promised", Strategy.AsPromised)]
    [InlineData("generic", null)]
    [InlineData(null, null)]
    public void Strategy_names_as_the_cli_takes_them(string? text, Strategy? expected)
    {
        StrategyNames.TryParse(text, out var strategy).ShouldBeTrue();
        strategy.ShouldBe(expected);
    }

    [Fact]
    public void An_unknown_name_is_refused() => StrategyNames.TryParse("flattery", out _).ShouldBeFalse();
}
