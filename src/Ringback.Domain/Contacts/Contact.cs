using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Contacts;

public enum ContactStatus
{
    New,
    Working,
    Engaged,
    MeetingBooked,
    Nurture,
    MovedOn,
    DoNotCall,
}

public sealed class Company : Accounts.IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-cased, trimmed name: the key an import uses to find the company again.</summary>
    public required string NameKey { get; set; }

    public string? Industry { get; set; }

    public string? MainPhone { get; set; }

    public string? TimeZone { get; set; }

    public static string KeyOf(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>A prospect. Numbers are stored in E.164 so that one written any way finds them.</summary>
public sealed class Contact : Accounts.IOrganizationOwned, Accounts.IVersioned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string? Salutation { get; set; }

    public string? FirstName { get; set; }

    public required string LastName { get; set; }

    public string? Title { get; set; }

    public Guid? CompanyId { get; set; }

    public Company? Company { get; set; }

    public string? Industry { get; set; }

    public string? DirectPhone { get; set; }

    public string? DirectExtension { get; set; }

    public string? MobilePhone { get; set; }

    /// <summary>A number for after closing time, offered in messages for a return call then.</summary>
    public string? AfterHoursPhone { get; set; }

    public string? Email { get; set; }

    /// <summary>IANA zone id; null when unknown (the planner then infers one).</summary>
    public string? TimeZone { get; set; }

    public Guid? OwnerId { get; set; }

    /// <summary>When the contact was last reassigned: what earlier calls still owe is the new owner's (see the planner).</summary>
    public Instant? HandedOverAt { get; set; }

    public ContactStatus Status { get; set; }

    /// <summary>Another contact who referred this one.</summary>
    public Guid? ReferredByContactId { get; set; }

    /// <summary>A referrer who is not in the contact book, by name.</summary>
    public string? ReferredByName { get; set; }

    public string? ReferralNote { get; set; }

    public string? Notes { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>Raised by every saved change; see <see cref="Accounts.IVersioned"/>.</summary>
    public int Version { get; set; }

    public List<Gatekeeper> Gatekeepers { get; set; } = [];

    /// <summary>
    /// Name, company, email and the digits of every number in one column, which the substring index of each
    /// database covers (a trigram FTS5 table on SQLite, a pg_trgm GIN index on PostgreSQL), so search as you type
    /// stays fast at 100,000 contacts and a number narrows the list as it is typed. Kept current by the DbContext
    /// on every save and by the bulk import.
    /// </summary>
    public string SearchText { get; set; } = string.Empty;

    /// <remarks>
    /// Names and the company are also kept folded, each way it is spelled without its accents (<see cref="SamePerson.Variants"/>:
    /// "Schäfer" as "schafer" and "schaefer", "Łukasz" as "lukasz"), so a search typed on any keyboard finds them.
    /// </remarks>
    public static string SearchTextOf(Contact c, string? company)
    {
        ArgumentNullException.ThrowIfNull(c);
        var parts = new[] { c.FirstName, c.LastName, company, c.Email, c.DirectPhone?[1..], c.MobilePhone?[1..], c.AfterHoursPhone?[1..] }
            .Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var typed = string.Join(' ', new[] { c.FirstName, c.LastName, company }).ToLowerInvariant();
        var folded = new[] { c.FirstName, c.LastName, company }
            .SelectMany(n => SamePerson.Variants(n))
            .Select(v => v.ToLowerInvariant())
            .Where(v => !typed.Contains(v, StringComparison.Ordinal))
            .Distinct();
        return string.Join(' ', parts.Concat(folded));
    }

    /// <summary>"Sue Jones"; "Sue" for a contact known by first name only; the company's name for one known by company only.</summary>
    public string DisplayName => NameOf(FirstName, LastName, Company?.Name);

    /// <summary>The display name from its parts, for lists that read the parts rather than whole contacts.</summary>
    public static string NameOf(string? firstName, string? lastName, string? company) =>
        string.Join(' ', new[] { firstName, lastName }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name
            ? name
            : company ?? "(no name)";
}

public enum GatekeeperRelationship
{
    Assistant,
    Receptionist,
    Colleague,
    Family,
    Other,
}

/// <summary>
/// Whoever answers for a prospect. The method's advice: "find out the name and the relationship … Always find
/// out when the person is likely to be available".
/// </summary>
public sealed class Gatekeeper : Accounts.IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ContactId { get; set; }

    public required string Name { get; set; }

    public GatekeeperRelationship Relationship { get; set; }

    public string? Phone { get; set; }

    public string? Extension { get; set; }

    public string? Notes { get; set; }

    /// <summary>What they said, in their words: "mornings, before the 10 o'clock stand-up".</summary>
    public string? AvailabilityNote { get; set; }

    /// <summary>The same, structured, in the prospect's local time.</summary>
    public WeeklyWindows AvailableHours { get; set; } = WeeklyWindows.None;

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }
}

/// <summary>
/// A client the rep has served well, mentioned to prospects in the same industry (third-party and association
/// messages: "Calling Ford? Mention your successes at General Motors").
/// </summary>
public sealed class ReferenceClient : Accounts.IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string CompanyName { get; set; }

    public required string Industry { get; set; }

    /// <summary>The result to mention: "cut employee-conflict time by a third".</summary>
    public string? Result { get; set; }

    /// <summary>Whether the client agreed to be named to prospects. A message never names one that did not.</summary>
    public bool MayName { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }
}
