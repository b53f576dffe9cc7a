using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Accounts;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>
/// Keeps each contact's follow-ups in step with what happened: <see cref="Contacts.Settlement"/>, after any change to a
/// contact or its calls, has <see cref="ReplanAsync"/> ask the pure <see cref="FollowUpPlanner"/> and rewrite that
/// contact's rows, so the queue is a range query over an index.
/// </summary>
public static class Plans
{
    /// <summary>Calls the planner reads: enough for the newest promise, the cadence in progress, and phone tag.</summary>
    private const int CallsRead = 60;

    /// <param name="calls">The contact's calls when the caller has just read them all (logging a call does), so they
    /// are not read twice; otherwise the newest are read here.</param>
    /// <param name="contact">The contact, when the caller has it tracked with its company and gatekeepers.</param>
    /// <returns>The new plan's rows, added to the context and not yet saved (the settlement saves them with the reminders that follow them).</returns>
    internal static async Task<IReadOnlyList<FollowUp>> ReplanAsync(RingbackDbContext db, Guid contactId, Instant now, PlannerOptions options, CancellationToken cancellationToken,
        IReadOnlyCollection<Call>? calls = null, Contact? contact = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        contact ??= await ContactAsync(db, contactId, cancellationToken);
        if (contact is null)
        {
            return [];
        }

        var facts = calls is null ? await RecentCallsAsync(db, contactId, cancellationToken) : Newest(calls);
        var open = await db.CadenceEnrollments.FirstOrDefaultAsync(e => e.ContactId == contactId && e.EndedAt == null, cancellationToken);
        var cadence = open is null ? null : await db.Cadences.AsNoTracking().FirstAsync(c => c.Id == open.CadenceId, cancellationToken);
        var repId = open?.UserId ?? contact.OwnerId ?? (facts.Count > 0 ? facts[0].UserId : null);
        var rep = repId is { } id ? await db.UserAsync(id, cancellationToken) : null;
        var place = Places.For(contact, rep, options);

        var plan = FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = contactId,
            OwnerId = contact.OwnerId,
            HandedOverAt = contact.HandedOverAt,
            Status = contact.Status,
            Calls = facts,
            Enrollment = open is null ? null : new Enrollment(open.Id, open.UserId, cadence!.ToCadence(), open.StartedAt, open.KeepAfterEnd),
            ProspectZone = place.Zone,
            Lawful = place.Lawful,
            Preferred = place.Preferred,
            Now = now,
            Settings = options.Settings,
        });

        await db.FollowUps.Where(f => f.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        var rows = new List<FollowUp>();
        var phoneTag = PhoneTag.IsTag(facts);
        foreach (var item in plan.Items)
        {
            rows.Add(new FollowUp
            {
                Id = Guid.CreateVersion7(),
                ContactId = contactId,
                UserId = item.UserId ?? contact.OwnerId,
                Kind = item.Kind,
                DueAt = item.DueAt,
                Strategy = item.Strategy,
                Why = item.Why.Length > 300 ? item.Why[..300] : item.Why,
                SourceCallId = item.SourceCallId,
                CadenceStep = item.CadenceStep,
                PhoneTag = phoneTag,
            });
        }

        db.FollowUps.AddRange(rows);

        if (plan.Ended is { } ended && open is not null)
        {
            open.EndedAt = ended.At;
            open.EndReason = ended.Reason;
            if (ended.MoveOn && contact.Status is not (ContactStatus.DoNotCall or ContactStatus.MeetingBooked))
            {
                contact.Status = ContactStatus.MovedOn;
                contact.UpdatedAt = now;
            }
        }

        return rows;
    }

    /// <summary>A contact with what its plan reads, tracked: the company (the prospect's place) and the gatekeepers
    /// (whose hours the plan keeps to; who may answer a call logged to them).</summary>
    public static Task<Contact?> ContactAsync(RingbackDbContext db, Guid contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Contacts.Include(c => c.Company).Include(c => c.Gatekeepers).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
    }

    /// <summary>The same facts as <see cref="RecentCallsAsync"/>, from calls already in memory.</summary>
    public static List<CallFact> Newest(IEnumerable<Call> calls) =>
        [.. calls.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(CallsRead)
            .Select(c => new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, c.PromisedNextCallAt, c.AppointmentStart, c.Strategy))];

    /// <summary>The contact's newest calls, as planner facts.</summary>
    public static async Task<List<CallFact>> RecentCallsAsync(RingbackDbContext db, Guid contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Calls.AsNoTracking().Where(c => c.ContactId == contactId)
            .OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(CallsRead)
            .Select(c => new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, c.PromisedNextCallAt, c.AppointmentStart, c.Strategy))
            .ToListAsync(cancellationToken);
    }
}
