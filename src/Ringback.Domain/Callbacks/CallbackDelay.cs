using NodaTime;

namespace Ringback.Callbacks;

/// <summary>How many messages were called back within one bucket of <see cref="CallbackDelay"/>.</summary>
public sealed record DelayTally(int Bucket, int Messages);

/// <summary>
/// Time to callback, counted in buckets rather than kept call by call: the Stats report reads a year of a team's
/// callbacks as a few thousand daily tallies, and "half are returned within 2 h" needs no finer grain than the
/// buckets give (a minute apart in the first quarter of an hour, a quarter of an hour apart at a day, days apart
/// beyond a week — each about a fifth wider than the one before).
/// </summary>
public static class CallbackDelay
{
    /// <summary>Upper bounds of the buckets in minutes, inclusive: bucket i holds delays in (bound[i-1], bound[i]].</summary>
    public static readonly IReadOnlyList<int> BoundMinutes =
    [
        1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 360, 480, 600, 720, 960, 1200, 1440,
        1800, 2160, 2880, 3600, 4320, 5760, 7200, 8640, 10080, 12960, 14400, 17280, 20160, 30240, 40320, 60480, 86400, 129600,
    ];

    /// <summary>The bucket a delay falls in; anything beyond the last bound (90 days) is counted in the last bucket.</summary>
    public static int BucketOf(Duration delay)
    {
        var minutes = delay.TotalMinutes;
        for (var i = 0; i < BoundMinutes.Count; i++)
        {
            if (minutes <= BoundMinutes[i])
            {
                return i;
            }
        }

        return BoundMinutes.Count - 1;
    }

    /// <summary>The bucket's upper bound: what "within" says of every delay in it.</summary>
    public static Duration UpperBound(int bucket) => Duration.FromMinutes(BoundMinutes[Math.Clamp(bucket, 0, BoundMinutes.Count - 1)]);

    /// <summary>
    /// The smallest bound within which at least the fraction <paramref name="q"/> of callbacks came (nearest rank):
    /// "half were returned within 2 h". Null when there are none.
    /// </summary>
    public static Duration? Within(IEnumerable<DelayTally> tallies, double q)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var buckets = tallies.GroupBy(t => t.Bucket).Select(g => (Bucket: g.Key, Messages: g.Sum(t => (long)t.Messages)))
            .Where(b => b.Messages > 0).OrderBy(b => b.Bucket).ToList();
        var total = buckets.Sum(b => b.Messages);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        foreach (var (bucket, messages) in buckets)
        {
            seen += messages;
            if (seen >= rank)
            {
                return UpperBound(bucket);
            }
        }

        return UpperBound(buckets[^1].Bucket);
    }
}
