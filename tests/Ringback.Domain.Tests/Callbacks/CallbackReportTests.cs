using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;

namespace Ringback.Domain.Tests.Callbacks;

public class CallbackReportTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    // A small team's month, counted by hand:
    //   referral      40 messages, 16 called back (40%), 4 meetings
    //   warm-cold     50 messages,  5 called back (10%)
    //   vague         10 messages,  3 called back (30%) — too few to conclude
    //   none recorded  4 messages,  0 called back
    //   => 104 messages, 24 callbacks.
    private static ReportCounts Month() => new()
    {
        Strategies =
        [
            new(Strategy.Referral, 40, 16, 4),
            new(Strategy.WarmColdCall, 50, 5, 0),
            new(Strategy.Vague, 10, 3, 0),
            new(null, 4, 0, 0),
        ],
        Attempts = [new(1, 60, 12), new(2, 30, 9), new(8, 6, 2), new(11, 8, 1)],
        Hours = [new(IsoDayOfWeek.Tuesday, 8, 20, 9), new(IsoDayOfWeek.Tuesday, 8, 5, 1), new(IsoDayOfWeek.Friday, 16, 10, 0)],
        Reps =
        [
            new(Bob, "Bob", 54, 9, 100, 20, 3, 1),
            new(Ann, "ann", 50, 15, 80, 30, 9, 0),
        ],
        // Four callbacks: 1 h, 2 h, 4 h and 2 days.
        Delays = [.. new[] { 2, 1, 48, 4 }.Select(h => new DelayTally(CallbackDelay.BucketOf(Duration.FromHours(h)), 1))],
    };

    [Fact]
    public void Strategies_are_ranked_by_callback_rate_with_their_counts_and_intervals()
    {
        var report = CallbackReport.Build(Month());
        report.Strategies.Select(s => s.Name).ShouldBe(["referral", "vague", "warm-cold-call", "none recorded"]);
        var referral = report.Strategies[0];
        (referral.CallbackRate.Successes, referral.CallbackRate.Trials, referral.Meetings).ShouldBe((16, 40, 4));
        referral.CallbackRate.Value.ShouldBe(0.4);
        report.Strategies[1].CallbackRate.TooFewToConclude.ShouldBeTrue();
        report.CallbackRate.Successes.ShouldBe(24);
        report.CallbackRate.Trials.ShouldBe(104);
    }

    [Fact]
    public void The_verdict_names_the_best_strategy_only_as_far_as_the_intervals_allow()
    {
        var report = CallbackReport.Build(Month());
        // 16/40 has Wilson (0.263, 0.554); 5/50 has (0.043, 0.214): no overlap, and vague has too few messages to count.
        report.Verdict.ShouldBe("referral gets the most calls returned: 40% of 40 (95% CI 26%–55%), clearly more than every other strategy with enough messages (the 95% intervals do not overlap).");

        var close = CallbackReport.Build(Month() with { Strategies = [new(Strategy.Referral, 40, 16, 0), new(Strategy.Vague, 40, 12, 0)] });
        close.Verdict.ShouldBe("referral gets the most calls returned: 40% of 40 (95% CI 26%–55%), but with these numbers it cannot yet be told apart from vague (the 95% intervals overlap).");

        var alone = CallbackReport.Build(Month() with { Strategies = [new(Strategy.Referral, 40, 16, 0), new(Strategy.Vague, 12, 2, 0)] });
        alone.Verdict.ShouldBe("referral gets the most calls returned: 40% of 40 (95% CI 26%–55%). No other strategy has 30 messages yet to compare it with.");

        var small = CallbackReport.Build(Month() with { Strategies = [new(Strategy.Referral, 12, 6, 0), new(null, 200, 20, 0)] });
        small.Verdict.ShouldBe("Too few messages to say which strategy gets calls returned: each needs at least 30 messages (the most any has is 12).");
    }

    [Fact]
    public void Attempts_from_the_eighth_on_are_counted_together()
    {
        var attempts = CallbackReport.Build(Month()).Attempts;
        attempts.Select(a => a.Attempt).ShouldBe(["1", "2", "8+"]);
        (attempts[2].CallbackRate.Successes, attempts[2].CallbackRate.Trials).ShouldBe((3, 14));
    }

    [Fact]
    public void The_heatmap_adds_up_cells_for_the_same_hour()
    {
        var hours = CallbackReport.Build(Month()).Hours;
        hours.Count.ShouldBe(2);
        (hours[0].Day, hours[0].Hour, hours[0].CallbackRate.Successes, hours[0].CallbackRate.Trials).ShouldBe((IsoDayOfWeek.Tuesday, 8, 10, 25));
        hours[1].CallbackRate.Value.ShouldBe(0);
    }

    [Fact]
    public void Time_to_callback_says_within_what_half_and_90_percent_were_returned()
    {
        var time = CallbackReport.Build(Month()).TimeToCallback;
        // Sorted: 1 h, 2 h, 4 h, 48 h. Half (rank 2 of 4) within 2 h; 90% (rank ⌈3.6⌉ = 4) within 48 h.
        time.Count.ShouldBe(4);
        time.Median.ShouldBe(Duration.FromHours(2));
        time.Percentile90.ShouldBe(Duration.FromHours(48));
    }

    [Fact]
    public void Reps_have_callback_connect_and_promise_rates_and_the_team_adds_them_up()
    {
        var report = CallbackReport.Build(Month());
        report.Reps.Select(r => r.Name).ShouldBe(["ann", "Bob"]);
        var ann = report.Reps[0];
        ann.CallbackRate.Value.ShouldBe(0.3);
        ann.ConnectRate.Value.ShouldBe(30 / 80d);
        ann.PromiseKeeping.Value.ShouldBe(1);
        report.ConnectRate.Value.ShouldBe(50 / 180d);
        report.PromiseKeeping.Value.ShouldBe(12 / 13d);
    }

    [Fact]
    public void An_empty_period_reports_nothing_without_failing()
    {
        var report = CallbackReport.Build(new ReportCounts());
        report.CallbackRate.Value.ShouldBeNull();
        report.TimeToCallback.Median.ShouldBeNull();
        report.Verdict.ShouldStartWith("Too few messages");
    }
}
