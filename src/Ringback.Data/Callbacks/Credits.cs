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
        var zone = ProspectZone.PlaceOf(contact).Zone;
        var credits = Attribution.Assign(calls.Select(CallOnRecord.From), window).ToDictionary(c => c.CallId);
        foreach (var call in calls)
        {
            var credit = credits[call.Id];
            call.AttemptNumber = credit.AttemptNumber;
            call.CreditedCallId = credit.CreditedCallId;
            call.CalledBackAt = credit.CalledBackAt;
            call.MeetingBookedAt = credit.MeetingBookedAt;
            if (zone is not null)
            {
                var local = call.StartedAt.InZone(zone);
                call.LocalHour = local.Hour;
                call.LocalDay = (int)local.DayOfWeek;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
