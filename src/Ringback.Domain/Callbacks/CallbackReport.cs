using System.Globalization;
using NodaTime;
using Ringback.Calls;

namespace Ringback.Callbacks;

/// <summary>Messages left and how many were called back, for one strategy (null: left without one).</summary>
public sealed record StrategyTally(Strategy? Strategy, int Messages, int CalledBack, int Meetings);

/// <summary>The same for the n-th attempt on a contact.</summary>
public sealed record AttemptTally(int Attempt, int Messages, int CalledBack);

/// <summary>The same for the prospect's local weekday and hour when the message was left.</summary>
public sealed record HourTally(IsoDayOfWeek Day, int Hour, int Messages, int CalledBack);

/// <summary>One rep's figures.</summary>
public sealed record RepTally(Guid UserId, string Name, int Messages, int CalledBack, int OutboundCalls, int Connected, int PromisesKept, int PromisesMissed);

/// <summary>Everything the report is made of, counted by the database.</summary>
public sealed record ReportCounts
{
    public IReadOnlyList<StrategyTally> Strategies { get; init; } = [];
    public IReadOnlyList<AttemptTally> Attempts { get; init; } = [];
    public IReadOnlyList<HourTally> Hours { get; init; } = [];
    public IReadOnlyList<RepTally> Reps { get; init; } = [];

    /// <summary>Messages called back, by how soon (<see cref="CallbackDelay"/>).</summary>
    public IReadOnlyList<DelayTally> Delays { get; init; } = [];
}

public sealed record StrategyRow(Strategy? Strategy, string Name, Rate CallbackRate, int Meetings);

public sealed record AttemptRow(string Attempt, Rate CallbackRate);

public sealed record HourCell(IsoDayOfWeek Day, int Hour, Rate CallbackRate);

public sealed record RepRow(Guid UserId, string Name, Rate CallbackRate, Rate ConnectRate, Rate PromiseKeeping);

/// <summary>How soon messages are returned: half of them within <see cref="Median"/>, 90% within <see cref="Percentile90"/>
/// (bounds of <see cref="CallbackDelay"/>'s buckets).</summary>
public sealed record TimeToCallback(int Count, Duration? Median, Duration? Percentile90);

/// <summary>"Which strategy gets my calls returned, and how sure are we" — in numbers and in one sentence.</summary>
public sealed record CallbackReport(
    IReadOnlyList<StrategyRow> Strategies,
    IReadOnlyList<AttemptRow> Attempts,
    IReadOnlyList<HourCell> Hours,
    IReadOnlyList<RepRow> Reps,
    Rate CallbackRate,
    Rate ConnectRate,
    Rate PromiseKeeping,
    TimeToCallback TimeToCallback,
    string Verdict)
{
    /// <summary>Attempts from this one on are counted together: few contacts get that far.</summary>
    public const int LastAttemptBucket = 8;

    public static CallbackReport Build(ReportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var strategies = counts.Strategies
            .Select(s => new StrategyRow(s.Strategy, s.Strategy is { } k ? Validation.EnumText.Format(k) : "none recorded", Rate.Of(s.CalledBack, s.Messages), s.Meetings))
            .OrderByDescending(s => s.CallbackRate.Value ?? -1).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var attempts = counts.Attempts
            .GroupBy(a => Math.Min(a.Attempt, LastAttemptBucket))
            .OrderBy(g => g.Key)
            .Select(g => new AttemptRow(
                g.Key == LastAttemptBucket ? $"{LastAttemptBucket}+" : g.Key.ToString(CultureInfo.InvariantCulture),
                Rate.Of(g.Sum(a => a.CalledBack), g.Sum(a => a.Messages))))
            .ToList();
        var hours = counts.Hours
            .GroupBy(h => (h.Day, h.Hour))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Hour)
            .Select(g => new HourCell(g.Key.Day, g.Key.Hour, Rate.Of(g.Sum(h => h.CalledBack), g.Sum(h => h.Messages))))
            .ToList();
        var reps = counts.Reps
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new RepRow(r.UserId, r.Name, Rate.Of(r.CalledBack, r.Messages), Rate.Of(r.Connected, r.OutboundCalls),
                Rate.Of(r.PromisesKept, r.PromisesKept + r.PromisesMissed)))
            .ToList();

        return new CallbackReport(
            strategies,
            attempts,
            hours,
            reps,
            Rate.Of(counts.Strategies.Sum(s => s.CalledBack), counts.Strategies.Sum(s => s.Messages)),
            Rate.Of(counts.Reps.Sum(r => r.Connected), counts.Reps.Sum(r => r.OutboundCalls)),
            Rate.Of(counts.Reps.Sum(r => r.PromisesKept), counts.Reps.Sum(r => r.PromisesKept + r.PromisesMissed)),
            new TimeToCallback(counts.Delays.Sum(d => d.Messages), CallbackDelay.Within(counts.Delays, 0.5), CallbackDelay.Within(counts.Delays, 0.9)),
            VerdictOn(strategies));
    }

    /// <summary>One plain sentence: which strategy works best, and whether the data can tell.</summary>
    public static string VerdictOn(IReadOnlyList<StrategyRow> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var named = strategies.Where(s => s.Strategy is not null).ToList();
        var enough = named.Where(s => !s.CallbackRate.TooFewToConclude).OrderByDescending(s => s.CallbackRate.Value).ToList();
        if (enough.Count == 0)
        {
            var most = named.Count == 0 ? 0 : named.Max(s => s.CallbackRate.Trials);
            return $"Too few messages to say which strategy gets calls returned: each needs at least {Rate.EnoughTrials} messages " +
                $"(the most any has is {most}).";
        }

        var best = enough[0];
        var lead = $"{best.Name} gets the most calls returned: {Describe(best.CallbackRate)}";
        if (enough.Count == 1)
        {
            return $"{lead}. No other strategy has {Rate.EnoughTrials} messages yet to compare it with.";
        }

        var notBeaten = enough.Skip(1).Where(s => !best.CallbackRate.ClearlyAbove(s.CallbackRate)).Select(s => s.Name).ToList();
        return notBeaten.Count == 0
            ? $"{lead}, clearly more than every other strategy with enough messages (the 95% intervals do not overlap)."
            : $"{lead}, but with these numbers it cannot yet be told apart from {string.Join(", ", notBeaten)} (the 95% intervals overlap).";
    }

    public static string Describe(Rate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return rate.Value is not { } value
            ? "no messages"
            : $"{Percent(value)} of {rate.Trials} (95% CI {Percent(rate.Low)}–{Percent(rate.High)})";
    }

    /// <summary>"40%": whole percents, no space (the invariant culture's P format writes "40 %").</summary>
    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100, MidpointRounding.AwayFromZero):0}%");
}
