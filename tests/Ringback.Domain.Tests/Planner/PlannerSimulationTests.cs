using NodaTime;
using Ringback.Calls;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Planner;

/// <summary>A year of planning in every IANA zone: no planned call may fall outside the lawful and working windows.</summary>
public class PlannerSimulationTests
{
    [Fact]
    public void A_year_of_cadences_in_every_zone_plans_every_call_inside_its_windows()
    {
        var random = new Random(5);
        var zones = DateTimeZoneProviders.Tzdb.Ids.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        var places = new (string Country, string? State)[] { ("US", "FL"), ("US", "TX"), ("US", "RI"), ("US", "NY"), ("CA", "QC"), ("GB", null), ("IN", null), (null!, null) };
        var cadence = Cadence.Defaults[0];
        int planned = 0, noTime = 0;
        foreach (var zone in zones)
        {
            for (var i = 0; i < 6; i++)
            {
                var repZone = zones[random.Next(zones.Count)];
                var (country, state) = places[random.Next(places.Length)];
                var lawful = CallingLaws.For(country, state).Select(r => new CallWindow(r.Name, r.Windows, zone, r.Source))
                    .Append(new CallWindow("your working hours", WeeklyWindows.Parse("Mon-Sat 07:00-22:00"), repZone, "settings")).ToList();
                var start = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(random.Next(0, 365 * 24 * 60));
                var enrollment = new Enrollment(Guid.NewGuid(), Guid.NewGuid(), cadence, start, KeepAfterEnd: false);
                var calls = new List<CallFact>();
                var now = start;
                for (var step = 0; step < cadence.Steps.Count; step++)
                {
                    var plan = FollowUpPlanner.Plan(new PlanInput
                    {
                        ContactId = Guid.NewGuid(), Calls = calls, Enrollment = enrollment, ProspectZone = zone, Lawful = lawful, Now = now,
                        Preferred = random.Next(3) == 0 ? new CallWindow("gatekeeper", WeeklyWindows.Parse("Tue,Thu 14:00-17:00"), zone, "test") : null,
                    });
                    var item = plan.Items.SingleOrDefault(p => p.Kind == FollowUpKind.CadenceStep);
                    if (item is null)
                    {
                        noTime++;
                        break;
                    }

                    planned++;
                    var blocking = CallingTimes.Blocking(item.DueAt, lawful);
                    blocking.ShouldBeNull($"{zone.Id}, rep in {repZone.Id}, {country}-{state}: step {step + 1} at {item.DueAt} ({item.DueAt.InZone(zone)}) breaks {blocking?.Name}");
                    item.DueAt.ShouldBeGreaterThanOrEqualTo(now);
                    calls.Insert(0, new CallFact(Guid.NewGuid(), enrollment.UserId, CallDirection.Outbound, CallOutcome.VoicemailLeft, item.DueAt));
                    now = item.DueAt + Duration.FromMinutes(3);
                }
            }
        }

        planned.ShouldBeGreaterThan(15_000);
        noTime.ShouldBeLessThan(planned / 20, "windows that never meet (a rep on the far side of the world) should be rare");
    }
}
