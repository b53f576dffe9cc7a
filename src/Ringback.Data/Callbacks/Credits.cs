using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Contacts;

namespace Ringback.Data.Callbacks;

/// <summary>Keeps each call's attempt number, credit and local hour true to its contact's whole timeline.</summary>
public static class Credits
{
    /// <summary>
    /// Rewritten from the contact's calls every time one is logged, so a call logged late (a CDR import of last week)
    /// takes its place in the order and moves the credits it should.
    /// </summary>
    public static async Task RecomputeAsync(RingbackDbContext db, Contact contact, Duration window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        var calls = await db.Calls.Where(c => c.ContactId == contact.Id).ToListAsync(cancellationToken);
        Attribution.Apply(calls, ProspectZone.PlaceOf(contact).Zone, window);
        await db.SaveChangesAsync(cancellationToken);
    }
}
