using NodaTime;
using Ringback.Callbacks;

namespace Ringback.Domain.Tests.Callbacks;

public class CallbackDelayTests
{
    [Fact]
    public void A_delay_falls_in_the_first_bucket_whose_bound_it_does_not_pass()
    {
        CallbackDelay.BucketOf(Duration.FromSeconds(5)).ShouldBe(0);
        CallbackDelay.BucketOf(Duration.FromMinutes(1)).ShouldBe(0, "bounds are inclusive");
        CallbackDelay.BucketOf(Duration.FromMinutes(1) + Duration.FromSeconds(1)).ShouldBe(1);
        CallbackDelay.UpperBound(CallbackDelay.BucketOf(Duration.FromMinutes(61))).ShouldBe(Duration.FromMinutes(75));
        CallbackDelay.UpperBound(CallbackDelay.BucketOf(Duration.FromDays(14))).ShouldBe(Duration.FromDays(14));
        CallbackDelay.BucketOf(Duration.FromDays(400)).ShouldBe(CallbackDelay.BoundMinutes.Count - 1, "beyond the last bound is the last bucket");
    }

    [Fact]
    public void The_bounds_rise_and_each_is_at_most_half_again_the_one_before_past_the_first_quarter_hour()
    {
        var bounds = CallbackDelay.BoundMinutes;
        for (var i = 1; i < bounds.Count; i++)
        {
            bounds[i].ShouldBeGreaterThan(bounds[i - 1]);
            if (bounds[i - 1] >= 15)
            {
                ((double)bounds[i] / bounds[i - 1]).ShouldBeLessThanOrEqualTo(1.5, $"{bounds[i - 1]} → {bounds[i]} min");
            }
        }
    }

    [Fact]
    public void Within_is_the_nearest_rank_bound()
    {
        DelayTally[] tallies = [new(CallbackDelay.BucketOf(Duration.FromMinutes(10)), 3), new(CallbackDelay.BucketOf(Duration.FromHours(2)), 6), new(CallbackDelay.BucketOf(Duration.FromDays(3)), 1)];
        CallbackDelay.Within(tallies, 0.3).ShouldBe(Duration.FromMinutes(10), "3 of 10 within 10 min");
        CallbackDelay.Within(tallies, 0.31).ShouldBe(Duration.FromHours(2));
        CallbackDelay.Within(tallies, 0.9).ShouldBe(Duration.FromHours(2), "9 of 10 within 2 h");
        CallbackDelay.Within(tallies, 0.91).ShouldBe(Duration.FromDays(3));
        CallbackDelay.Within(tallies, 0).ShouldBe(Duration.FromMinutes(10));
        CallbackDelay.Within([], 0.5).ShouldBeNull();
        CallbackDelay.Within([new(4, 0)], 0.5).ShouldBeNull("empty buckets count for nothing");
    }
}
