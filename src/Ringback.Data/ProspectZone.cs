using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ringback.Data;

/// <summary>A contact's zone for display and planning: their own, else their company's, else the rep's (said so).</summary>
public sealed record ProspectZone(DateTimeZone Zone, string Source)
{
    public static DateTimeZone? Find(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static async Task<ProspectZone> ForAsync(RingbackDbContext db, Contacts.Contact contact, Accounts.User rep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(rep);
        if (Find(contact.TimeZone) is { } own)
        {
            return new(own, "their time zone");
        }

        var companyZone = contact.Company?.TimeZone ?? (contact.CompanyId is { } companyId
            ? await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).FirstOrDefaultAsync(cancellationToken)
            : null);
        if (Find(companyZone) is { } company)
        {
            return new(company, "their company's time zone");
        }

        var inferred = Ringback.Planning.ZoneInference.Resolve(null, null, [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone]);
        if (inferred.Zone is { } fromNumber)
        {
            return new(fromNumber, inferred.Source == Ringback.Planning.ZoneSource.AreaCode ? "inferred from their area code" : "inferred from their country code");
        }

        return new(Find(rep.TimeZone) ?? DateTimeZone.Utc, "your time zone; theirs is not known yet");
    }
}
