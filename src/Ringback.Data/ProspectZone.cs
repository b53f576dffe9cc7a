using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Planning;

namespace Ringback.Data;

/// <summary>
/// A contact's zone for display and planning, with where it came from: their own, their company's, inferred from a
/// number (<see cref="ZoneInference"/>), else the rep's (said so).
/// </summary>
public sealed record ProspectZone(DateTimeZone Zone, string Source)
{
    public static DateTimeZone? Find(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>The one rule for where a contact is: used for display, the composer, the planner and the calling-hours law.</summary>
    /// <param name="company">The contact's company, when it is not loaded on the contact.</param>
    public static ProspectPlace PlaceOf(Contacts.Contact contact, Contacts.Company? company = null)
    {
        ArgumentNullException.ThrowIfNull(contact);
        company ??= contact.Company;
        return ZoneInference.Resolve(contact.TimeZone, company?.TimeZone,
            [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone, company?.MainPhone]);
    }

    public static async Task<ProspectZone> ForAsync(RingbackDbContext db, Contacts.Contact contact, Accounts.User rep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(rep);
        var company = contact.Company ?? (contact.CompanyId is { } companyId
            ? await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            : null);
        var place = PlaceOf(contact, company);
        return place.Zone is { } zone
            ? new(zone, place.Source switch
            {
                ZoneSource.Contact => "their time zone",
                ZoneSource.Company => "their company's time zone",
                ZoneSource.AreaCode => "inferred from their area code",
                _ => "inferred from their country code",
            })
            : new(Find(rep.TimeZone) ?? DateTimeZone.Utc, "your time zone; theirs is not known yet");
    }
}
