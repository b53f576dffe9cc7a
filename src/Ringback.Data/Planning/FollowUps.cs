using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Planning;
using Ringback.Scheduling;

namespace Ringback.Data.Planning;

/// <summary>Where a contact is and when they may be called, as the planner and the queue need it.</summary>
/// <param name="Law">The rules that are law there (not Ringback's default hours, not the rep's): what a promise must respect.</param>
/// <param name="Lawful">The law, the default hours where no law is configured, and the rep's working hours: what planning respects.</param>
public sealed record ContactPlace(ProspectPlace Place, DateTimeZone Zone, IReadOnlyList<CallWindow> Law, IReadOnlyList<CallWindow> Lawful, CallWindow? Preferred);

/// <summary>
/// Keeps each contact's follow-ups in step with what happened: after a call is logged, a cadence starts or a
/// contact changes, <see cref="ReplanAsync"/> asks the pure <see cref="FollowUpPlanner"/> and rewrites that
/// contact's rows, so the queue is a range query over an index.
/// </summary>
public static class FollowUps
{
    /// <summary>Calls the planner reads: enough for the newest promise, the cadence in progress, and phone tag.</summary>
    private const int CallsRead = 60;

    /// <summary>The default working week when a rep has not set theirs.</summary>
    public static readonly WeeklyWindows DefaultWorkingHours = WeeklyWindows.Parse("Mon-Fri 09:00-17:00");

    public static async Task ReplanAsync(RingbackDbContext db, Guid contactId, Instant now, PlannerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var contact = await db.Contacts.Include(c => c.Company).Include(c => c.Gatekeepers).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return;
        }

        var calls = await RecentCallsAsync(db, contactId, cancellationToken);
        var open = await db.CadenceEnrollments.FirstOrDefaultAsync(e => e.ContactId == contactId && e.EndedAt == null, cancellationToken);
        var cadence = open is null ? null : await db.Cadences.AsNoTracking().FirstAsync(c => c.Id == open.CadenceId, cancellationToken);
        var repId = open?.UserId ?? contact.OwnerId ?? (calls.Count > 0 ? calls[0].UserId : null);
        var rep = repId is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        var place = PlaceOf(contact, rep, options);

        var plan = FollowUpPlanner.Plan(new PlanInput
        {
            ContactId = contactId,
            OwnerId = contact.OwnerId,
            Status = contact.Status,
            Calls = calls,
            Enrollment = open is null ? null : new Enrollment(open.Id, open.UserId, cadence!.ToCadence(), open.StartedAt, open.KeepAfterEnd),
            ProspectZone = place.Zone,
            Lawful = place.Lawful,
            Preferred = place.Preferred,
            Now = now,
            Settings = options.Settings,
        });

        await db.FollowUps.Where(f => f.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        foreach (var item in plan.Items)
        {
            db.FollowUps.Add(new FollowUp
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
            });
        }

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

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The contact's newest calls, as planner facts.</summary>
    public static async Task<List<CallFact>> RecentCallsAsync(RingbackDbContext db, Guid contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Calls.AsNoTracking().Where(c => c.ContactId == contactId)
            .OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(CallsRead)
            .Select(c => new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, c.PromisedNextCallAt, c.AppointmentStart, c.Strategy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The contact's zone and place, the lawful windows there (the strictest rule winning) with the rep's working
    /// hours in the rep's own zone, and the gatekeepers' word on when the prospect is in.
    /// </summary>
    public static ContactPlace PlaceOf(Contact contact, User? rep, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(options);
        var place = ProspectZone.PlaceOf(contact);
        var repZone = rep is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(rep.TimeZone);
        var zone = place.Zone ?? repZone ?? DateTimeZone.Utc;
        var rules = CallingLaws.For(place.Country, place.Subdivision, options.CallingHours);
        var law = rules.Where(r => r.IsLaw).Select(r => new CallWindow(r.Name, r.Windows, zone, r.Source)).ToList();
        var lawful = rules.Select(r => new CallWindow(r.Name, r.Windows, zone, r.Source)).ToList();
        if (rep is not null && repZone is not null)
        {
            lawful.Add(new CallWindow("your working hours", rep.WorkingHours.IsEmpty ? DefaultWorkingHours : rep.WorkingHours, repZone, "Settings"));
        }

        var gatekeeperHours = contact.Gatekeepers.Where(g => !g.AvailableHours.IsEmpty).SelectMany(g => g.AvailableHours.Windows).ToArray();
        var preferred = gatekeeperHours.Length == 0 ? null
            : new CallWindow("when their gatekeeper said they are in", WeeklyWindows.Of(gatekeeperHours), zone, "gatekeepers");
        return new ContactPlace(place, zone, law, lawful, preferred);
    }
}
