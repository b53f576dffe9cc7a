using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>One call in a rep's day: whom, why, how to open, what time it is there, and whether it may be made now.</summary>
public sealed record QueueItem(
    FollowUpKind Kind,
    Guid ContactId,
    string ContactName,
    string? Company,
    string? Phone,
    Instant DueAt,
    string Why,
    Strategy? Strategy,
    string Opener,
    PlaceView Place,
    LocalDateTime ProspectLocalNow,
    bool LawfulNow,
    Instant? NextLawfulAt,
    string? BlockedBy,
    bool PhoneTag);

public sealed record CallList(Instant At, DateTimeZone RepZone, IReadOnlyList<QueueItem> Items, IReadOnlyList<string> Warnings, int MoreDue = 0);

/// <summary>A call planned after the day shown: when, whom, and why.</summary>
public sealed record ComingCall(FollowUpKind Kind, Guid ContactId, string ContactName, string? Company, Instant DueAt, string Why);

/// <summary>A contact being worked with nothing planned: no promise, no cadence step, no expected callback.</summary>
public sealed record Unplanned(Guid ContactId, string ContactName, string? Company, ContactStatus Status, Instant? LastCallAt);

/// <summary>
/// What a rep sees beyond today's list: the week ahead, and the contacts that have fallen out of the plan. Seed 003's
/// discipline is that every interested prospect has a planned callback; a contact being worked with none is a
/// prospect the rep is about to forget.
/// </summary>
public static class Outlook
{
    public const int Shown = 50;

    /// <summary>The rep's calls due from <paramref name="after"/> until <paramref name="until"/>, soonest first.</summary>
    public static async Task<IReadOnlyList<ComingCall>> ComingAsync(RingbackDbContext db, User rep, Instant after, Instant until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rep);
        var rows = await (from f in db.FollowUps
                          where f.UserId == rep.Id && f.DueAt >= after && f.DueAt < until && f.Kind != FollowUpKind.NewContact
                          orderby f.DueAt
                          join c in db.Contacts on f.ContactId equals c.Id
                          select new { f.Kind, f.ContactId, c.FirstName, c.LastName, Company = c.Company == null ? null : c.Company.Name, f.DueAt, f.Why })
            .Take(Shown).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ComingCall(r.Kind, r.ContactId, Name(r.FirstName, r.LastName, r.Company), r.Company, r.DueAt, r.Why))];
    }

    /// <summary>The rep's contacts in progress (working, engaged) with no follow-up planned and no cadence running, longest forgotten first.</summary>
    public static async Task<IReadOnlyList<Unplanned>> UnplannedAsync(RingbackDbContext db, User rep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rep);
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => c.OwnerId == rep.Id && (c.Status == ContactStatus.Working || c.Status == ContactStatus.Engaged)
                && !db.FollowUps.Any(f => f.ContactId == c.Id)
                && !db.CadenceEnrollments.Any(e => e.ContactId == c.Id && e.EndedAt == null))
            .OrderBy(c => c.UpdatedAt)
            .Select(c => new { c.Id, c.FirstName, c.LastName, Company = c.Company == null ? null : c.Company.Name, c.Status })
            .Take(Shown).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var last = new Dictionary<Guid, Instant>();
        foreach (var call in await Calls.LatestCalls.Of(db, ids, 1).Select(c => new { c.ContactId, c.StartedAt }).ToListAsync(cancellationToken))
        {
            last[call.ContactId] = call.StartedAt;
        }

        return [.. rows.Select(r => new Unplanned(r.Id, Name(r.FirstName, r.LastName, r.Company), r.Company, r.Status, last.TryGetValue(r.Id, out var at) ? at : null))];
    }

    private static string Name(string? first, string last, string? company) =>
        string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : company ?? "(no name)";
}

/// <summary>
/// Today's calls for a rep, in order: promises due, appointments, overdue expected callbacks, cadence steps, then new
/// contacts. Read from the follow-up index (and, for new contacts, the owner-status index), never by loading the
/// contact book; contacts on a do-not-call list never appear.
/// </summary>
public static class Today
{
    public const int NewContactsShown = 20;
    /// <summary>More calls than a rep makes in a day; the rest are counted, not listed, and come up as these are made.</summary>
    public const int MaxItems = 200;

