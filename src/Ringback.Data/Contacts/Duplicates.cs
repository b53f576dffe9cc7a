using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;

namespace Ringback.Data.Contacts;

/// <summary>An existing contact that shares a duplicate key with a new record, and the name it goes by.</summary>
public sealed record DuplicateMatch(Guid ContactId, string Name, string? Company, string Key, string? FirstName, string? LastName)
{
    public string Why => DuplicateKeys.Describe(Key);

    internal KeyMatch AsKey => new(ContactId, Key, FirstName, LastName);
}

/// <summary>
/// A record against the book: the contact it is (by the strongest shared key) and the contacts it only shares a
/// number with (<see cref="SamePerson"/>); the latter is never a reason to skip, update or merge.
/// </summary>
public sealed record BookVerdict(DuplicateMatch? Same, IReadOnlyList<DuplicateMatch> SharesNumberWith)
{
    public static readonly BookVerdict None = new(null, []);
}

/// <summary>The contacts already in the book that share keys with a set of records, indexed so each record is judged without a scan.</summary>
/// <remarks>
/// A switchboard may be shared by hundreds of contacts: the matches of a number are kept by the last name they go
/// by, so a record is compared only with the few under its own name, plus a handful named as sharing its line.
/// </remarks>
public sealed class DuplicateIndex
{
    /// <summary>How many of those sharing a number a verdict names.</summary>
    public const int SharesShown = 5;

    private readonly Dictionary<string, List<DuplicateMatch>> strong = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<DuplicateMatch>>> byNumberAndName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DuplicateMatch>> numberSample = new(StringComparer.Ordinal);

    internal void Add(DuplicateMatch match)
    {
        if (!match.Key.StartsWith(DuplicateKeys.PhonePrefix, StringComparison.Ordinal))
        {
            Get(strong, match.Key).Add(match);
            return;
        }

        var names = Get(byNumberAndName, match.Key, () => new Dictionary<string, List<DuplicateMatch>>(StringComparer.Ordinal));
        foreach (var variant in LastNameVariants(match.LastName))
        {
            Get(names, variant).Add(match);
        }

        var sample = Get(numberSample, match.Key);
        if (sample.Count < SharesShown * 4)
        {
            sample.Add(match);
        }
    }

    /// <summary>Every contact this record's keys meet, judged: the one it is, and those it only shares a number with.</summary>
    public BookVerdict Judge(string? firstName, string? lastName, IEnumerable<string> keys)
    {
        var (same, shares) = JudgeAll(firstName, lastName, keys);
        return same.Count == 0 && shares.Count == 0 ? BookVerdict.None : new BookVerdict(same.Count > 0 ? same[0] : null, shares);
    }

    /// <summary>Every contact that is this record's person (strongest key first), and up to <see cref="SharesShown"/> that only share a number.</summary>
    public (IReadOnlyList<DuplicateMatch> Same, IReadOnlyList<DuplicateMatch> SharesNumber) JudgeAll(string? firstName, string? lastName, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var candidates = new List<DuplicateMatch>();
        foreach (var key in keys)
        {
            if (strong.TryGetValue(key, out var matches))
            {
                candidates.AddRange(matches);
            }
            else if (byNumberAndName.TryGetValue(key, out var names))
            {
                foreach (var variant in LastNameVariants(lastName))
                {
                    if (names.TryGetValue(variant, out var named))
                    {
                        candidates.AddRange(named);
                    }
                }

                candidates.AddRange(numberSample[key]);
            }
        }

        if (candidates.Count == 0)
        {
            return ([], []);
        }

        var (same, shares) = SamePerson.Partition(firstName, lastName, candidates.Select(c => c.AsKey));
        var byId = new Dictionary<(Guid, string), DuplicateMatch>();
        foreach (var c in candidates)
        {
            byId.TryAdd((c.ContactId, c.Key), c);
        }

        return ([.. same.Select(m => byId[(m.ContactId, m.Key)])], [.. shares.Take(SharesShown).Select(m => byId[(m.ContactId, m.Key)])]);
    }

    private static HashSet<string> LastNameVariants(string? lastName) =>
        SamePerson.Variants(lastName) is { Count: > 0 } variants ? variants : [string.Empty];

    private static List<DuplicateMatch> Get(Dictionary<string, List<DuplicateMatch>> map, string key) => Get(map, key, () => []);

