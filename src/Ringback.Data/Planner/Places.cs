using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Data.Planner;

/// <summary>
/// Where a contact is, read from what is stored about them: the one rule (<see cref="ZoneInference"/>,
/// <see cref="ContactPlace"/>) that the contact page, Today, the composer, the planner, the CLI and the API all use.
/// </summary>
public static class Places
{
    /// <summary>The contact's zone or zones, from their own, their company's, or their numbers.</summary>
    /// <param name="company">The contact's company, when it is not loaded on the contact.</param>
    public static ProspectPlace Of(Contact contact, Company? company = null)
    {
        ArgumentNullException.ThrowIfNull(contact);
        company ??= contact.Company;
        return Of(contact.TimeZone, company?.TimeZone, contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone, company?.MainPhone);
    }

    /// <summary>The same, from the columns it is worked out from, for lists that read those rather than whole contacts.</summary>
    public static ProspectPlace Of(string? zone, string? companyZone, string? directPhone, string? mobilePhone, string? afterHoursPhone, string? companyPhone) =>
        ZoneInference.Resolve(zone, companyZone, [directPhone, mobilePhone, afterHoursPhone, companyPhone]);

    /// <summary>The contact's place with its calling windows; the contact's company and gatekeepers must be loaded.</summary>
    public static ContactPlace For(Contact contact, User? rep, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return For(Of(contact), contact.Gatekeepers.Select(g => g.AvailableHours), rep, options);
    }

    /// <summary>A place with its calling windows: the law's, the rep's working hours, and when the gatekeepers said the prospect is in.</summary>
    public static ContactPlace For(ProspectPlace place, IEnumerable<WeeklyWindows> gatekeeperHours, User? rep, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(gatekeeperHours);
        ArgumentNullException.ThrowIfNull(options);
        return ContactPlace.For(place, rep is null ? null : Zones.Find(rep.TimeZone), rep?.WorkingHours, options.CallingHours,
            [.. gatekeeperHours.Where(h => !h.IsEmpty).SelectMany(h => h.Windows)]);
    }

    /// <summary>
    /// When the rep has no time to call a contact (their hours never meet), the teammates who do: each one's own
    /// working hours and zone against the hours of the contact's place, within the fortnight. Empty when the rep has a time.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TeammatesWhoCanCallAsync(RingbackDbContext db, Contact contact, User rep, PlannerOptions options, Instant now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(rep);
        if (For(contact, rep, options).At(now).WhyNoTime is null)
        {
            return [];
        }

        var team = await db.Users.AsNoTracking().Where(u => u.Id != rep.Id && u.DeactivatedAt == null).ToListAsync(cancellationToken);
        return [.. team.Where(u => For(contact, u, options).At(now).Next is not null).Select(u => u.Name).Order(StringComparer.CurrentCulture)];
    }

    /// <summary>The zone the contact's local times are read in (see <see cref="ContactPlace.PlanningZone"/>), loading their company if need be.</summary>
    public static async Task<DateTimeZone> ZoneAsync(RingbackDbContext db, Contact contact, User? rep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        var company = contact.Company ?? (contact.CompanyId is { } companyId
            ? await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            : null);
        return ContactPlace.PlanningZone(Of(contact, company), rep is null ? null : Zones.Find(rep.TimeZone));
    }
}
