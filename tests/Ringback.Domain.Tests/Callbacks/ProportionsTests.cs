using Ringback.Callbacks;

namespace Ringback.Domain.Tests.Callbacks;

public class ProportionsTests
{
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857–872,
    // table I, method 3 (Wilson score without continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    public void Wilson_intervals_match_Newcombes_published_values(int successes, int trials, double low, double high)
    {
        var rate = Proportions.Wilson(successes, trials);
        Math.Round(rate.Low, 4).ShouldBe(low);
        Math.Round(rate.High, 4).ShouldBe(high);
    }

    [Fact]
    public void No_trials_is_no_rate_and_says_nothing()
    {
        var rate = Rate.Of(0, 0);
        rate.Value.ShouldBeNull();
        (rate.Low, rate.High).ShouldBe((0d, 1d));
        rate.TooFewToConclude.ShouldBeTrue();
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Proportions.Wilson(5, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => Proportions.Wilson(-1, 4));
    }

    [Fact]
    public void A_rate_is_clearly_above_another_only_with_enough_trials_and_no_overlap()
    {
        Rate.Of(40, 100).ClearlyAbove(Rate.Of(10, 100)).ShouldBeTrue();
        Rate.Of(40, 100).ClearlyAbove(Rate.Of(30, 100)).ShouldBeFalse("40% and 30% of 100 overlap");
        Rate.Of(20, 20).ClearlyAbove(Rate.Of(0, 100)).ShouldBeFalse("20 trials are too few to conclude");
    }
}
