using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Contacts;
using Ringback.Planner;
using Ringback.Reminders;

namespace Ringback.Data.Coach;

/// <summary>
/// Tells the rep whose conversation a colleague's tag-team message was about: when the message is left, and when the
/// prospect calls back after it (the callback is credited to the message like any other). The note goes through the
/// rep's reminder channels at once; each is made once, however often the calls are replanned or recredited.
/// </summary>
public static class HandOffs
{
    public static async Task MessageLeftAsync(RingbackDbContext db, Contact contact, Call message, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Strategy != Strategy.TagTeam || message.Direction != CallDirection.Outbound
            || message.Outcome is not (CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage))
        {
            return;
        }

        if (await SourceAsync(db, contact.Id, message, cancellationToken) is not { } source)
        {
            return;
        }

        var caller = await NameAsync(db, message.UserId, cancellationToken);
        await TellAsync(db, contact, source, message.StartedAt, now,
            $"{caller} left {contact.DisplayName} a message about your conversation",
            $"{caller} left {contact.DisplayName} a tag-team message about your conversation with them {await WhenAsync(db, source, now, cancellationToken)}. If they call you back, it is credited to that message.",
            cancellationToken);
    }

    /// <summary>After credits are recomputed: a callback newly credited to a tag-team message tells the colleague it was about.</summary>
    public static async Task CalledBackAsync(RingbackDbContext db, Contact contact, IEnumerable<Call> newlyCredited, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(newlyCredited);
        foreach (var message in newlyCredited.Where(m => m.Strategy == Strategy.TagTeam && m.CalledBackAt is not null))
        {
            if (await SourceAsync(db, contact.Id, message, cancellationToken) is not { } source || source.RepId == message.UserId)
            {
                continue;
            }

            var caller = await NameAsync(db, message.UserId, cancellationToken);
            await TellAsync(db, contact, source, message.CalledBackAt!.Value, now,
                $"{contact.DisplayName} called back after {caller}'s tag-team message",
                $"{contact.DisplayName} called back after {caller}'s message about your conversation with them {await WhenAsync(db, source, now, cancellationToken)}; the callback is credited to that message.",
                cancellationToken);
        }
    }

    private static async Task<HandOffSource?> SourceAsync(RingbackDbContext db, Guid contactId, Call message, CancellationToken cancellationToken)
    {
        var calls = await db.Calls.AsNoTracking().Where(c => c.ContactId == contactId && c.Outcome == CallOutcome.Connected && c.StartedAt < message.StartedAt)
            .Select(c => new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, c.PromisedNextCallAt, c.AppointmentStart, c.Strategy))
            .ToListAsync(cancellationToken);
        return TagTeam.SourceOf(calls, message.UserId, message.StartedAt);
    }

    private static async Task TellAsync(RingbackDbContext db, Contact contact, HandOffSource source, Instant key, Instant now, string title, string text,
        CancellationToken cancellationToken)
    {
        // Once per event: the same message or callback met again (a replan, a recomputed credit) adds nothing.
        if (await db.Reminders.AnyAsync(r => r.ContactId == contact.Id && r.UserId == source.RepId && r.Kind == ReminderKind.HandOff && r.DueAt == key && r.Title == title,
            cancellationToken))
        {
            return;
        }

        db.Reminders.Add(new Reminder
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = contact.OrganizationId,
            UserId = source.RepId,
            ContactId = contact.Id,
            Kind = ReminderKind.HandOff,
            DueAt = key,
            RemindAt = now,
            State = ReminderState.Scheduled,
            CreatedAt = now,
            Title = title,
            Text = text,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"in May", "yesterday": as the composer says it in the message, in the rep's own zone.</summary>
    private static async Task<string> WhenAsync(RingbackDbContext db, HandOffSource source, Instant now, CancellationToken cancellationToken)
    {
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == source.RepId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken) is { } id
            ? Ringback.Planner.Zones.OfPerson(id) : DateTimeZone.Utc;
        return SpokenTimes.Ago(source.At.InZone(zone), now);
    }

    private static async Task<string> NameAsync(RingbackDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? "A colleague";
}
