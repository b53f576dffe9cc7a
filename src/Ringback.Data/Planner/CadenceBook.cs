using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>What an enrolment request did: how many contacts were enrolled, and which ids were not found.</summary>
public sealed record EnrollResult(int Enrolled, IReadOnlyList<Guid> NotFound);

/// <summary>Cadences and enrolments. Every organization starts with <see cref="Cadence.Defaults"/>.</summary>
public static class CadenceBook
{
    public static async Task<List<StoredCadence>> ListAsync(RingbackDbContext db, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Cadences.AnyAsync(cancellationToken))
        {
            // A millisecond apart, so they list in the order they are offered.
            foreach (var (cadence, i) in Cadence.Defaults.Select((c, i) => (c, i)))
            {
                db.Cadences.Add(new StoredCadence
                {
                    Id = Guid.CreateVersion7(), Name = cadence.Name, Steps = cadence.StepsText, MaxAttempts = cadence.MaxAttempts, CreatedAt = now + Duration.FromMilliseconds(i),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.Cadences.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Name).ToListAsync(cancellationToken);
    }

    public static async Task<StoredCadence> AddAsync(RingbackDbContext db, Cadence cadence, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cadence);
        var stored = new StoredCadence { Id = Guid.CreateVersion7(), Name = cadence.Name, Steps = cadence.StepsText, MaxAttempts = cadence.MaxAttempts, CreatedAt = now };
        db.Cadences.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }

    /// <summary>Enrols contacts, one or many; a contact already in a cadence leaves it for the new one.</summary>
    public static async Task<EnrollResult> EnrollAsync(RingbackDbContext db, Guid cadenceId, IReadOnlyCollection<Guid> contactIds, Guid userId, bool keepAfterEnd,
        Instant now, PlannerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contactIds);
        var found = new List<Guid>();
        foreach (var chunk in contactIds.Distinct().Chunk(500))
        {
            found.AddRange(await db.Contacts.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        foreach (var contactId in found)
        {
            await db.CadenceEnrollments.Where(e => e.ContactId == contactId && e.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.EndedAt, now).SetProperty(e => e.EndReason, "moved to another cadence"), cancellationToken);
            db.CadenceEnrollments.Add(new CadenceEnrollment
            {
                Id = Guid.CreateVersion7(), ContactId = contactId, CadenceId = cadenceId, UserId = userId, StartedAt = now, KeepAfterEnd = keepAfterEnd,
            });
            await db.SaveChangesAsync(cancellationToken);
            await Contacts.Settlement.SettleAsync(db, contactId, Contacts.Change.Contact, now, options, cancellationToken);
        }

        return new EnrollResult(found.Count, [.. contactIds.Except(found)]);
    }

    public static async Task<bool> LeaveAsync(RingbackDbContext db, Guid contactId, Instant now, PlannerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var left = await db.CadenceEnrollments.Where(e => e.ContactId == contactId && e.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.EndedAt, now).SetProperty(e => e.EndReason, "taken out by the rep"), cancellationToken);
        await Contacts.Settlement.SettleAsync(db, contactId, Contacts.Change.Contact, now, options, cancellationToken);
        return left > 0;
    }
}
