using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;
using Ringback.Phones;

namespace Ringback.Data.Contacts;

public enum ContactSort
{
    Name,
    Company,
    Updated,
    Created,
}

/// <summary>What a person asks the contact list for.</summary>
public sealed record ContactFilter
{
    /// <summary>Words to find in name, company or email, or a phone number written any way.</summary>
    public string? Query { get; init; }
    public ContactStatus? Status { get; init; }
    public Guid? OwnerId { get; init; }
    public string? Industry { get; init; }

    /// <summary>Exact match on any of the contact's numbers.</summary>
    public string? Phone { get; init; }
    public ContactSort Sort { get; init; }
    public bool Descending { get; init; }
}

/// <summary>Contact look-ups shared by the API, the web pages and the CLI.</summary>
public static class ContactQueries
{
    /// <summary>A text search that finds at most this many contacts is answered from their ids, found once.</summary>
    public const int MatchesByIdLimit = 500;

    /// <summary>
    /// <see cref="Filter"/> for a list that shows a page and the total: a text search is looked up once, and when
    /// it finds few contacts (a name, most searches) the count and the page read them by id — before, the count and
    /// the page each ran the full-text lookup (docs/benchmarks.md). A search matching more runs as a filter as before.
    /// </summary>
    public static async Task<IQueryable<Contact>> FilterForPageAsync(this IQueryable<Contact> contacts, RingbackDbContext db, ContactFilter filter, string defaultRegion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filtered = contacts.Filter(db, filter, defaultRegion);
        if (string.IsNullOrWhiteSpace(filter.Query))
        {
            return filtered;
        }

        var ids = await filtered.Select(c => c.Id).Take(MatchesByIdLimit + 1).ToListAsync(cancellationToken);
        return ids.Count <= MatchesByIdLimit ? contacts.Where(c => ids.Contains(c.Id)) : filtered;
    }

    /// <summary>
    /// Applies a filter. A query that reads as a phone number matches numbers exactly (through the phone indexes);
    /// otherwise every word must appear in the first name, last name, company or email.
    /// </summary>
    public static IQueryable<Contact> Filter(this IQueryable<Contact> contacts, RingbackDbContext db, ContactFilter filter, string defaultRegion)
    {
        if (filter.Status is { } status)
        {
            contacts = contacts.Where(c => c.Status == status);
        }

        if (filter.OwnerId is { } owner)
        {
            contacts = contacts.Where(c => c.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            contacts = contacts.Where(c => c.Industry == industry);
        }

        if (!string.IsNullOrWhiteSpace(filter.Phone))
        {
            var e164 = PhoneNumberParser.TryParse(filter.Phone, defaultRegion)?.E164 ?? string.Empty;
            contacts = contacts.WithNumber(db, e164);
        }

        if (string.IsNullOrWhiteSpace(filter.Query))
        {
            return contacts;
        }

        var query = filter.Query.Trim();
        if (LooksLikePhone(query) && PhoneNumberParser.TryParse(query, defaultRegion) is { } number)
        {
            return contacts.WithNumber(db, number.E164);
        }

        return contacts.ContainingAll(db, query.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Contacts with this number as any of theirs. Written as a union of three look-ups, each of which uses its own
    /// (organization, number) index; a plain OR of the three would scan the organization's contacts.
    /// </summary>
    public static IQueryable<Contact> WithNumber(this IQueryable<Contact> contacts, RingbackDbContext db, string e164)
    {
        var ids = db.Contacts.Where(c => c.DirectPhone == e164).Select(c => c.Id)
            .Union(db.Contacts.Where(c => c.MobilePhone == e164).Select(c => c.Id))
            .Union(db.Contacts.Where(c => c.AfterHoursPhone == e164).Select(c => c.Id));
        return contacts.Where(c => ids.Contains(c.Id));
    }

    public static IQueryable<Contact> Sort(this IQueryable<Contact> contacts, ContactSort sort, bool descending) => (sort, descending) switch
    {
        (ContactSort.Company, false) => contacts.OrderBy(c => c.Company!.Name).ThenBy(c => c.LastName).ThenBy(c => c.Id),
        (ContactSort.Company, true) => contacts.OrderByDescending(c => c.Company!.Name).ThenBy(c => c.LastName).ThenBy(c => c.Id),
        (ContactSort.Updated, false) => contacts.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        (ContactSort.Updated, true) => contacts.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        (ContactSort.Created, false) => contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (ContactSort.Created, true) => contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        (_, false) => contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
        (_, true) => contacts.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenBy(c => c.Id),
    };

    /// <summary>Writes checked fields onto a contact (unsaved), finding or adding its company by name.</summary>
    public static async Task ApplyAsync(this RingbackDbContext db, Contact contact, ContactFields fields, NodaTime.Instant now, CancellationToken cancellationToken)
    {
        fields.ApplyTo(contact);
        contact.Company = fields.Company is null ? null : await db.FindOrAddCompanyAsync(fields.Company, fields.Industry, cancellationToken);
        contact.CompanyId = contact.Company?.Id;
        contact.UpdatedAt = now;
    }

    /// <summary>Finds the company of that name in the organization, or adds it (unsaved) to the context.</summary>
    public static async Task<Company> FindOrAddCompanyAsync(this RingbackDbContext db, string name, string? industry, CancellationToken cancellationToken)
    {
        var key = Company.KeyOf(name);
        var company = db.Companies.Local.FirstOrDefault(c => c.NameKey == key)
            ?? await db.Companies.FirstOrDefaultAsync(c => c.NameKey == key, cancellationToken);
        if (company is null)
        {
            company = new Company { Id = Guid.CreateVersion7(), Name = name, NameKey = key, Industry = industry };
            db.Companies.Add(company);
        }

        return company;
    }

    private static bool LooksLikePhone(string text) => text.Count(char.IsAsciiDigit) >= 7 && !text.Any(char.IsLetter);
}
