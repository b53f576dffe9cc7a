using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Planner;
using Ringback.Reminders;
using Ringback.Scheduling;

namespace Ringback.Data.Reminders;

/// <summary>A reminder as the rep's list shows it.</summary>
public sealed record ReminderEntry(Guid Id, ReminderKind Kind, ReminderState State, Guid? ContactId, string? ContactName, Instant DueAt, Instant RemindAt,
    string? Title, string? Text, Instant? SentAt, IReadOnlyList<DeliveryEntry> Deliveries);

public sealed record DeliveryEntry(ReminderChannel Channel, DeliveryState State, int Attempts, string? LastError, Instant? SentAt, Instant? NextAttemptAt);

/// <summary>
/// The reminders table: kept in step with the plan in the plan's own transaction (so a promise saved is a reminder
/// saved), and worked through by the sender. Every step that must happen once is a conditional update that only one
/// process can win, so two Ringback processes on one database never send a reminder twice.
/// </summary>
public static class ReminderBook
{
    /// <summary>
    /// Rewrites a contact's scheduled reminders from its new plan, before the plan is saved: a moved promise moves
    /// its reminder, a kept or superseded one drops it. Reminders already sent are history and stay.
    /// </summary>
    public static async Task SyncAsync(RingbackDbContext db, Guid contactId, IEnumerable<FollowUp> plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var calls = plan.Where(f => f.UserId is not null && f.Kind is FollowUpKind.Promise or FollowUpKind.Appointment)
            .Select(f => new PlannedCall(f.Kind == FollowUpKind.Promise ? ReminderKind.Promise : ReminderKind.Appointment, f.UserId!.Value, f.DueAt))
            .ToList();
        var userIds = calls.Select(c => c.UserId).Distinct().ToList();
        // Most replans (a message left, no promise) plan nothing to remind: no need to read the reps.
        var reps = db.Users.Local.Where(u => userIds.Contains(u.Id)).ToDictionary(u => u.Id);
        if (reps.Count < userIds.Count)
        {
            foreach (var user in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken))
            {
                reps.TryAdd(user.Id, user);
            }
        }
        var wanted = ReminderRules.Wanted(calls, id => reps.TryGetValue(id, out var u)
            ? (u.Reminders, u.WorkingHours, u.Zone)
            : (ReminderSettings.Default, WeeklyWindows.None, DateTimeZone.Utc))
            .Where(w => w.DueAt > now).ToList();

        var existing = await db.Reminders.Where(r => r.ContactId == contactId && (r.Kind == ReminderKind.Promise || r.Kind == ReminderKind.Appointment))
            .ToListAsync(cancellationToken);
        foreach (var reminder in existing.Where(r => r.State == ReminderState.Scheduled))
        {
            if (wanted.FirstOrDefault(w => w.UserId == reminder.UserId && w.Kind == reminder.Kind && w.DueAt == reminder.DueAt) is { } still)
            {
                // A snoozed reminder keeps the minute the rep snoozed it to.
                reminder.RemindAt = reminder.Round == 0 ? still.RemindAt : reminder.RemindAt;
            }
            else
            {
                reminder.State = ReminderState.Cancelled;
            }
        }

        foreach (var w in wanted.Where(w => !existing.Any(r => r.UserId == w.UserId && r.Kind == w.Kind && r.DueAt == w.DueAt)))
        {
            db.Reminders.Add(new Reminder
            {
                Id = Guid.CreateVersion7(), UserId = w.UserId, ContactId = contactId, Kind = w.Kind, DueAt = w.DueAt, RemindAt = w.RemindAt,
                State = ReminderState.Scheduled, CreatedAt = now,
            });
        }

