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

    /// <summary>
    /// An invitation to one appointment (iTIP METHOD:REQUEST, RFC 5546), for the prospect's mail program to add to
    /// their calendar and answer. The UID is the appointment's, so a second invitation after the time moved updates
    /// the same event; its SEQUENCE grows with the time it was sent, as RFC 5546 asks of a revision.
    /// </summary>
    public static string Invitation(CalendarEvent appointment, (string Name, string Email) organizer, (string Name, string Email) attendee, Instant stamp)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var calendar = new IcalCalendar { ProductId = ProductId, Method = "REQUEST" };
        var invited = new IcalEvent
        {
            Uid = appointment.Uid,
            DtStamp = Utc(stamp),
            DtStart = Utc(appointment.Start),
            DtEnd = Utc(appointment.End),
            Summary = appointment.Summary,
            Description = string.IsNullOrEmpty(appointment.Description) ? null : appointment.Description,
            Location = string.IsNullOrEmpty(appointment.Location) ? null : appointment.Location,
            Status = "CONFIRMED",
            Sequence = (int)((stamp - Instant.FromUtc(2026, 1, 1, 0, 0)).TotalMinutes),
            Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name },
        };
        invited.Attendees.Add(new Attendee($"mailto:{attendee.Email}")
        {
            CommonName = attendee.Name, Rsvp = true, ParticipationStatus = "NEEDS-ACTION", Role = "REQ-PARTICIPANT",
        });
        calendar.Events.Add(invited);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc());
}
