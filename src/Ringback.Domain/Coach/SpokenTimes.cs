using System.Globalization;
using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Coach;

/// <summary>Times the way they are said in a message: "tomorrow at 8:15 a.m.", "Thursday at noon", "between 9 a.m. and noon, Monday to Friday".</summary>
public static class SpokenTimes
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    public static string Clock(LocalTime time) => time switch
    {
        { Hour: 12, Minute: 0 } => "noon",
        { Hour: 0, Minute: 0 } => "midnight",
        _ => (time.ClockHourOfHalfDay, time.Minute) switch
        {
            (var h, 0) => $"{h} {(time.Hour < 12 ? "a.m." : "p.m.")}",
            (var h, var m) => $"{h}:{m:00} {(time.Hour < 12 ? "a.m." : "p.m.")}",
        },
    };

    /// <summary>A day relative to today: "today", "tomorrow", "Thursday" within the week, else "Thursday, March 5".</summary>
    public static string Day(LocalDate day, LocalDate today)
    {
        var days = Period.Between(today, day, PeriodUnits.Days).Days;
        return days switch
        {
            0 => "today",
            1 => "tomorrow",
            > 1 and < 7 => day.ToString("dddd", En),
            _ => day.ToString("dddd, MMMM d", En),
        };
    }

    /// <summary>"tomorrow at 8:15 a.m.", as the person who lives at <paramref name="when"/>'s zone hears it.</summary>
    public static string When(ZonedDateTime when, Instant now) =>
        $"{Day(when.Date, now.InZone(when.Zone).Date)} at {Clock(when.TimeOfDay)}";

    /// <summary>"in May", "on Tuesday" — when an earlier conversation was, without sounding like a file.</summary>
    public static string Ago(ZonedDateTime when, Instant now)
    {
        var today = now.InZone(when.Zone).Date;
        var days = Period.Between(when.Date, today, PeriodUnits.Days).Days;
        return days switch
        {
            0 => "earlier today",
            1 => "yesterday",
            < 7 => "on " + when.Date.ToString("dddd", En),
            _ when when.Year == today.Year => "in " + when.Date.ToString("MMMM", En),
            _ => "in " + when.Date.ToString("MMMM yyyy", En),
        };
    }

    /// <summary>"between 9 a.m. and noon, Monday to Friday; and between 2 p.m. and 5 p.m., Tuesday and Thursday".</summary>
    public static string Windows(WeeklyWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return string.Join("; and ", windows.Windows.Select(w =>
            $"between {Clock(w.Start)} and {(w.End == LocalTime.MaxValue ? "midnight" : Clock(w.End))}, {Days(w.Days)}"));
    }

    private static string Days(IReadOnlySet<IsoDayOfWeek> days)
    {
        var sorted = days.Order().ToList();
        var name = (IsoDayOfWeek d) => d.ToString();
        var contiguous = sorted.Count > 2 && sorted[^1] - sorted[0] == sorted.Count - 1;
        return contiguous ? $"{name(sorted[0])} to {name(sorted[^1])}"
            : sorted.Count == 1 ? name(sorted[0])
            : string.Join(", ", sorted.Take(sorted.Count - 1).Select(name)) + " and " + name(sorted[^1]);
    }
}
