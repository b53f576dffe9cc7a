using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;

namespace Ringback.Data.Accounts;

/// <summary>Who did something: a person, or the server itself (a webhook, the scheduler).</summary>
public sealed record Actor(Guid? Id, string Name)
{
    public static readonly Actor Server = new(null, "Ringback");

    public static Actor Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Name);
    }
}

/// <summary>
/// Writes to the audit log. An entry is added to the unit of work, so it is saved with the change it records, in the
/// same transaction: an action that did not happen is never logged, and one that did is never missing.
/// </summary>
public static class AuditLog
{
    public static void Audit(this RingbackDbContext db, Actor actor, string action, string subject, string? details, Instant at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditLog.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = db.OrganizationId ?? throw new InvalidOperationException("An audit entry needs an organization."),
            At = at,
            ActorId = actor.Id,
            ActorName = Cut(actor.Name, 100),
            Action = action,
            Subject = Cut(subject, 300),
            Details = details is null ? null : Cut(details, 2000),
        });
    }

    /// <summary>Records an action that was saved by other means (a bulk import on its own connection) as soon as it is done.</summary>
    public static Task RecordAsync(this RingbackDbContext db, Actor actor, string action, string subject, string? details, Instant at, CancellationToken cancellationToken = default)
    {
        db.Audit(actor, action, subject, details, at);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The organization's entries, newest first, optionally of one action.</summary>
    public static Task<List<AuditEntry>> ReadAsync(RingbackDbContext db, string? action, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
        }

        return query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
