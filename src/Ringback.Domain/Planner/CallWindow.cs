using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Planner;

/// <summary>When one rule lets a call be made, in one zone, and where the rule comes from.</summary>
/// <param name="Name">What the rep is told: "US federal law", "Florida", "your working hours".</param>
public sealed record CallWindow(string Name, WeeklyWindows Windows, DateTimeZone Zone, string Source)
{
    public bool Allows(Instant instant) => Windows.Contains(instant.InZone(Zone).LocalDateTime);

    /// <summary>The first instant at or after <paramref name="from"/> that this window allows, within a fortnight.</summary>
    public Instant? NextOpen(Instant from)
    {
        if (Allows(from))
        {
            return from;
        }

        var local = from.InZone(Zone).LocalDateTime;
        for (var day = 0; day <= 14; day++)
        {
            var date = local.Date.PlusDays(day);
            foreach (var window in Windows.Windows.Where(w => w.Days.Contains(date.DayOfWeek)).OrderBy(w => w.Start))
            {
                // A window that opens in a DST gap opens when the clocks allow (02:30 on a spring-forward night is 03:30).
                var opens = LocalTimes.Resolve(date.At(window.Start), Zone).ToInstant();
                if (opens >= from && Allows(opens))
                {
                    return opens;
                }
            }
        }

        return null;
    }
}
