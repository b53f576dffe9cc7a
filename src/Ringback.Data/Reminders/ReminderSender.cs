using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Planner;
using Ringback.Planner;
using Ringback.Reminders;

namespace Ringback.Data.Reminders;

/// <summary>One delivery to make, with what it says and to whom.</summary>
public sealed record Outgoing(Reminder Reminder, ReminderDelivery Delivery, User Rep, PushSubscription? Subscription);

/// <summary>How one delivery went: sent, failed (to retry), or gone (a push subscription the service no longer knows).</summary>
public sealed record DeliveryOutcome(Guid DeliveryId, bool Sent, string? Error = null, bool Gone = false);

/// <summary>A way to reach the rep. Each channel sends a batch its own way (one SMTP connection for many mails).</summary>
public interface IReminderChannel
{
    ReminderChannel Channel { get; }

    /// <summary>Whether it is set up here (an SMTP host, VAPID keys); a channel that is not is skipped, not failed.</summary>
    bool Ready { get; }

    Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<Outgoing> batch, CancellationToken cancellationToken);
}

/// <summary>What one pass did.</summary>
public sealed record SendReport(int Sent, int Failed, int MissedWhileDown, int MissedPromises, int Digests)
{
    public static SendReport operator +(SendReport a, SendReport b) =>
        new(a.Sent + b.Sent, a.Failed + b.Failed, a.MissedWhileDown + b.MissedWhileDown, a.MissedPromises + b.MissedPromises, a.Digests + b.Digests);
}

/// <summary>
/// One pass of the reminder work, as of an instant: reminders past their use are recorded as missed while down,
/// due ones become one delivery per channel, deliveries are claimed and sent, promises whose minute passed are
/// marked missed and replanned, and digests are made at the start of each rep's day. Run by the scheduler every few
/// seconds and by <c>ringback reminders send-due</c>. Each claim is a conditional update only one process can win;
/// a delivery whose process died is taken over when its lease runs out.
/// </summary>
public sealed class ReminderSender(Func<RingbackDbContext> contexts, IReadOnlyList<IReminderChannel> channels, PlannerOptions planner, Duration? lease = null)
{
    /// <summary>Rows handled per statement batch; a burst of 10,000 reminders in one minute is worked through in passes of this size.</summary>
    public const int Batch = 500;

    /// <summary>Who holds a lease: this host and process, for an operator reading the table after a crash.</summary>
    private static readonly string Me = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly Duration _lease = lease ?? ReminderRules.Lease;

