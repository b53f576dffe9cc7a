using CsvHelper;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data.Accounts;
using Ringback.Phones;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>A number on a list, with the list's name: why a contact may not be called.</summary>
public sealed record ListedNumber(string Number, string ListName, DoNotCallListKind Kind, string? Reason);

/// <summary>What an import of a do-not-call list did, or why it did nothing.</summary>
public sealed record DncImportResult(DoNotCallList? List, int Imported, int Duplicates, IReadOnlyList<string> Errors)
{
    public bool Succeeded => List is not null;
}

/// <summary>The registry copy's age: a copy older than the limit may not be relied on for the numbers it covers.</summary>
public sealed record RegistryStatus(LocalDate? CopyDate, bool Stale, string? Warning);

/// <summary>Do-not-call lists: registry copies and the organization's own list.</summary>
public static class DoNotCallRegister
{
    public const string InternalListName = "Our do-not-call list";

    public static async Task<List<ListedNumber>> ListedAsync(RingbackDbContext db, IEnumerable<string?> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = numbers.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await (from n in db.DoNotCallNumbers
                      join l in db.DoNotCallLists on n.ListId equals l.Id
                      where wanted.Contains(n.Number)
                      select new ListedNumber(n.Number, l.Name, l.Kind, n.Reason)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reads a list: one number per line, or CSV whose first cell is the number (a header row is allowed).
    /// All or nothing: any unreadable line is reported by its number and nothing is written, unless <paramref name="skipBad"/>.
    /// </summary>
    public static async Task<DncImportResult> ImportAsync(RingbackDbContext db, TextReader reader, string name, DoNotCallListKind kind, LocalDate copyDate,
        string region, bool skipBad, Actor actor, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<string>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        // A stray quote is a bad line like any other, named by its number; it never stops the whole read.
        var badLines = new HashSet<long>();
        var config = new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badLines.Add(args.Context.Parser?.RawRow ?? 0),
        };
        using var csv = new CsvParser(reader, config);
        long previousEnd = 0;
        while (await ReadAsync(csv, errors))
        {
            // A quoted field may run over several lines: the record is named by the line it starts on.
            var end = csv.Context.Parser!.RawRow;
            var line = previousEnd + 1;
            previousEnd = end;
            var cell = csv.Record is { Length: > 0 } record ? record[0].Trim() : string.Empty;
            if (badLines.Remove(end))
            {
                errors.Add(end == line
                    ? $"line {line}: has a stray quote (\") in it; write the number alone on the line"
                    : $"line {line}: a quote (\") opens a field that runs to line {end} without closing; write the number alone on the line");
                continue;
            }

            if (cell.Length == 0)
            {
                continue;
            }

            var parsed = PhoneNumberParser.Parse(cell, region);
            if (!parsed.IsValid)
            {
                // A first line of words is a header, not a bad number.
                if (line == 1 && !cell.Any(char.IsDigit))
                {
                    continue;
                }

                errors.Add($"line {line}: '{(cell.Length > 40 ? cell[..40] + "…" : cell)}' is not a phone number ({parsed.Error})");
                continue;
            }

            if (!numbers.Add(parsed.Number!.Value.E164))
            {
                duplicates++;
            }
        }

        if (errors.Count > 0 && !skipBad)
        {
            return new DncImportResult(null, 0, duplicates, errors);
        }

        var list = new DoNotCallList { Id = Guid.CreateVersion7(), Name = name.Trim(), Kind = kind, CopyDate = copyDate, ImportedAt = now, Entries = numbers.Count };
        await db.InTransactionAsync(async ct =>
        {
            db.DoNotCallLists.Add(list);
            db.Audit(actor, AuditActions.DoNotCallImported, list.Name, $"{numbers.Count} numbers, {kind.ToString().ToLowerInvariant()} copy of {copyDate:uuuu-MM-dd}", now);
            await db.SaveChangesAsync(ct);
            foreach (var chunk in numbers.Chunk(2000))
            {
                db.DoNotCallNumbers.AddRange(chunk.Select(n => new DoNotCallNumber { Id = Guid.CreateVersion7(), ListId = list.Id, Number = n, AddedAt = now }));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            return true;
        }, _ => true, cancellationToken);
        return new DncImportResult(list, numbers.Count, duplicates, errors);
    }

    /// <summary>The next line, or false at the end; a line CsvHelper cannot read at all ends the read with its number named.</summary>
    private static async Task<bool> ReadAsync(CsvParser csv, List<string> errors)
    {
        try
        {
            return await csv.ReadAsync();
        }
        catch (CsvHelperException e)
        {
            errors.Add($"line {e.Context?.Parser?.RawRow ?? 0}: cannot be read (a quote \" opens a field that is never closed); write the number alone on the line");
            return false;
        }
    }

    /// <summary>
    /// "Please don't call me again": the contact is marked do-not-call, their numbers go on the organization's own
    /// list, and their planned calls are dropped — at once, and together.
    /// </summary>
    public static async Task MarkAsync(RingbackDbContext db, Ringback.Contacts.Contact contact, string? reason, Instant now, PlannerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        await db.InTransactionAsync(async ct =>
        {
            await ListAsync(db, contact, reason, now, ct);
            return await Contacts.Settlement.SettleAsync(db, contact.Id, Contacts.Change.Contact, now, options, ct, contact);
        }, _ => true, cancellationToken);
    }

    /// <summary>The write of <see cref="MarkAsync"/> alone, for a writer that settles the contact itself (a call logged with "asked not to be called").</summary>
    internal static async Task ListAsync(RingbackDbContext db, Ringback.Contacts.Contact contact, string? reason, Instant now, CancellationToken cancellationToken)
    {
        contact.Status = Ringback.Contacts.ContactStatus.DoNotCall;
        contact.UpdatedAt = now;
        await AddToOwnListAsync(db, [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone],
            string.IsNullOrWhiteSpace(reason) ? "asked not to be called again" : reason.Trim(), now, cancellationToken);
    }

    /// <summary>Puts numbers on the organization's own list at once ("please don't call me again").</summary>
    public static async Task AddToOwnListAsync(RingbackDbContext db, IEnumerable<string?> numbers, string? reason, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = await db.DoNotCallLists.FirstOrDefaultAsync(l => l.Kind == DoNotCallListKind.Internal, cancellationToken);
        if (list is null)
        {
            list = new DoNotCallList { Id = Guid.CreateVersion7(), Name = InternalListName, Kind = DoNotCallListKind.Internal, CopyDate = now.InUtc().Date, ImportedAt = now };
            db.DoNotCallLists.Add(list);
        }

        foreach (var number in numbers.OfType<string>().Distinct())
        {
            if (!await db.DoNotCallNumbers.AnyAsync(n => n.ListId == list.Id && n.Number == number, cancellationToken))
            {
                db.DoNotCallNumbers.Add(new DoNotCallNumber { Id = Guid.CreateVersion7(), ListId = list.Id, Number = number, Reason = reason, AddedAt = now });
                list.Entries++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest registry copy and whether it is too old to rely on for North American numbers.</summary>
    public static async Task<RegistryStatus> RegistryAsync(RingbackDbContext db, LocalDate today, int maxAgeDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var newest = await db.DoNotCallLists.Where(l => l.Kind == DoNotCallListKind.Registry)
            .OrderByDescending(l => l.CopyDate).Select(l => (LocalDate?)l.CopyDate).FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return new RegistryStatus(null, false, "No do-not-call registry copy has been imported: scrub your list against the national registry before calling.");
        }

        var age = Period.Between(newest.Value, today, PeriodUnits.Days).Days;
        return age > maxAgeDays
            ? new RegistryStatus(newest, true, $"The registry copy of {newest:yyyy-MM-dd} is {age} days old (more than {maxAgeDays}): North American numbers are held back until a fresh copy is imported.")
            : new RegistryStatus(newest, false, null);
    }
}
