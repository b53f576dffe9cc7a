using System.Globalization;
using System.Text;
using NodaTime;

namespace Ringback.Planning;

/// <summary>One event in a rep's calendar feed.</summary>
public sealed record CalendarEvent(string Uid, Instant Start, Instant End, string Summary, string? Description = null, string? Location = null);

/// <summary>
/// Writes an iCalendar (RFC 5545) document. No .NET iCalendar library is available here, so this is the small part
/// Ringback needs, written to the RFC: CRLF line ends, lines folded at 75 octets without splitting a character,
/// TEXT values escaped (backslash, semicolon, comma, newline), times in UTC ("Z"), which every client shows
/// correctly in its own zone across DST changes. Tests parse the output with Debian's python3-icalendar.
/// </summary>
public static class ICalendar
{
    private const int MaxOctets = 75;

    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, Instant stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//Ringback//Ringback calendar//EN");
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        Line(sb, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in events)
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + Escape(e.Uid));
            Line(sb, "DTSTAMP:" + Utc(stamp));
            Line(sb, "DTSTART:" + Utc(e.Start));
            Line(sb, "DTEND:" + Utc(e.End));
            Line(sb, "SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrEmpty(e.Description))
            {
                Line(sb, "DESCRIPTION:" + Escape(e.Description));
            }

            if (!string.IsNullOrEmpty(e.Location))
            {
                Line(sb, "LOCATION:" + Escape(e.Location));
            }

            Line(sb, "END:VEVENT");
        }

        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>RFC 5545 3.3.11: backslash, semicolon and comma are escaped; a line break becomes "\n".</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);
    }

    private static string Utc(Instant instant) => instant.InUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.1: a line longer than 75 octets continues on the next line after a single space.</summary>
    private static void Line(StringBuilder sb, string content)
    {
        var octets = 0;
        var limit = MaxOctets;
        var i = 0;
        while (i < content.Length)
        {
            var length = char.IsHighSurrogate(content[i]) && i + 1 < content.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(content.AsSpan(i, length));
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space counts
            }

            sb.Append(content, i, length);
            octets += size;
            i += length;
        }

        sb.Append("\r\n");
    }
}