    public async Task<SendReport> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        // Reminders due first (one past its use is recorded as such before the missed-promise replan touches it),
        // then missed promises and digests, then what those made. Each batch is delivered as soon as it is written,
        // so at 9:00 the first reminders go out while the rest are still being written.
        var report = await ExpandAndDeliverAsync(now, cancellationToken);
        report += await MissedPromisesAsync(now, cancellationToken);
        report += await DigestsAsync(now, cancellationToken);
        return report + await ExpandAndDeliverAsync(now, cancellationToken);
    }

    /// <summary>
    /// Writes due reminders batch by batch while one loop per channel sends what is written: mail and push go out
    /// side by side from the first batch on, and a slow channel holds up neither the writing nor the other channels.
    /// </summary>
    private async Task<SendReport> ExpandAndDeliverAsync(Instant now, CancellationToken cancellationToken)
    {
        var written = new BatchWritten();
        var expanding = ExpandAllAsync(now, written, cancellationToken);
        var delivering = channels.Select(c => c.Channel).Distinct().Select(channel => DeliverChannelAsync(now, channel, expanding, written, cancellationToken)).ToList();
        var report = await expanding;
        foreach (var channel in await Task.WhenAll(delivering))
        {
            report += channel;
        }

        return report;
    }

    private async Task<SendReport> ExpandAllAsync(Instant now, BatchWritten written, CancellationToken cancellationToken)
    {
        var report = new SendReport(0, 0, 0, 0, 0);
        while (await ExpandBatchAsync(now, cancellationToken) is var (batch, any) && any)
        {
            report += batch;
            written.Pulse();
        }

        return report;
    }

    /// <summary>Sends one channel's deliveries until none are due and no more are being written.</summary>
    private async Task<SendReport> DeliverChannelAsync(Instant now, ReminderChannel channel, Task writing, BatchWritten written, CancellationToken cancellationToken)
    {
        var report = new SendReport(0, 0, 0, 0, 0);
        while (true)
        {
            // Taken before looking, so a batch written while this one is sent is not missed.
            var next = written.Next;
            var done = writing.IsCompleted;
            var (batch, claimed) = await DeliverBatchAsync(now, channel, cancellationToken);
            report += batch;
            if (!claimed)
            {
                if (done)
                {
                    return report;
                }

                await Task.WhenAny(writing, next).WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Completes each time a batch of reminders is written, so the channels' loops wake for it rather than poll.</summary>
    private sealed class BatchWritten
    {
        private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _current).Task;

        public void Pulse() => Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Sends a test reminder on one channel now, from Settings, through the same deliveries as a real one (so a
    /// refusing SMTP server is shown exactly as it would fail at 08:10). Returns how each delivery went.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryEntry>> TestAsync(Guid organizationId, Guid userId, ReminderChannel channel, Instant now, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        db.OrganizationId = organizationId;
        var rep = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var zone = rep.Zone;
        var message = ReminderRules.Compose(new ReminderFacts
        {
            Kind = ReminderKind.Test, ProspectName = rep.Name, ProspectZone = zone, RepZone = zone, DueAt = now, RepName = rep.Name,
        });
        var reminder = new Reminder
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, UserId = userId, Kind = ReminderKind.Test, DueAt = now, RemindAt = now,
            State = ReminderState.Sent, SentAt = now, CreatedAt = now, Title = message.Title, Text = message.Text,
        };
        db.Reminders.Add(reminder);
        var targets = channel == ReminderChannel.Push
            ? await db.PushSubscriptions.Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).ToListAsync(cancellationToken)
            : [null];
        foreach (var subscription in targets)
        {
            db.ReminderDeliveries.Add(new ReminderDelivery
            {
                Id = Guid.CreateVersion7(), OrganizationId = organizationId, ReminderId = reminder.Id, Channel = channel, PushSubscriptionId = subscription,
                State = DeliveryState.Pending, NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await DeliverAsync(now, cancellationToken);
        return [.. (await db.ReminderDeliveries.AsNoTracking().Where(d => d.ReminderId == reminder.Id).ToListAsync(cancellationToken))
            .Select(d => new DeliveryEntry(d.Channel, d.State, d.Attempts, d.LastError, d.SentAt, d.NextAttemptAt))];
    }

    /// <summary>A batch of due reminders: past their use → missed while down; else written and given a delivery per channel the rep has on.</summary>
    private async Task<(SendReport Report, bool Any)> ExpandBatchAsync(Instant now, CancellationToken cancellationToken)
    {
        var missed = 0;
        await using var db = contexts();
        var due = await db.Reminders.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.State == ReminderState.Scheduled && r.RemindAt <= now).OrderBy(r => r.RemindAt).Take(Batch).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (new SendReport(0, 0, 0, 0, 0), false);
        }

        var late = due.Where(r => ReminderRules.PastUse(r.Kind, r.DueAt, now, planner.Settings.PromiseTolerance)).Select(r => r.Id).ToList();
        if (late.Count > 0)
        {
            missed += await db.Reminders.IgnoreQueryFilters().Where(r => late.Contains(r.Id) && r.State == ReminderState.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReminderState.MissedWhileDown), cancellationToken);
        }

        // Everything the batch's words come from, in a few queries rather than a few per reminder.
        var live = due.Where(r => !late.Contains(r.Id)).ToList();
        var facts = await FactsAsync(db, live, cancellationToken);
        var ready = channels.Where(c => c.Ready).Select(c => c.Channel).ToHashSet();
        await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            foreach (var reminder in live)
            {
                var rep = facts.Reps.GetValueOrDefault(reminder.UserId);
                var message = rep is null ? null : Compose(reminder, rep, facts, now);
                // Only one process turns a scheduled reminder into deliveries.
                var won = await db.Reminders.IgnoreQueryFilters().Where(r => r.Id == reminder.Id && r.State == ReminderState.Scheduled)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, message is null ? ReminderState.Cancelled : ReminderState.Sent)
                        .SetProperty(r => r.SentAt, now)
                        .SetProperty(r => r.Title, message == null ? null : message.Title)
                        .SetProperty(r => r.Text, message == null ? null : message.Text)
                        .SetProperty(r => r.TelUri, message == null ? null : message.TelUri), ct);
                if (won == 0 || message is null || rep is null)
                {
                    continue;
                }

                foreach (var (channel, subscription) in ChannelsFor(reminder, rep, ready, facts.Devices))
                {
                    db.ReminderDeliveries.Add(new ReminderDelivery
                    {
                        Id = Guid.CreateVersion7(), OrganizationId = reminder.OrganizationId, ReminderId = reminder.Id, Round = reminder.Round, Channel = channel,
                        PushSubscriptionId = subscription, State = DeliveryState.Pending, NextAttemptAt = now,
                    });
                }
            }

            await db.SaveChangesAsync(ct);
            return true;
        }, _ => true, cancellationToken);
        return (new SendReport(0, 0, missed, 0, 0), true);
    }

    /// <summary>What a batch of reminders is written from.</summary>
    private sealed record BatchFacts(Dictionary<Guid, User> Reps, Dictionary<Guid, Contact> Contacts, ILookup<Guid, Call> PromisingCalls,
        ILookup<Guid, Guid> Devices, Dictionary<Guid, ReminderMessage> Digests);

    private async Task<BatchFacts> FactsAsync(RingbackDbContext db, List<Reminder> reminders, CancellationToken cancellationToken)
    {
        var userIds = reminders.Select(r => r.UserId).Distinct().ToList();
        var contactIds = reminders.Select(r => r.ContactId).OfType<Guid>().Distinct().ToList();
        var reps = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var contacts = contactIds.Count == 0 ? []
            : await db.Contacts.IgnoreQueryFilters().AsNoTracking().Include(c => c.Company).Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var calls = contactIds.Count == 0 ? []
            : await db.Calls.IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
                .Where(c => contactIds.Contains(c.ContactId) && (c.PromisedNextCallAt != null || c.AppointmentStart != null)).ToListAsync(cancellationToken);
        var devices = await db.PushSubscriptions.IgnoreQueryFilters().AsNoTracking().Where(p => userIds.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Id }).ToListAsync(cancellationToken);
        // A digest reads the rep's whole day: one Today per digest (a few hundred a day at most, one per rep).
        var digests = new Dictionary<Guid, ReminderMessage>();
        foreach (var digest in reminders.Where(r => r.Kind == ReminderKind.Digest))
        {
            if (reps.GetValueOrDefault(digest.UserId) is { } rep)
            {
                db.OrganizationId = rep.OrganizationId;
                digests[digest.Id] = await DigestAsync(db, rep, digest.DueAt, rep.Zone, cancellationToken);
            }
        }

        return new BatchFacts(reps, contacts, calls.OrderByDescending(c => c.StartedAt).ToLookup(c => c.ContactId), devices.ToLookup(d => d.UserId, d => d.Id), digests);
    }

    private static IEnumerable<(ReminderChannel, Guid?)> ChannelsFor(Reminder reminder, User rep, HashSet<ReminderChannel> ready, ILookup<Guid, Guid> devices)
    {
        var settings = rep.Reminders;
        // The digest is an email; everything else goes wherever the rep has it on.
        if (settings.App && reminder.Kind != ReminderKind.Digest)
        {
            yield return (ReminderChannel.App, null);
        }

        if ((settings.Email || reminder.Kind == ReminderKind.Digest) && ready.Contains(ReminderChannel.Email))
        {
            yield return (ReminderChannel.Email, null);
        }

        if (settings.Push && reminder.Kind != ReminderKind.Digest && ready.Contains(ReminderChannel.Push))
        {
            foreach (var id in devices[rep.Id])
            {
                yield return (ReminderChannel.Push, id);
            }
        }
    }

    /// <summary>The words, from the contact as it is now, its place and the call that made the promise.</summary>
    private ReminderMessage? Compose(Reminder reminder, User rep, BatchFacts facts, Instant now)
    {
        if (reminder.Kind == ReminderKind.Digest)
        {
            return facts.Digests.GetValueOrDefault(reminder.Id);
        }

        // A hand-off note is written when it is made (HandOffs): who left what, about which conversation.
        if (reminder.Kind == ReminderKind.HandOff)
        {
            return reminder.Title is null ? null : new ReminderMessage(reminder.Title, reminder.Text ?? reminder.Title, null, null, null);
        }

        if (reminder.ContactId is not { } contactId || facts.Contacts.GetValueOrDefault(contactId) is not { } contact)
        {
            return null;
        }

        var repZone = rep.Zone;
        var place = Places.For(contact, rep, planner);
        var promising = facts.PromisingCalls[contactId].FirstOrDefault(c => c.PromisedNextCallAt == reminder.DueAt || c.AppointmentStart == reminder.DueAt);
        // Whether the law allows the call then (the rep's own hours aside: a promise may fall before they start work).
        var blocking = place.Check(reminder.DueAt).Blocking;
        var phone = contact.DirectPhone ?? contact.MobilePhone ?? contact.AfterHoursPhone;
        return ReminderRules.Compose(new ReminderFacts
        {
            Kind = reminder.Kind,
            ProspectName = contact.DisplayName,
            ProspectFirstName = contact.FirstName ?? (contact.Salutation is null ? null : $"{contact.Salutation} {contact.LastName}"),
            Company = contact.Company?.Name,
            Phone = phone,
            // International form ("+44 20 7946 0958"): the rep may read it anywhere, and it dials from anywhere.
            PhoneShown = Phones.PhoneFormat.Shown(phone, "ZZ"),
            ProspectZone = place.Zone,
            RepZone = repZone,
            DueAt = reminder.DueAt,
            RepName = rep.Name,
            RepCompany = rep.CompanyName,
            LawfulAtDue = blocking is null,
            Forbidding = blocking?.Name,
            PromisedLastTime = promising?.Commitments,
            NextLawful = reminder.Kind == ReminderKind.MissedPromise ? CallingTimes.NextAllowed(now, place.Lawful) : null,
        });
    }

    private async Task<ReminderMessage> DigestAsync(RingbackDbContext db, User rep, Instant dayStart, DateTimeZone repZone, CancellationToken cancellationToken)
    {
        var list = await Today.ForAsync(db, rep, dayStart, planner, cancellationToken);
        var date = dayStart.InZone(repZone).Date;
        var lines = new List<string>();
        foreach (var item in list.Items.Where(i => i.Kind != FollowUpKind.NewContact))
        {
            lines.Add($"{item.DueAt.InZone(repZone):HH:mm} your time — {item.ContactName}{(item.Phone is null ? "" : $", {item.Phone}")}: {item.Why}");
            lines.Add($"    Open with: \"{item.Opener}\"");
        }

        var fresh = list.Items.Count(i => i.Kind == FollowUpKind.NewContact);
        if (fresh > 0)
        {
            lines.Add($"And {Validation.Words.Count(fresh, "new contact")} to call.");
        }

        var promised = list.Items.Count(i => i.Kind is FollowUpKind.Promise or FollowUpKind.Appointment or FollowUpKind.MissedPromise);
        return new ReminderMessage($"Your calls for {date:dddd d MMMM}: {Validation.Words.Count(promised, "promise or appointment", "promises and appointments")}",
            lines.Count == 0 ? "Nothing is planned today." : string.Join('\n', lines), null, null, null);
    }

    /// <summary>Promises whose minute passed beyond the tolerance with no call: replanned to the next lawful time and told once.</summary>
    private async Task<SendReport> MissedPromisesAsync(Instant now, CancellationToken cancellationToken)
    {
        var before = now - planner.Settings.PromiseTolerance;
        int told = 0;
        while (true)
        {
            await using var db = contexts();
            var missed = await db.FollowUps.IgnoreQueryFilters().AsNoTracking()
                .Where(f => f.Kind == FollowUpKind.Promise && f.DueAt < before && f.UserId != null)
                .OrderBy(f => f.DueAt).Take(Batch).Select(f => new { f.OrganizationId, f.ContactId, UserId = f.UserId!.Value, f.DueAt }).ToListAsync(cancellationToken);
            if (missed.Count == 0)
            {
                return new SendReport(0, 0, 0, told, 0);
            }

            foreach (var m in missed)
            {
                db.OrganizationId = m.OrganizationId;
                told += await db.InTransactionAsync(async ct =>
                {
                    await Contacts.Settlement.SettleAsync(db, m.ContactId, Contacts.Change.Contact, now, planner, ct);
                    var already = await db.Reminders.AnyAsync(r => r.ContactId == m.ContactId && r.Kind == ReminderKind.MissedPromise && r.DueAt == m.DueAt, ct);
                    if (!already)
                    {
                        db.Reminders.Add(new Reminder
                        {
                            Id = Guid.CreateVersion7(), OrganizationId = m.OrganizationId, UserId = m.UserId, ContactId = m.ContactId, Kind = ReminderKind.MissedPromise,
                            DueAt = m.DueAt, RemindAt = now, State = ReminderState.Scheduled, CreatedAt = now,
                        });
                        await db.SaveChangesAsync(ct);
                    }

                    return already ? 0 : 1;
                }, _ => true, cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A digest for each rep with email on, once a day, when their working day has started.</summary>
    private async Task<SendReport> DigestsAsync(Instant now, CancellationToken cancellationToken)
    {
        if (!channels.Any(c => c.Channel == ReminderChannel.Email && c.Ready))
        {
            return new SendReport(0, 0, 0, 0, 0);
        }

        await using var db = contexts();
        // Two reads whatever the team's size: the reps who want email, and the digests already made in the window.
        var reps = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.RemindByEmail).ToListAsync(cancellationToken);
        var windowStart = now - ReminderRules.DigestUse - Duration.FromDays(1);
        var made = 0;
        var done = (await db.Reminders.IgnoreQueryFilters().AsNoTracking().Where(r => r.Kind == ReminderKind.Digest && r.DueAt >= windowStart)
            .Select(r => new { r.UserId, r.DueAt }).ToListAsync(cancellationToken)).Select(r => (r.UserId, r.DueAt)).ToHashSet();
        foreach (var rep in reps)
        {
            var zone = rep.Zone;
            var start = ReminderRules.WorkdayStart(now.InZone(zone).Date, rep.WorkingHours, zone);
            if (now < start || now > start + ReminderRules.DigestUse || done.Contains((rep.Id, start)))
            {
                continue;
            }

            db.Reminders.Add(new Reminder
            {
                Id = Guid.CreateVersion7(), OrganizationId = rep.OrganizationId, UserId = rep.Id, Kind = ReminderKind.Digest, DueAt = start, RemindAt = start,
                State = ReminderState.Scheduled, CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                made++;
            }
            catch (DbUpdateException)
            {
                // Another process made it first (the unique index on rep, kind and minute): one digest all the same.
                db.ChangeTracker.Clear();
            }
        }

        return new SendReport(0, 0, 0, 0, made);
    }

    /// <summary>Claims deliveries due (new, to retry, or abandoned by a process that died), sends them per channel, records how each went.</summary>
    private async Task<SendReport> DeliverAsync(Instant now, CancellationToken cancellationToken)
    {
        var report = new SendReport(0, 0, 0, 0, 0);
        foreach (var channel in await Task.WhenAll(channels.Select(c => c.Channel).Distinct().Select(c => DeliverChannelAsync(now, c, Task.CompletedTask, new BatchWritten(), cancellationToken))))
        {
            report += channel;
        }

        return report;
    }

    /// <summary>
    /// One batch of a channel's deliveries: claimed in one statement that only one process can win per row (it
    /// re-checks what the query saw and stamps the rows with this pass's lease), sent, and recorded in one transaction.
    /// </summary>
    private async Task<(SendReport Report, bool Claimed)> DeliverBatchAsync(Instant now, ReminderChannel channel, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        // Two range reads of the (state, next attempt) and (state, lease) indexes rather than one OR over the whole table.
        var ids = await db.ReminderDeliveries.IgnoreQueryFilters().AsNoTracking()
            .Where(d => (d.State == DeliveryState.Pending || d.State == DeliveryState.Failed) && d.NextAttemptAt <= now && d.Channel == channel)
            .OrderBy(d => d.NextAttemptAt).Take(Batch).Select(d => d.Id).ToListAsync(cancellationToken);
        if (ids.Count < Batch)
        {
            ids.AddRange(await db.ReminderDeliveries.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.State == DeliveryState.Sending && d.LeaseUntil < now && d.Channel == channel).Take(Batch - ids.Count).Select(d => d.Id).ToListAsync(cancellationToken));
        }

        if (ids.Count == 0)
        {
            return (new SendReport(0, 0, 0, 0, 0), false);
        }

        var leaseUntil = now + _lease;
        var lease = $"{Me}:{Guid.NewGuid():N}";
        lease = lease[..Math.Min(100, lease.Length)];
        await db.ReminderDeliveries.IgnoreQueryFilters()
            .Where(x => ids.Contains(x.Id) && ((x.State == DeliveryState.Pending || x.State == DeliveryState.Failed) && x.NextAttemptAt <= now
                || x.State == DeliveryState.Sending && x.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, DeliveryState.Sending).SetProperty(x => x.LeaseUntil, leaseUntil).SetProperty(x => x.LeasedBy, lease)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        var mine = await db.ReminderDeliveries.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.Id) && x.LeasedBy == lease).ToListAsync(cancellationToken);

        var reminderIds = mine.Select(d => d.ReminderId).Distinct().ToList();
        var reminders = await db.Reminders.IgnoreQueryFilters().AsNoTracking().Where(r => reminderIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var userIds = reminders.Values.Select(r => r.UserId).Distinct().ToList();
        var reps = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var subscriptionIds = mine.Select(d => d.PushSubscriptionId).OfType<Guid>().ToList();
        var subscriptions = await db.PushSubscriptions.IgnoreQueryFilters().AsNoTracking().Where(p => subscriptionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var outcomes = new List<(ReminderDelivery Delivery, DeliveryOutcome Outcome)>();
        var work = new List<Outgoing>();
        foreach (var d in mine)
        {
            var reminder = reminders[d.ReminderId];
            if (ReminderRules.PastUse(reminder.Kind, reminder.DueAt, now, planner.Settings.PromiseTolerance))
            {
                outcomes.Add((d, new DeliveryOutcome(d.Id, false, "past its use: the minute went by before it could be sent")));
            }
            else if (d.Channel == ReminderChannel.Push && (d.PushSubscriptionId is not { } sid || !subscriptions.ContainsKey(sid)))
            {
                outcomes.Add((d, new DeliveryOutcome(d.Id, false, "the device was removed", Gone: true)));
            }
            else
            {
                work.Add(new Outgoing(reminder, d, reps[reminder.UserId], d.PushSubscriptionId is { } id ? subscriptions[id] : null));
            }
        }

        // Channels run side by side, so a push service that hangs does not hold up the mail, and the reverse.
        var results = await Task.WhenAll(work.GroupBy(o => o.Delivery.Channel).Select(async group =>
        {
            var channel = channels.FirstOrDefault(c => c.Channel == group.Key);
            if (channel is null || !channel.Ready)
            {
                return group.Select(o => new DeliveryOutcome(o.Delivery.Id, false, $"{group.Key} is not set up here")).ToList();
            }

            try
            {
                return [.. await channel.SendAsync([.. group], cancellationToken)];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return group.Select(o => new DeliveryOutcome(o.Delivery.Id, false, e.Message)).ToList();
            }
        }));
        var byId = mine.ToDictionary(d => d.Id);
        outcomes.AddRange(results.SelectMany(r => r).Select(o => (byId[o.DeliveryId], o)));

        // One transaction for the batch's outcomes: the sent ones in one statement, the rest one by one.
        var sentIds = outcomes.Where(o => o.Outcome.Sent).Select(o => o.Delivery.Id).ToList();
        await db.InTransactionAsync(async ct =>
        {
            if (sentIds.Count > 0)
            {
                await db.ReminderDeliveries.IgnoreQueryFilters().Where(x => sentIds.Contains(x.Id) && x.LeasedBy == lease)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, DeliveryState.Sent).SetProperty(x => x.SentAt, now).SetProperty(x => x.LastError, (string?)null)
                        .SetProperty(x => x.LeaseUntil, (Instant?)null).SetProperty(x => x.LeasedBy, (string?)null).SetProperty(x => x.NextAttemptAt, (Instant?)null), ct);
            }

            foreach (var (delivery, outcome) in outcomes.Where(o => !o.Outcome.Sent))
            {
                var error = outcome.Error is { Length: > 500 } long_ ? long_[..500] : outcome.Error;
                var giveUp = outcome.Gone || delivery.Attempts >= ReminderRules.MaxAttempts || error?.StartsWith("past its use", StringComparison.Ordinal) == true;
                var state = giveUp ? DeliveryState.GaveUp : DeliveryState.Failed;
                await db.ReminderDeliveries.IgnoreQueryFilters().Where(x => x.Id == delivery.Id && x.LeasedBy == lease)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state)
                        .SetProperty(x => x.LastError, error)
                        .SetProperty(x => x.LeaseUntil, (Instant?)null)
                        .SetProperty(x => x.LeasedBy, (string?)null)
                        .SetProperty(x => x.NextAttemptAt, state == DeliveryState.Failed ? ReminderRules.NextAttempt(now, delivery.Attempts) : null), ct);
                if (outcome.Gone && delivery.PushSubscriptionId is { } gone)
                {
                    await db.PushSubscriptions.IgnoreQueryFilters().Where(p => p.Id == gone).ExecuteDeleteAsync(ct);
                }
            }

            return true;
        }, _ => true, cancellationToken);
        var sent = outcomes.Count(o => o.Outcome.Sent);
        // Claimed nothing: everything due was taken by another process.
        return (new SendReport(sent, outcomes.Count - sent, 0, 0, 0), mine.Count > 0);
    }
}
