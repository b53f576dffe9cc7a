using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;

namespace Ringback.Data.Contacts;

/// <summary>Deleting a contact (with its gatekeepers, calls and plan, by the schema's cascades), recorded in the audit log.</summary>
public static class ContactRemoval
{
    /// <summary>False when <paramref name="expectedVersion"/> is given and the contact has moved on (or is gone).</summary>
    public static Task<bool> DeleteAsync(RingbackDbContext db, Guid contactId, int? expectedVersion, Actor actor, string name, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InTransactionAsync(async ct =>
        {
            var deleted = await db.Contacts.Where(c => c.Id == contactId && (expectedVersion == null || c.Version == expectedVersion)).ExecuteDeleteAsync(ct);
            if (deleted == 0)
            {
                return false;
            }

            db.Audit(actor, AuditActions.ContactDeleted, name, null, now);
            await db.SaveChangesAsync(ct);
            return true;
        }, deleted => deleted, cancellationToken);
    }
}
