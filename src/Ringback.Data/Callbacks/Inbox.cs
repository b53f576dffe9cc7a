using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Contacts;
using Ringback.Data.Calls;
using Ringback.Phones;

namespace Ringback.Data.Callbacks;

/// <summary>A contact a waiting call may have been from, and when they were last left a message.</summary>
public sealed record InboxCandidate(Guid ContactId, string Name, MatchedBy By, Instant? LastMessageAt);

/// <summary>What a rep does with a call from an unknown number: make it a contact, file it under one, or dismiss it.</summary>
public static class Inbox
{
    public const int PageSize = 100;

    public static Task<List<UnmatchedCall>> WaitingAsync(RingbackDbContext db, CancellationToken cancellationToken) =>
        db.UnmatchedCalls.AsNoTracking().Where(u => u.ResolvedAt == null).OrderByDescending(u => u.StartedAt).Take(PageSize).ToListAsync(cancellationToken);

    /// <summary>
    /// For each waiting call from a number several contacts have (a switchboard, a shared assistant), those contacts:
    /// the one left a message most recently first, as <see cref="CallerMatch.Order"/> ranks them. Only the calls that
    /// were left waiting for that reason are looked up, each number once, and all their names in one query.
    /// </summary>
    public static async Task<Dictionary<Guid, List<InboxCandidate>>> CandidatesAsync(RingbackDbContext db, IEnumerable<UnmatchedCall> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byNumber = new Dictionary<string, IReadOnlyList<MatchCandidate>>(StringComparer.Ordinal);
        foreach (var number in items.Where(i => i.Reason.StartsWith(CallerMatch.SharedLine, StringComparison.Ordinal)).Select(i => i.FromNumber).Distinct())
        {
            var candidates = await Inbound.CandidatesAsync(db, number, cancellationToken);
            if (candidates.Select(c => c.ContactId).Distinct().Count() > 1)
            {
                var strongest = candidates.Min(c => c.By);
                byNumber[number] = CallerMatch.Order(candidates.Where(c => c.By == strongest));
            }
        }

        var ids = byNumber.Values.SelectMany(c => c).Select(c => c.ContactId).Distinct().ToList();
        var names = ids.Count == 0 ? [] : await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName, Company = c.Company == null ? null : c.Company.Name })
            .ToDictionaryAsync(c => c.Id, c => Contact.NameOf(c.FirstName, c.LastName, c.Company), cancellationToken);
        return items.Where(i => byNumber.ContainsKey(i.FromNumber)).ToDictionary(i => i.Id, i => byNumber[i.FromNumber]
            .Where(c => names.ContainsKey(c.ContactId)).Select(c => new InboxCandidate(c.ContactId, names[c.ContactId], c.By, c.LastMessageAt)).ToList());
    }

    public static Task<int> CountAsync(RingbackDbContext db, CancellationToken cancellationToken) =>
        db.UnmatchedCalls.CountAsync(u => u.ResolvedAt == null, cancellationToken);

    /// <summary>
    /// One click: a contact with the caller's number (and name, if the network gave one) owned by the rep, with the call
    /// logged on it. The rep fills in the rest on the contact's page.
    /// </summary>
    public static Task<CallLogResult?> CreateContactAsync(RingbackDbContext db, Guid itemId, Guid userId, string defaultRegion, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            if (await WaitingItemAsync(db, itemId, ct) is not { } item)
            {
                return null;
            }

            var number = PhoneNumberParser.TryParse(item.FromNumber, defaultRegion);
            var (first, last) = NamesOf(item.CallerName, number?.E164 ?? item.FromNumber);
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(),
                FirstName = first,
                LastName = last,
                DirectPhone = number?.E164,
                OwnerId = userId,
                Notes = $"Called in on {item.StartedAt.ToString("uuuu-MM-dd HH:mm", null)} UTC from {item.FromNumber}.",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(ct);
            return await ResolveAsync(db, item, contact.Id, userId, now, planner, ct);
        }, r => r is null || r.IsValid, cancellationToken);

    /// <summary>The caller is a contact under another number (a new mobile, say): the call is logged, and credited, there.</summary>
    public static Task<CallLogResult?> AssignAsync(RingbackDbContext db, Guid itemId, Guid contactId, Guid userId, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct => await WaitingItemAsync(db, itemId, ct) is { } item
            ? await ResolveAsync(db, item, contactId, userId, now, planner, ct)
            : null, r => r is null || r.IsValid, cancellationToken);

    public static async Task<bool> DismissAsync(RingbackDbContext db, Guid itemId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await WaitingItemAsync(db, itemId, cancellationToken) is not { } item)
        {
            return false;
        }

        item.ResolvedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static Task<UnmatchedCall?> WaitingItemAsync(RingbackDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        db.UnmatchedCalls.FirstOrDefaultAsync(u => u.Id == itemId && u.ResolvedAt == null, cancellationToken);

    private static async Task<CallLogResult> ResolveAsync(RingbackDbContext db, UnmatchedCall item, Guid contactId, Guid userId, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        var draft = Inbound.Draft(item.Answered, item.StartedAt, item.DurationSeconds, null,
            item.CallerName is null ? null : $"Caller ID: {item.CallerName}", item.ExternalId);
        var result = await CallLog.LogAsync(db, contactId, item.UserId ?? userId, draft, id: null, now, cancellationToken, planner);
        if (result.IsValid)
        {
            item.ResolvedAt = now;
            item.ResolvedCallId = result.Call!.Id;
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (result.NotFound)
        {
            result.Errors.Add("contactId", "is not a contact here");
        }

        return result;
    }

    /// <summary>A name from caller ID ("SUE ELLIS" becomes Sue Ellis); without a usable one the number stands in for the last name.</summary>
    public static (string? First, string Last) NamesOf(string? callerName, string number)
    {
        var words = (callerName ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var usable = words.Length > 0 && words.All(w => w.Any(char.IsLetter)) && !words.Any(w => w.Equals("unknown", StringComparison.OrdinalIgnoreCase));
        if (!usable)
        {
            return (null, $"Caller {number}");
        }

        var cased = words.Select(w => w.All(c => !char.IsLower(c)) && w.Length > 1 ? w[0] + w[1..].ToLowerInvariant() : w).ToArray();
        return cased.Length == 1 ? (null, cased[0]) : (string.Join(' ', cased[..^1]), cased[^1]);
    }
}
