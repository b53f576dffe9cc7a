using MimeKit;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Planner;
using Ringback.Planner;

namespace Ringback.Reminders;

/// <summary>
/// An appointment booked with a prospect, sent to them as a calendar invitation (iMIP, RFC 6047): a text/calendar
/// part with METHOD:REQUEST their mail program offers to add and answer, from the rep, replies to the rep.
/// </summary>
public static class AppointmentInvitation
{
    public static MimeMessage Message(Contact contact, Call call, User rep, string sender, DateTimeZone prospectZone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(sender);
        var start = call.AppointmentStart!.Value;
        var end = call.AppointmentEnd ?? start + Duration.FromHours(1);
        var with = rep.CompanyName is { Length: > 0 } company ? $"{rep.Name} ({company})" : rep.Name;
        var summary = $"Meeting with {with}";
        var when = start.InZone(prospectZone);
        var whenText = $"{when:dddd d MMMM yyyy, HH:mm} ({prospectZone.GetZoneInterval(start).Name})";
        var details = string.Join('\n', new[]
        {
            $"{summary}, {whenText}.",
            call.AppointmentPlace is { Length: > 0 } place ? $"Where: {place}" : null,
            call.AppointmentDirections is { Length: > 0 } directions ? $"Directions: {directions}" : null,
            rep.CallbackPhone is { Length: > 0 } phone ? $"{rep.Name}: {Phones.PhoneFormat.Shown(phone, "ZZ")}" : null,
        }.Where(l => l is not null));
        var calendar = ICalendar.Invitation(
            new CalendarEvent(CalendarFeed.AppointmentUid(call.Id, contact.Id, start), start, end, summary, details, call.AppointmentPlace),
            (rep.Name, rep.Email), (contact.DisplayName, contact.Email!), now);

        var message = new MimeMessage { Subject = $"Invitation: {summary} — {whenText}" };
        var from = MailboxAddress.Parse(sender);
        message.From.Add(new MailboxAddress($"{rep.Name} via Ringback", from.Address));
        message.ReplyTo.Add(new MailboxAddress(rep.Name, rep.Email));
        message.To.Add(new MailboxAddress(contact.DisplayName, contact.Email!));
        var invitation = new TextPart("calendar") { Text = calendar };
        invitation.ContentType.Parameters.Add("method", "REQUEST");
        invitation.ContentType.Charset = "utf-8";
        var alternative = new MultipartAlternative { new TextPart("plain") { Text = details + "\n" }, invitation };
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }
}
