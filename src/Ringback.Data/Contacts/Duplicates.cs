using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;

namespace Ringback.Data.Contacts;

/// <summary>An existing contact that a new one likely duplicates, and why.</summary>
public sealed record DuplicateMatch(Guid ContactId, string Name, string? Company, string Key)
{
    public string Why => DuplicateKeys.Describe(Key);
}

/// <summary>Finds the contacts already in the book that share a duplicate key (<see cref="DuplicateKeys"/>), through the indexes on email, each number and company.</summary>
/// <remarks>
/// Each list goes to the database as one parameter (<see cref="EF.Parameter{T}"/>: a JSON array on SQLite, an array on
/// PostgreSQL). As one SQL parameter per value, Microsoft.Data.Sqlite found each of a chunk's 500–1,000 parameters by
/// name among all the others: binding them was 32% of an import's time (a trace of 200,000 rows).
/// </remarks>
public static class Duplicates
{
    private const int Chunk = 500;

    /// <summary>Each key that matches an existing contact, with the contact it matches (the oldest, when several do).</summary>
    public static async Task<Dictionary<string, DuplicateMatch>> FindAsync(RingbackDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken,
        Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, DuplicateMatch>(StringComparer.Ordinal);
        var contacts = db.Contacts.AsNoTracking().Where(c => except == null || c.Id != except);

        void Add(string key, Contact c, string? company)
        {
            if (!found.TryGetValue(key, out var already) || c.Id.CompareTo(already.ContactId) < 0)
            {
                found[key] = new DuplicateMatch(c.Id, c.DisplayName is "(no name)" && company is not null ? company : c.DisplayName, company, key);
            }
        }

        // Emails are stored as typed; the common spellings of each are looked up, and compared without case.
        var emails = keys.Where(k => k.StartsWith(DuplicateKeys.EmailPrefix, StringComparison.Ordinal)).Select(k => k[DuplicateKeys.EmailPrefix.Length..]).ToList();
        foreach (var chunk in emails.Chunk(Chunk))
        {
            var spellings = chunk.SelectMany(e => new[] { e, e.ToLowerInvariant() }).Distinct().ToList();
            foreach (var c in await contacts.Include(c => c.Company).Where(c => c.Email != null && EF.Parameter(spellings).Contains(c.Email)).ToListAsync(cancellationToken))
            {
                Add(DuplicateKeys.EmailPrefix + c.Email!.ToUpperInvariant(), c, c.Company?.Name);
            }
        }

        var phones = keys.Where(k => k.StartsWith(DuplicateKeys.PhonePrefix, StringComparison.Ordinal)).Select(k => k[DuplicateKeys.PhonePrefix.Length..]).ToList();
        foreach (var chunk in phones.Chunk(Chunk).Select(c => c.ToList()))
        {
            // One query per column, so each uses its own index.
            var matches = await contacts.Include(c => c.Company).Where(c => c.DirectPhone != null && EF.Parameter(chunk).Contains(c.DirectPhone)).ToListAsync(cancellationToken);
            matches.AddRange(await contacts.Include(c => c.Company).Where(c => c.MobilePhone != null && EF.Parameter(chunk).Contains(c.MobilePhone)).ToListAsync(cancellationToken));
            matches.AddRange(await contacts.Include(c => c.Company).Where(c => c.AfterHoursPhone != null && EF.Parameter(chunk).Contains(c.AfterHoursPhone)).ToListAsync(cancellationToken));
            var wanted = chunk.ToHashSet(StringComparer.Ordinal);
            foreach (var c in matches)
            {
                foreach (var number in new[] { c.DirectPhone, c.MobilePhone, c.AfterHoursPhone }.OfType<string>().Where(wanted.Contains))
                {
                    Add(DuplicateKeys.PhonePrefix + number, c, c.Company?.Name);
                }
            }
        }

        var names = keys.Where(k => k.StartsWith(DuplicateKeys.NamePrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var companyKeys = names.Select(k => k[(k.IndexOf('|', StringComparison.Ordinal) + 1)..]).Distinct().ToList();
        foreach (var chunk in companyKeys.Chunk(Chunk).Select(c => c.ToList()))
        {
            var atCompanies = await (from c in contacts
                                     join company in db.Companies on c.CompanyId equals company.Id
                                     where EF.Parameter(chunk).Contains(company.NameKey)
                                     select new { Contact = c, company.Name, company.NameKey }).ToListAsync(cancellationToken);
            foreach (var row in atCompanies)
            {
                var key = DuplicateKeys.NamePrefix + DuplicateKeys.NameKey(row.Contact.FirstName, row.Contact.LastName) + "|" + row.NameKey;
                if (names.Contains(key))
                {
                    Add(key, row.Contact, row.Name);
                }
            }
        }

        return found;
    }

    /// <summary>The first existing contact the given one likely duplicates, or null.</summary>
    public static async Task<DuplicateMatch?> OfAsync(RingbackDbContext db, ContactFields fields, CancellationToken cancellationToken, Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var keys = fields.DuplicateKeys();
        var found = await FindAsync(db, keys, cancellationToken, except);
        return keys.Select(k => found.GetValueOrDefault(k)).FirstOrDefault(m => m is not null);
    }
}
