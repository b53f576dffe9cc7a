using NodaTime;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;

namespace Ringback.Callbacks;

public sealed record RateResponse(int Successes, int Trials, double? Rate, double Low, double High, bool TooFewToConclude)
{
    public static RateResponse From(Rate r) => new(r.Successes, r.Trials, r.Value, r.Low, r.High, r.TooFewToConclude);
}

/// <summary>The callback report as the API and <c>ringback stats --json</c> print it.</summary>
public sealed record StatsResponse(string From, string To, string Whose, string Verdict, RateResponse CallbackRate, RateResponse ConnectRate,
    RateResponse PromiseKeeping, TimeToCallbackResponse TimeToCallback, IReadOnlyList<StrategyStatsResponse> Strategies,
    IReadOnlyList<AttemptStatsResponse> Attempts, IReadOnlyList<HourStatsResponse> Hours, IReadOnlyList<RepStatsResponse> Reps, IReadOnlyList<string> Notes)
{
    public static StatsResponse Of(CallbackReport report, StatsScope scope, PlannerOptions planner)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(planner);
        var time = report.TimeToCallback;
        return new StatsResponse(
            scope.Period.First.ToString("uuuu-MM-dd", null), scope.Period.Last.ToString("uuuu-MM-dd", null), scope.Whose, report.Verdict,
            RateResponse.From(report.CallbackRate), RateResponse.From(report.ConnectRate), RateResponse.From(report.PromiseKeeping),
            new TimeToCallbackResponse(time.Count, (long?)time.Median?.TotalSeconds, (long?)time.Percentile90?.TotalSeconds,
                time.Median is { } m ? Credit.Span(m) : null, time.Percentile90 is { } p ? Credit.Span(p) : null),
            [.. report.Strategies.Select(s => new StrategyStatsResponse(s.Strategy, s.Name, RateResponse.From(s.CallbackRate), s.Meetings))],
            [.. report.Attempts.Select(a => new AttemptStatsResponse(a.Attempt, RateResponse.From(a.CallbackRate)))],
            [.. report.Hours.Select(h => new HourStatsResponse(h.Day, h.Hour, RateResponse.From(h.CallbackRate)))],
            [.. report.Reps.Select(r => new RepStatsResponse(r.UserId, r.Name, RateResponse.From(r.CallbackRate), RateResponse.From(r.ConnectRate), RateResponse.From(r.PromiseKeeping)))],
            StatsNotes.For(planner));
    }
}

public sealed record TimeToCallbackResponse(int Count, long? MedianSeconds, long? Percentile90Seconds, string? Median, string? Percentile90);

public sealed record StrategyStatsResponse(Ringback.Calls.Strategy? Strategy, string Name, RateResponse CallbackRate, int Meetings);

public sealed record AttemptStatsResponse(string Attempt, RateResponse CallbackRate);

public sealed record HourStatsResponse(IsoDayOfWeek Day, int Hour, RateResponse CallbackRate);

public sealed record RepStatsResponse(Guid UserId, string Name, RateResponse CallbackRate, RateResponse ConnectRate, RateResponse PromiseKeeping);

/// <summary>What a reader needs to know to read the numbers fairly.</summary>
public static class StatsNotes
{
    public static IReadOnlyList<string> For(PlannerOptions planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        return
        [
            $"A callback counts for the latest message left within {planner.Callbacks.CreditDays} days before it; messages left in the last {planner.Callbacks.CreditDays} days may still be called back.",
            $"Rates from fewer than {Rate.EnoughTrials} messages are shown but too few to conclude anything from.",
            "Intervals are 95% Wilson score intervals: if two overlap, the data cannot yet tell those two apart.",
            "Hours are the prospect's local time when the message was left; messages to contacts whose zone is unknown are left out of the heatmap.",
            "Days are the prospect's days (a call to Sydney at 09:00 there on Tuesday counts on Tuesday); calls to contacts whose zone is unknown count on their UTC day.",
            "Promise keeping counts the promises made in the period: kept, missed, or still to come (those are left out).",
            "Time to callback gives the bound within which half, and 90%, of the messages were returned (2 min, 5 min, 15 min, 1 h, 2 h … apart).",
        ];
    }
}
