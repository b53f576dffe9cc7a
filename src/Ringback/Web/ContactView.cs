using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;

namespace Ringback.Web;

/// <summary>A contact's zone for display and planning: their own, else their company's, else the rep's (said so).</summary>
public sealed record ProspectZone(DateTimeZone Zone, string Source)
{
    public static async Task<ProspectZone> ForAsync(RingbackDbContext db, Contacts.Contact contact, Accounts.User rep, CancellationToken cancellationToken)
    {
        if (PageSupport.Zone(contact.TimeZone) is { } own)
        {
            return new(own, "their time zone");
        }

        var companyZone = contact.CompanyId is { } companyId
            ? await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (PageSupport.Zone(companyZone) is { } company)
        {
            return new(company, "their company's time zone");
        }

        return new(PageSupport.Zone(rep.TimeZone) ?? DateTimeZone.Utc, "your time zone; theirs is not known yet");
    }
}