        // A cancelled reminder brought back (the promise moved back to its minute) is scheduled again.
        foreach (var reminder in existing.Where(r => r.State == ReminderState.Cancelled))
        {
            if (wanted.FirstOrDefault(w => w.UserId == reminder.UserId && w.Kind == reminder.Kind && w.DueAt == reminder.DueAt) is { } back)
            {
                reminder.State = ReminderState.Scheduled;
                reminder.RemindAt = back.RemindAt;
            }
        }
    }

    /// <summary>The rep's reminders, soonest to send first, then the latest sent: what `ringback reminders list` and Settings show.</summary>
    public static async Task<IReadOnlyList<ReminderEntry>> ListAsync(RingbackDbContext db, Guid userId, Instant now, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var upcoming = await db.Reminders.AsNoTracking().Include(r => r.Deliveries)
            .Where(r => r.UserId == userId && r.State == ReminderState.Scheduled).OrderBy(r => r.RemindAt).Take(take).ToListAsync(cancellationToken);
        var past = await db.Reminders.AsNoTracking().Include(r => r.Deliveries)
            .Where(r => r.UserId == userId && r.State != ReminderState.Scheduled && r.State != ReminderState.Cancelled && r.RemindAt >= now - Duration.FromDays(7))
            .OrderByDescending(r => r.RemindAt).Take(take).ToListAsync(cancellationToken);
        var contactIds = upcoming.Concat(past).Select(r => r.ContactId).OfType<Guid>().Distinct().ToList();
        var names = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName }).ToDictionaryAsync(c => c.Id, c => string.Join(' ', new[] { c.FirstName, c.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))), cancellationToken);
        return [.. upcoming.Concat(past).Select(r => new ReminderEntry(r.Id, r.Kind, r.State, r.ContactId, r.ContactId is { } id ? names.GetValueOrDefault(id) : null,
            r.DueAt, r.RemindAt, r.Title, r.Text, r.SentAt,
            [.. r.Deliveries.OrderBy(d => d.Channel).Select(d => new DeliveryEntry(d.Channel, d.State, d.Attempts, d.LastError, d.SentAt, d.NextAttemptAt))]))];
    }

    /// <summary>In-app reminders the rep has not closed, sent in the last hours: the banner on every page.</summary>
    public static async Task<IReadOnlyList<Reminder>> UnseenAsync(RingbackDbContext db, Guid userId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Duration.FromHours(12);
        return await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == userId && r.State == ReminderState.Sent && r.SeenAt == null && r.SentAt >= since
                && r.Deliveries.Any(d => d.Channel == ReminderChannel.App))
            .OrderByDescending(r => r.SentAt).Take(5).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reminders whose minute came while no Ringback was running, in the last day, not yet acknowledged: Today says
    /// so, since they were recorded rather than sent late.
    /// </summary>
    public static async Task<IReadOnlyList<ReminderEntry>> MissedWhileDownAsync(RingbackDbContext db, Guid userId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Duration.FromDays(1);
        var rows = await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == userId && r.State == ReminderState.MissedWhileDown && r.SeenAt == null && r.DueAt >= since)
            .OrderBy(r => r.DueAt).Take(20).ToListAsync(cancellationToken);
        var contactIds = rows.Select(r => r.ContactId).OfType<Guid>().ToList();
        var names = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        return [.. rows.Select(r => new ReminderEntry(r.Id, r.Kind, r.State, r.ContactId, r.ContactId is { } id ? names.GetValueOrDefault(id) : null,
            r.DueAt, r.RemindAt, r.Title, r.Text, r.SentAt, []))];
    }

    /// <summary>"Understood" on Today's missed-while-down notice.</summary>
    public static async Task<int> SeenMissedWhileDownAsync(RingbackDbContext db, Guid userId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Reminders.Where(r => r.UserId == userId && r.State == ReminderState.MissedWhileDown && r.SeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SeenAt, now), cancellationToken);
    }

    public static async Task<bool> SeenAsync(RingbackDbContext db, Guid userId, Guid reminderId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Reminders.Where(r => r.Id == reminderId && r.UserId == userId && r.SeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SeenAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// "Snooze 5 minutes" on a notification: the reminder is sent again, on every channel, five minutes from now —
    /// unless by then the promised minute will have passed beyond the tolerance (the missed-promise notice comes instead).
    /// Asked by the service worker with a token made for this reminder and rep, so it works from a locked phone.
    /// </summary>
    public static async Task<string?> SnoozeAsync(RingbackDbContext db, Guid userId, Guid reminderId, Instant now, Duration tolerance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reminder = await db.Reminders.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reminderId && r.UserId == userId, cancellationToken);
        if (reminder is null)
        {
            return "That reminder is not yours or no longer exists.";
        }

        var again = now + ReminderRules.Snooze;
        if (reminder.Kind is ReminderKind.Promise or ReminderKind.Appointment && ReminderRules.PastUse(reminder.Kind, reminder.DueAt, again, tolerance))
        {
            return "Too late to snooze: the promised minute will have passed.";
        }

        var moved = await db.Reminders.IgnoreQueryFilters().Where(r => r.Id == reminderId && r.UserId == userId && r.State == ReminderState.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReminderState.Scheduled).SetProperty(r => r.RemindAt, again)
                .SetProperty(r => r.Round, r => r.Round + 1).SetProperty(r => r.SeenAt, (Instant?)null), cancellationToken);
        return moved == 1 ? null : "That reminder is already snoozed or was cancelled.";
    }

    /// <summary>The user's own reminder settings, checked: lead 0 to 1,440 minutes.</summary>
    public static string? Check(ReminderSettings settings) =>
        settings is null ? null
        : settings.LeadMinutes is < 0 or > ReminderSettings.MaxLeadMinutes ? $"Remind me must be between 0 and {ReminderSettings.MaxLeadMinutes} minutes before"
        : null;

    /// <summary>
    /// Saves a rep's reminder settings and remakes their scheduled reminders from their plans by the one rule
    /// (<see cref="ReminderRules.Wanted"/>): a new lead time moves them, "appointments only in working hours" drops or
    /// brings back the ones outside, and turning every channel off cancels them.
    /// </summary>
    public static async Task SaveSettingsAsync(RingbackDbContext db, User rep, ReminderSettings settings, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(settings);
        await db.InTransactionAsync(async ct =>
        {
            rep.ReminderLeadMinutes = settings.LeadMinutes;
            rep.RemindInApp = settings.App;
            rep.RemindByEmail = settings.Email;
            rep.RemindByPush = settings.Push;
            rep.RemindInWorkingHoursOnly = settings.WorkingHoursOnly;
            await db.SaveChangesAsync(ct);

            // Every contact where this rep has a promise or an appointment ahead, or a reminder still to send.
            var contactIds = await db.FollowUps.Where(f => f.UserId == rep.Id && f.DueAt > now && (f.Kind == FollowUpKind.Promise || f.Kind == FollowUpKind.Appointment))
                .Select(f => f.ContactId)
                .Union(db.Reminders.Where(r => r.UserId == rep.Id && r.ContactId != null && r.State == ReminderState.Scheduled).Select(r => r.ContactId!.Value))
                .ToListAsync(ct);
            foreach (var chunk in contactIds.Chunk(500))
            {
                var plans = (await db.FollowUps.AsNoTracking().Where(f => chunk.Contains(f.ContactId)).ToListAsync(ct)).ToLookup(f => f.ContactId);
                foreach (var contactId in chunk)
                {
                    await SyncAsync(db, contactId, plans[contactId], now, ct);
                }

                await db.SaveChangesAsync(ct);
            }

            return true;
        }, _ => true, cancellationToken);
    }
}
