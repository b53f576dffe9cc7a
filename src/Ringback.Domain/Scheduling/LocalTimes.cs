using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Ringback.Scheduling;

/// <summary>Turning a local time someone said into the instant it means.</summary>
public static class LocalTimes
{
    /// <summary>
    /// A time in a DST gap ("02:30" on a spring-forward night) moves forward by the gap's length; an ambiguous
    /// time (in the hour repeated in autumn) takes the earlier instant, so a promise is kept early rather than late.
    /// </summary>
    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolvers.LenientResolver);

    /// <summary>Whether <see cref="Resolve"/> had to move or choose, which the UI says out loud.</summary>
    public static ZoneLocalMappingKind Kind(LocalDateTime local, DateTimeZone zone) => zone.MapLocal(local).Count switch
    {
        0 => ZoneLocalMappingKind.Skipped,
        1 => ZoneLocalMappingKind.Unambiguous,
        _ => ZoneLocalMappingKind.Ambiguous,
    };
}

/// <summary>
/// A local date and time as a rep types it at a terminal: "2026-11-23 08:15", "tomorrow 8:15", "today 2pm",
/// "Tue 10am", "Thursday at 9:30 a.m.". A weekday means the next one from today (today itself when the time is
/// still ahead), so "Tue 10am" typed on a Tuesday at 11 is next Tuesday.
/// </summary>
public static partial class SpokenLocalTimes
{
    private static readonly LocalDateTimePattern Iso = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <param name="now">The local date and time now where the time is meant (the prospect's zone).</param>
    public static LocalDateTime? Parse(string? text, LocalDateTime now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Iso.Parse(trimmed) is { Success: true } iso)
        {
            return iso.Value;
        }

        var match = Spoken().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ap"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = (hour % 12) + (meridiem.StartsWith('p') ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return null;
        }

        var time = new LocalTime(hour, minute);
        var day = match.Groups["day"].Value.ToLowerInvariant();
        LocalDate date;
        if (day is "today")
        {
            date = now.Date;
        }
        else if (day is "tomorrow")
        {
            date = now.Date.PlusDays(1);
        }
        else
        {
            var wanted = (IsoDayOfWeek)(Array.IndexOf(Days, day[..3]) + 1);
            var ahead = ((int)wanted - (int)now.DayOfWeek + 7) % 7;
            date = now.Date.PlusDays(ahead == 0 && time <= now.TimeOfDay ? 7 : ahead);
        }

        return date.At(time);
    }

    [GeneratedRegex(@"^(?<day>today|tomorrow|(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?)\s*,?\s*(at\s+)?(?<h>\d{1,2})(:(?<m>\d{2}))?\s*(?<ap>a\.?m\.?|p\.?m\.?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spoken();
}

public enum ZoneLocalMappingKind
{
    Unambiguous,
    Skipped,
    Ambiguous,
}
