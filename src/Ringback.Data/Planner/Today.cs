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
    bool PhoneTag,
    string? NoTimeReason = null);

public sealed record CallList(Instant At, DateTimeZone RepZone, IReadOnlyList<QueueItem> Items, IReadOnlyList<string> Warnings, int MoreDue = 0);

/// <summary>A call planned after the day shown: when, whom, and why.</summary>
public sealed record ComingCall(FollowUpKind Kind, Guid ContactId, string ContactName, string? Company, Instant DueAt, string Why);

/// <summary>A contact being worked with nothing planned: no promise, no cadence step, no expected callback.</summary>
public sealed record Unplanned(Guid ContactId, string ContactName, string? Company, ContactStatus Status, Instant? LastCallAt);

/// <summary>
/// What a rep sees beyond today's list: the week ahead, and the contacts that have fallen out of the plan. The method's
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
        return [.. rows.Select(r => new ComingCall(r.Kind, r.ContactId, Contact.NameOf(r.FirstName, r.LastName, r.Company), r.Company, r.DueAt, r.Why))];
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

        return [.. rows.Select(r => new Unplanned(r.Id, Contact.NameOf(r.FirstName, r.LastName, r.Company), r.Company, r.Status, last.TryGetValue(r.Id, out var at) ? at : null))];
    }
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
        var repZone = rep.Zone;
        var today = at.InZone(repZone).Date;
        var dayEnd = today.PlusDays(1).AtStartOfDayInZone(repZone).ToInstant();
        var dayStart = today.AtStartOfDayInZone(repZone).ToInstant();
        var warnings = new List<string>();
        var registry = await DoNotCallRegister.RegistryAsync(db, at.InUtc().Date, options.RegistryMaxAgeDays, cancellationToken);
        if (registry.Warning is not null)
        {
            warnings.Add(registry.Warning);
        }

        // The index gives the rep's due rows in order; contacts on a do-not-call list are filtered out after, when
        // their contacts are read (they are rare, and a do-not-call contact is replanned to have nothing due).
        var dueQuery = from f in db.FollowUps
                       where f.UserId == rep.Id && f.DueAt < dayEnd
                             && (f.Kind != FollowUpKind.ExpectedCallback || f.DueAt <= at)
                             && (f.Kind != FollowUpKind.Appointment || f.DueAt >= dayStart)
                       select f;
        var inOrder = dueQuery
            .OrderBy(f => f.Kind == FollowUpKind.Promise || f.Kind == FollowUpKind.MissedPromise ? 0 : f.Kind == FollowUpKind.Appointment ? 1 : f.Kind == FollowUpKind.ExpectedCallback ? 2 : 3)
            .ThenBy(f => f.DueAt).ThenBy(f => f.Id)
            .Select(f => new Due(f.Kind, f.ContactId, f.DueAt, f.Why, f.Strategy, f.PhoneTag));

        // The due rows and their contacts are read a list's worth at a time until the list is full: almost always
        // once, as a do-not-call contact has nothing due.
        var callees = new Dictionary<Guid, Callee>();
        var due = new List<Due>();
        var read = 0;
        while (due.Count < MaxItems)
        {
            var wanted = MaxItems - due.Count;
            var page = await inOrder.Skip(read).Take(wanted).ToListAsync(cancellationToken);
            read += page.Count;
            foreach (var callee in await CalleesAsync(db, [.. page.Select(f => f.ContactId).Where(id => !callees.ContainsKey(id)).Distinct()], cancellationToken))
            {
                callees[callee.Id] = callee;
            }

            due.AddRange(page.Where(f => callees.ContainsKey(f.ContactId)));
            if (page.Count < wanted)
            {
                break;
            }
        }

        var moreDue = due.Count < MaxItems ? 0 : await dueQuery.CountAsync(cancellationToken) - read;

        var fresh = await Callees(db)
            .Where(c => c.OwnerId == rep.Id && c.Status == ContactStatus.New && !db.FollowUps.Any(f => f.ContactId == c.Id))
            .OrderBy(c => c.CreatedAt).Take(NewContactsShown).Select(AsCallee).ToListAsync(cancellationToken);

        // The plan keeps whether its contact is in phone tag; only rows planned before it did, and new contacts, are
        // worked out from the calls here (reading them was half of a 200-item queue's time, docs/benchmarks.md).
        var tags = due.Where(f => f.PhoneTag == true).Select(f => f.ContactId).ToHashSet();
        var unknown = due.Where(f => f.PhoneTag is null).Select(f => f.ContactId).Concat(fresh.Select(c => c.Id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            tags.UnionWith(await PhoneTagsAsync(db, unknown, cancellationToken));
        }

        var items = new List<QueueItem>();
        var places = new PlacesNow(rep, at, options);
        foreach (var f in due)
        {
            var callee = callees[f.ContactId];
            items.Add(Item(callee, places.Of(callee), rep, f.Kind, f.DueAt, f.Why, f.Strategy, tags.Contains(callee.Id)));
        }

        foreach (var c in fresh)
        {
            items.Add(Item(c, places.Of(c), rep, FollowUpKind.NewContact, c.CreatedAt, "New contact: not called yet", Strategy.WarmColdCall, false));
        }

        if (registry.Stale)
        {
            // The registry copy is too old to rely on for the numbers it covers (US and Canada): hold them back.
            items.RemoveAll(i => i.Phone is ['+', '1', ..]);
        }

        return new CallList(at, repZone, items, warnings, moreDue);
    }

    /// <summary>A due row as the list reads it.</summary>
    private sealed record Due(FollowUpKind Kind, Guid ContactId, Instant DueAt, string Why, Strategy? Strategy, bool? PhoneTag);

    /// <summary>
    /// What an item shows of its contact and what its place and lawful hours are worked out from, not the whole
    /// contact: reading 200 whole contacts with their companies and gatekeepers was two thirds of a 2,000-due queue's
    /// CPU. The
    /// gatekeepers' hours are not read: they make the plan's preferred window, which the due times already keep to,
    /// and whether a call is lawful now does not depend on them.
    /// </summary>
    private sealed record Callee(Guid Id, string? Salutation, string? FirstName, string LastName, string? Company, string? CompanyZone, string? CompanyPhone,
        string? TimeZone, string? DirectPhone, string? MobilePhone, string? AfterHoursPhone, Instant CreatedAt);

    private static readonly System.Linq.Expressions.Expression<Func<Contact, Callee>> AsCallee = c => new Callee(
        c.Id, c.Salutation, c.FirstName, c.LastName, c.Company == null ? null : c.Company.Name, c.Company == null ? null : c.Company.TimeZone,
        c.Company == null ? null : c.Company.MainPhone, c.TimeZone, c.DirectPhone, c.MobilePhone, c.AfterHoursPhone, c.CreatedAt);

    /// <summary>The listed contacts that may be called.</summary>
    private static async Task<List<Callee>> CalleesAsync(RingbackDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // One parameter for the whole list: as one SQL parameter per id, EF spent 40 ms of Today's 211-item queue
        // (50,000-contact demo) preparing a statement that SQLite ran in 2.
        return await Callees(db).Where(c => EF.Parameter(ids).Contains(c.Id)).Select(AsCallee).ToListAsync(cancellationToken);
    }

    /// <summary>Contacts that may be called: not marked do-not-call and with no number on any list.</summary>
    private static IQueryable<Contact> Callees(RingbackDbContext db) =>
        db.Contacts.Where(c => c.Status != ContactStatus.DoNotCall
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

    private static QueueItem Item(Callee contact, PlaceNow where, User rep, FollowUpKind kind, Instant dueAt, string why, Strategy? strategy, bool phoneTag) =>
        new(kind, contact.Id, Contact.NameOf(contact.FirstName, contact.LastName, contact.Company), contact.Company,
            contact.DirectPhone ?? contact.MobilePhone ?? contact.AfterHoursPhone,
            dueAt, why, strategy, Opener(kind, contact.Salutation, contact.FirstName, contact.LastName, rep, dueAt, where.Zone), where.View,
            where.LocalNow, where.Callable.Now, where.Callable.Next, where.Callable.Blocking?.Name, phoneTag, where.Callable.WhyNoTime);

    /// <summary>What a place's law and the rep's hours say at the instant the list is made.</summary>
    private sealed record PlaceNow(DateTimeZone Zone, PlaceView View, LocalDateTime LocalNow, CallableAt Callable);

    /// <summary>
    /// Each contact's place, and what its law says now, worked out once per place in a list: a rep's 200 contacts are
    /// in a handful of places, and the windows, the next lawful minute and the local time are the same for all in one.
    /// </summary>
    private sealed class PlacesNow(User rep, Instant at, PlannerOptions options)
    {
        private readonly Dictionary<(ZoneSource, string?, string?, string), PlaceNow> known = [];

        public PlaceNow Of(Callee contact)
        {
            var prospect = Places.Of(contact.TimeZone, contact.CompanyZone, contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone, contact.CompanyPhone);
            var key = (prospect.Source, prospect.Country, prospect.Subdivision, string.Join(' ', prospect.Zones.Select(z => z.Id)));
            if (!known.TryGetValue(key, out var now))
            {
                var place = Places.For(prospect, [], rep, options);
                now = new PlaceNow(place.Zone, place.Describe(at), at.InZone(place.Zone).LocalDateTime, place.At(at));
                known[key] = now;
            }

            return now;
        }
    }

    /// <summary>The first words to say, by why the call is made; never a reproach.</summary>
    private static string Opener(FollowUpKind kind, string? salutation, string? firstName, string lastName, User rep, Instant dueAt, DateTimeZone zone)
    {
        var name = firstName ?? (salutation is null ? lastName : $"{salutation} {lastName}");
        return Openers.For(kind, name, rep.Name, rep.CompanyName, dueAt.InZone(zone).TimeOfDay);
    }
}
