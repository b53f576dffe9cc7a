using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Ringback.Planner;

/// <summary>One event in a rep's calendar feed.</summary>
/// <param name="Alarm">How long before the start the calendar alarms (VALARM), the rep's reminder lead; none when null.</param>
public sealed record CalendarEvent(string Uid, Instant Start, Instant End, string Summary, string? Description = null, string? Location = null, NodaTime.Duration? Alarm = null);

/// <summary>
/// Writes an iCalendar (RFC 5545) document with Ical.Net, which folds, escapes and ends lines as the RFC says.
/// Times are written in UTC ("Z"), which every client shows correctly in its own zone across DST changes. Tests parse
/// the output with Debian's python3-icalendar.
/// </summary>
public static class ICalendar
{
    public const string ProductId = "-//Ringback//Ringback calendar//EN";

    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, Instant stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new IcalCalendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var e in events)
        {
            var added = new IcalEvent
            {
                Uid = e.Uid,
                DtStamp = Utc(stamp),
                DtStart = Utc(e.Start),
                DtEnd = Utc(e.End),
                Summary = e.Summary,
                Description = string.IsNullOrEmpty(e.Description) ? null : e.Description,
                Location = string.IsNullOrEmpty(e.Location) ? null : e.Location,
            };
            if (e.Alarm is { } lead)
            {
                added.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display,
                    Description = e.Summary,
                    Trigger = new Trigger(Ical.Net.DataTypes.Duration.FromSeconds(-(int)lead.TotalSeconds)),
                });
            }

            calendar.Events.Add(added);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc());
}
