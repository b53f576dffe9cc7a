using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Scheduling;

public class LocalTimesTests
{
    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    [Fact]
    public void A_time_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 to 03:00.
        var local = new LocalDateTime(2026, 3, 8, 2, 30);
        var zone = Zone("America/New_York");

        LocalTimes.Kind(local, zone).ShouldBe(ZoneLocalMappingKind.Skipped);
        LocalTimes.Resolve(local, zone).ToInstant().ShouldBe(Instant.FromUtc(2026, 3, 8, 7, 30));
    }

    [Fact]
    public void A_time_in_the_repeated_autumn_hour_takes_the_earlier_instant()
    {
        // 2026-11-01 01:30 happens twice in New York; the earlier is EDT (UTC-4).
        var local = new LocalDateTime(2026, 11, 1, 1, 30);
        var zone = Zone("America/New_York");

        LocalTimes.Kind(local, zone).ShouldBe(ZoneLocalMappingKind.Ambiguous);
        LocalTimes.Resolve(local, zone).ToInstant().ShouldBe(Instant.FromUtc(2026, 11, 1, 5, 30));
    }

    [Theory]
    [InlineData("Asia/Kolkata", 2, 45)]
    [InlineData("Australia/Adelaide", 22, 45)]
    [InlineData("America/Phoenix", 15, 15)]
    public void Half_hour_zones_and_zones_without_DST_resolve_exactly(string zoneId, int utcHour, int utcMinute)
    {
        // 08:15 local on 2026-06-15 (in Adelaide that is winter, UTC+9:30; the day before in UTC).
        var local = new LocalDateTime(2026, 6, 15, 8, 15);
        var instant = LocalTimes.Resolve(local, Zone(zoneId)).ToInstant();

        LocalTimes.Kind(local, Zone(zoneId)).ShouldBe(ZoneLocalMappingKind.Unambiguous);
        instant.InUtc().TimeOfDay.ShouldBe(new LocalTime(utcHour, utcMinute));
    }
}