    private static T Get<T>(Dictionary<string, T> map, string key, Func<T> make)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = make();
            map[key] = value;
        }

        return value;
    }
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

    /// <summary>A contact as matching reads it.</summary>
    private sealed record Person(Guid Id, string? FirstName, string LastName, string? Email, string? DirectPhone, string? MobilePhone, string? AfterHoursPhone, string? Company);

    /// <summary>Every existing contact sharing one of the keys, indexed for <see cref="DuplicateIndex.Judge"/>.</summary>
    public static async Task<DuplicateIndex> FindAsync(RingbackDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken,
        Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var found = new DuplicateIndex();
        var added = new HashSet<(Guid, string)>();
        var contacts = db.Contacts.AsNoTracking().Where(c => except == null || c.Id != except);

        // Only the columns a verdict needs: whole contacts with their companies were most of a re-import's matching time.
        static IQueryable<Person> Read(IQueryable<Contact> found) => found.Select(c => new Person(c.Id, c.FirstName, c.LastName, c.Email, c.DirectPhone,
            c.MobilePhone, c.AfterHoursPhone, c.Company == null ? null : c.Company.Name));

        void Add(string key, Person c)
        {
            if (added.Add((c.Id, key)))
            {
                found.Add(new DuplicateMatch(c.Id, Contact.NameOf(c.FirstName, c.LastName, c.Company), c.Company, key, c.FirstName, c.LastName));
            }
        }

        // Emails are stored as typed; the common spellings of each are looked up, and compared without case.
        var emails = keys.Where(k => k.StartsWith(DuplicateKeys.EmailPrefix, StringComparison.Ordinal)).Select(k => k[DuplicateKeys.EmailPrefix.Length..]).ToList();
        foreach (var chunk in emails.Chunk(Chunk))
        {
            var spellings = chunk.SelectMany(e => new[] { e, e.ToLowerInvariant() }).Distinct().ToList();
            foreach (var c in await Read(contacts.Where(c => c.Email != null && EF.Parameter(spellings).Contains(c.Email))).ToListAsync(cancellationToken))
            {
                Add(DuplicateKeys.EmailPrefix + c.Email!.ToUpperInvariant(), c);
            }
        }

        var phones = keys.Where(k => k.StartsWith(DuplicateKeys.PhonePrefix, StringComparison.Ordinal)).Select(k => k[DuplicateKeys.PhonePrefix.Length..]).ToList();
        foreach (var chunk in phones.Chunk(Chunk).Select(c => c.ToList()))
        {
            // One query per column, so each uses its own index.
            var matches = await Read(contacts.Where(c => c.DirectPhone != null && EF.Parameter(chunk).Contains(c.DirectPhone))).ToListAsync(cancellationToken);
            matches.AddRange(await Read(contacts.Where(c => c.MobilePhone != null && EF.Parameter(chunk).Contains(c.MobilePhone))).ToListAsync(cancellationToken));
            matches.AddRange(await Read(contacts.Where(c => c.AfterHoursPhone != null && EF.Parameter(chunk).Contains(c.AfterHoursPhone))).ToListAsync(cancellationToken));
            var wanted = chunk.ToHashSet(StringComparer.Ordinal);
            foreach (var c in matches)
            {
                foreach (var number in new[] { c.DirectPhone, c.MobilePhone, c.AfterHoursPhone }.OfType<string>().Where(wanted.Contains))
                {
                    Add(DuplicateKeys.PhonePrefix + number, c);
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
                                     select new { Person = new Person(c.Id, c.FirstName, c.LastName, c.Email, c.DirectPhone, c.MobilePhone, c.AfterHoursPhone, company.Name), company.NameKey })
                                     .ToListAsync(cancellationToken);
            foreach (var row in atCompanies)
            {
                var key = DuplicateKeys.NamePrefix + DuplicateKeys.NameKey(row.Person.FirstName, row.Person.LastName) + "|" + row.NameKey;
                if (names.Contains(key))
                {
                    Add(key, row.Person);
                }
            }
        }

        return found;
    }

    /// <summary>The book's verdict on one contact's fields: the contact it already is, and those it only shares a number with.</summary>
    public static async Task<BookVerdict> OfAsync(RingbackDbContext db, ContactFields fields, CancellationToken cancellationToken, Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var keys = fields.DuplicateKeys();
        var found = await FindAsync(db, keys, cancellationToken, except);
        return found.Judge(fields.FirstName, fields.LastName, keys);
    }
}
