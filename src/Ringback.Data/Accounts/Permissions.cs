using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;

namespace Ringback.Data.Accounts;

/// <summary>Who is writing: named in the audit log, and held to what their role lets them change.</summary>
public sealed record Editor(Guid UserId, string Name, UserRole Role)
{
    public Actor Actor => new(UserId, Name);
}

/// <summary>The users a unit of work reads, once each.</summary>
public static class Users
{
    /// <summary>
    /// A user of the organization, read once per context: the rules a write runs (its honesty checks, the plan, the
    /// reminders, the notes it answers with) each need the rep, and read apart they cost a statement each.
    /// </summary>
    public static async Task<User?> UserAsync(this RingbackDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Local.FirstOrDefault(u => u.Id == id) ?? await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }
}

/// <summary>The row-level half of <see cref="RoleMatrix"/>: whether a person may change this record, which needs the organization's settings.</summary>
public static class Permissions
{
    /// <summary>
    /// Whether a person may change a record owned by <paramref name="ownerId"/> (a contact's owner, a call's rep):
    /// theirs, nobody's, or a teammate's when their role or the organization's setting lets them.
    /// </summary>
    public static async Task<bool> MayChangeAsync(this RingbackDbContext db, UserRole role, Guid actorId, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (RoleMatrix.MayChange(role, actorId, ownerId, repsEditTeamContacts: false))
        {
            return true;
        }

        return await db.Organizations.Where(o => o.Id == db.OrganizationId).Select(o => o.RepsEditTeamContacts).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the person may change this contact; true for one that does not exist (the caller then says 404).</summary>
    public static async Task<bool> MayChangeContactAsync(this RingbackDbContext db, UserRole role, Guid actorId, Guid contactId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Contacts.Where(c => c.Id == contactId).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(cancellationToken);
        return found is null || await db.MayChangeAsync(role, actorId, found.OwnerId, cancellationToken);
    }

    /// <summary>Whether the person may correct, delete or restore this call (deleted or not); true for one that does not exist.</summary>
    public static async Task<bool> MayChangeCallAsync(this RingbackDbContext db, UserRole role, Guid actorId, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).Where(c => c.Id == callId).Select(c => new { c.UserId }).FirstOrDefaultAsync(cancellationToken);
        return found is null || await db.MayChangeAsync(role, actorId, found.UserId, cancellationToken);
    }
}
