namespace Ringback.Callbacks;

/// <summary>A proportion with its 95% Wilson score interval.</summary>
public sealed record Rate(int Successes, int Trials, double Low, double High)
{
    /// <summary>Below this many trials a rate is shown but no conclusion is drawn from it.</summary>
    public const int EnoughTrials = 30;

    public double? Value => Trials == 0 ? null : (double)Successes / Trials;

    public bool TooFewToConclude => Trials < EnoughTrials;

    /// <summary>Whether this rate is better than the other with 95% intervals that do not overlap.</summary>
    public bool ClearlyAbove(Rate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return !TooFewToConclude && !other.TooFewToConclude && Low > other.High;
    }

    public static Rate Of(int successes, int trials) => Proportions.Wilson(successes, trials);
}

public static class Proportions
{
    /// <summary>The normal quantile for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval (Wilson 1927): unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is honest for
    /// small samples and rates near 0 or 1, which is where a new rep's numbers are.
    /// </summary>
    public static Rate Wilson(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new Rate(0, 0, 0, 1);
        }

        double n = trials, p = successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Rate(successes, trials, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