    public static async Task<CallList> ForAsync(RingbackDbContext db, User rep, Instant at, PlannerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(options);
        var repZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(rep.TimeZone) ?? DateTimeZone.Utc;
        var today = at.InZone(repZone).Date;
        var dayEnd = today.PlusDays(1).AtStartOfDayInZone(repZone).ToInstant();
        var dayStart = today.AtStartOfDayInZone(repZone).ToInstant();
        var warnings = new List<string>();
        var registry = await DoNotCallRegister.RegistryAsync(db, at.InUtc().Date, options.RegistryMaxAgeDays, cancellationToken);
        if (registry.Warning is not null)
        {
            warnings.Add(registry.Warning);
        }

        var notListed = Callable(db);
        // The index gives the rep's due rows in order; contacts on a do-not-call list are filtered out after, when
        // their contacts are read (they are rare, and a do-not-call contact is replanned to have nothing due).
        var dueQuery = from f in db.FollowUps.AsNoTracking()
                       where f.UserId == rep.Id && f.DueAt < dayEnd
                             && (f.Kind != FollowUpKind.ExpectedCallback || f.DueAt <= at)
                             && (f.Kind != FollowUpKind.Appointment || f.DueAt >= dayStart)
                       select f;
        var candidates = await dueQuery
            .OrderBy(f => f.Kind == FollowUpKind.Promise || f.Kind == FollowUpKind.MissedPromise ? 0 : f.Kind == FollowUpKind.Appointment ? 1 : f.Kind == FollowUpKind.ExpectedCallback ? 2 : 3)
            .ThenBy(f => f.DueAt)
            .Take(MaxItems * 2).ToListAsync(cancellationToken);
        // One parameter for the whole list: as one SQL parameter per id, EF spent 40 ms of Today's 211-item queue
        // (50,000-contact demo) preparing a statement that SQLite ran in 2.
        var candidateIds = candidates.Select(f => f.ContactId).Distinct().ToList();
        var dueContacts = await notListed.Where(c => EF.Parameter(candidateIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        var due = candidates.Where(f => dueContacts.ContainsKey(f.ContactId)).Take(MaxItems).ToList();
        var moreDue = candidates.Count < MaxItems ? 0 : await dueQuery.CountAsync(cancellationToken) - due.Count;

        var fresh = await notListed
            .Where(c => c.OwnerId == rep.Id && c.Status == ContactStatus.New && !db.FollowUps.Any(f => f.ContactId == c.Id))
            .OrderBy(c => c.CreatedAt).Take(NewContactsShown).ToListAsync(cancellationToken);

        // The plan keeps whether its contact is in phone tag; only rows planned before it did, and new contacts, are
        // worked out from the calls here (reading them was half of a 200-item queue's time, docs/benchmarks.md).
        var tags = due.Where(f => f.PhoneTag == true).Select(f => f.ContactId).ToHashSet();
        var unknown = due.Where(f => f.PhoneTag is null).Select(f => f.ContactId).Concat(fresh.Select(c => c.Id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            tags.UnionWith(await PhoneTagsAsync(db, unknown, cancellationToken));
        }

        var items = new List<QueueItem>();
        foreach (var f in due)
        {
            var contact = dueContacts[f.ContactId];
            items.Add(Item(contact, rep, f.Kind, f.DueAt, f.Why, f.Strategy, at, options, tags.Contains(contact.Id)));
        }

        foreach (var c in fresh)
        {
            items.Add(Item(c, rep, FollowUpKind.NewContact, c.CreatedAt, "New contact: not called yet", Strategy.WarmColdCall, at, options, false));
        }

        if (registry.Stale)
        {
            // The registry copy is too old to rely on for the numbers it covers (US and Canada): hold them back.
            items.RemoveAll(i => i.Phone is ['+', '1', ..]);
        }

        return new CallList(at, repZone, items, warnings, moreDue);
    }

    /// <summary>Contacts that may be called: not marked do-not-call and with no number on any list.</summary>
    private static IQueryable<Contact> Callable(RingbackDbContext db) =>
        db.Contacts.AsNoTracking().Include(c => c.Company).Include(c => c.Gatekeepers)
            .Where(c => c.Status != ContactStatus.DoNotCall
                && !db.DoNotCallNumbers.Any(n => n.Number == c.DirectPhone || n.Number == c.MobilePhone || n.Number == c.AfterHoursPhone));

    /// <summary>How many of a contact's latest calls tell whether it is phone tag.</summary>
    private const int PhoneTagCalls = 8;

    /// <summary>
    /// Which of the contacts are in phone tag, from each one's latest calls (<see cref="Calls.LatestCalls"/>: one
    /// statement for the whole list, each contact's newest calls through the (contact, started) index).
    /// </summary>
    private static async Task<HashSet<Guid>> PhoneTagsAsync(RingbackDbContext db, List<Guid> contactIds, CancellationToken cancellationToken)
    {
        var tagged = new HashSet<Guid>();
        var since = await Calls.LatestCalls.Of(db, contactIds, PhoneTagCalls)
            .Select(c => new { c.ContactId, Fact = new CallFact(c.Id, c.UserId, c.Direction, c.Outcome, c.StartedAt, null, null, null) })
            .ToListAsync(cancellationToken);
        foreach (var group in since.GroupBy(c => c.ContactId))
        {
            if (PhoneTag.IsTag([.. group.Select(g => g.Fact).OrderByDescending(f => f.StartedAt)]))
            {
                tagged.Add(group.Key);
            }
        }

        return tagged;
    }

    private static QueueItem Item(Contact contact, User rep, FollowUpKind kind, Instant dueAt, string why, Strategy? strategy, Instant at, PlannerOptions options, bool phoneTag)
    {
        var place = Places.For(contact, rep, options);
        var blocking = CallingTimes.Blocking(at, place.Lawful);
        var next = blocking is null ? at : CallingTimes.NextAllowed(at, place.Lawful);
        return new QueueItem(kind, contact.Id, contact.DisplayName, contact.Company?.Name, contact.DirectPhone ?? contact.MobilePhone ?? contact.AfterHoursPhone,
            dueAt, why, strategy, Opener(kind, contact, rep, dueAt, place.Zone), place.Describe(at),
            at.InZone(place.Zone).LocalDateTime, blocking is null, blocking is null ? null : next, blocking?.Name, phoneTag);
    }

    /// <summary>The first words to say, by why the call is made; never a reproach (seed 004).</summary>
    public static string Opener(FollowUpKind kind, Contact contact, User rep, Instant dueAt, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(rep);
        var name = contact.FirstName ?? (contact.Salutation is null ? contact.LastName : $"{contact.Salutation} {contact.LastName}");
        return Openers.For(kind, name, rep.Name, rep.CompanyName, dueAt.InZone(zone).TimeOfDay);
    }
}
