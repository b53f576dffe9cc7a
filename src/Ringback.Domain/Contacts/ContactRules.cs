using Ringback.Phones;
using Ringback.Scheduling;
using Ringback.Validation;

namespace Ringback.Contacts;

/// <summary>A contact as typed into a form, sent to the API or read from a CSV row: every field still text.</summary>
public record ContactDraft
{
    public string? Salutation { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Industry { get; init; }
    public string? DirectPhone { get; init; }
    public string? MobilePhone { get; init; }
    public string? AfterHoursPhone { get; init; }
    public string? Email { get; init; }
    public string? TimeZone { get; init; }
    public string? Status { get; init; }
    public string? ReferredByName { get; init; }
    public string? ReferralNote { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A contact's fields once checked: numbers in E.164, zone an IANA id, status an enum.</summary>
public sealed record ContactFields(
    string? Salutation,
    string? FirstName,
    string LastName,
    string? Title,
    string? Company,
    string? Industry,
    PhoneNumber? DirectPhone,
    PhoneNumber? MobilePhone,
    PhoneNumber? AfterHoursPhone,
    string? Email,
    string? TimeZone,
    ContactStatus Status,
    string? ReferredByName,
    string? ReferralNote,
    string? Notes)
{
    /// <summary>Copies the fields onto an entity; the company is resolved by the caller, which owns storage.</summary>
    public void ApplyTo(Contact contact)
    {
        contact.Salutation = Salutation;
        contact.FirstName = FirstName;
        contact.LastName = LastName;
        contact.Title = Title;
        contact.Industry = Industry;
        contact.DirectPhone = DirectPhone?.E164;
        contact.DirectExtension = DirectPhone?.Extension;
        contact.MobilePhone = MobilePhone?.E164;
        contact.AfterHoursPhone = AfterHoursPhone?.E164;
        contact.Email = Email;
        contact.TimeZone = TimeZone;
        contact.Status = Status;
        contact.ReferredByName = ReferredByName;
        contact.ReferralNote = ReferralNote;
        contact.Notes = Notes;
    }

    /// <summary>
    /// Brings a contact up to date from a newer record of the same person (a re-import): every field this record
    /// has replaces the contact's, and what it leaves empty is kept. The status changes only when the record has one.
    /// </summary>
    public void ApplyFilledTo(Contact contact, bool hasStatus)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.Salutation = Salutation ?? contact.Salutation;
        contact.FirstName = FirstName ?? contact.FirstName;
        contact.LastName = LastName.Length > 0 ? LastName : contact.LastName;
        contact.Title = Title ?? contact.Title;
        contact.Industry = Industry ?? contact.Industry;
        if (DirectPhone is { } direct)
        {
            contact.DirectPhone = direct.E164;
            contact.DirectExtension = direct.Extension;
        }

        contact.MobilePhone = MobilePhone?.E164 ?? contact.MobilePhone;
        contact.AfterHoursPhone = AfterHoursPhone?.E164 ?? contact.AfterHoursPhone;
        contact.Email = Email ?? contact.Email;
        contact.TimeZone = TimeZone ?? contact.TimeZone;
        contact.Status = hasStatus ? Status : contact.Status;
        contact.ReferredByName = ReferredByName ?? contact.ReferredByName;
        contact.ReferralNote = ReferralNote ?? contact.ReferralNote;
        contact.Notes = Notes ?? contact.Notes;
    }

    /// <summary>What makes another contact likely the same person (see <see cref="DuplicateKeys"/>).</summary>
    public IReadOnlyList<string> DuplicateKeys() =>
        Contacts.DuplicateKeys.Of(Email, [DirectPhone?.E164, MobilePhone?.E164, AfterHoursPhone?.E164], FirstName, LastName, Company);
}

/// <summary>
/// The keys two records of one person share: an email, a number, or name and company. A shared email or name and
/// company is one person; a shared number is one person only under the same name (<see cref="SamePerson"/>).
/// </summary>
public static class DuplicateKeys
{
    public const string EmailPrefix = "email:";
    public const string PhonePrefix = "phone:";
    public const string NamePrefix = "name:";

    public static IReadOnlyList<string> Of(string? email, IEnumerable<string?> numbersE164, string? firstName, string? lastName, string? company)
    {
        ArgumentNullException.ThrowIfNull(numbersE164);
        var keys = new List<string>();
        if (!string.IsNullOrWhiteSpace(email))
        {
            keys.Add(EmailPrefix + email.Trim().ToUpperInvariant());
        }

        keys.AddRange(numbersE164.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().Select(n => PhonePrefix + n));
        var name = NameKey(firstName, lastName);
        if (name.Length > 0 && !string.IsNullOrWhiteSpace(company))
        {
            keys.Add(NamePrefix + name + "|" + Company.KeyOf(company));
        }

        return keys;
    }

    /// <summary>"SUE JONES": a person's name as compared, whatever its spacing, case and accents (<see cref="SamePerson.Fold"/>).</summary>
    public static string NameKey(string? firstName, string? lastName) =>
        SamePerson.Fold(string.Join(' ', new[] { firstName, lastName }.Where(p => !string.IsNullOrWhiteSpace(p))));

    /// <summary>How a key reads to a rep: "the same email", "the same number", "the same name and company".</summary>
    public static string Describe(string key) =>
        key.StartsWith(EmailPrefix, StringComparison.Ordinal) ? "the same email"
        : key.StartsWith(PhonePrefix, StringComparison.Ordinal) ? "the same number"
        : "the same name and company";
}

/// <summary>The rules a contact must meet, wherever it comes from.</summary>
public static class ContactRules
{
    public const int NameMax = 100;
    public const int ShortTextMax = 200;
    public const int NotesMax = 8000;

    /// <summary>Field names are the camelCase names of <see cref="ContactDraft"/>'s properties.</summary>
    public static Checked<ContactFields> Check(ContactDraft draft, string defaultRegion)
    {
        var errors = new ValidationErrors();
        var salutation = Field.Text(errors, "salutation", draft.Salutation, 20);
        var first = Field.Text(errors, "firstName", draft.FirstName, NameMax);
        var last = Field.Text(errors, "lastName", draft.LastName, NameMax);
        var title = Field.Text(errors, "title", draft.Title, ShortTextMax);
        var company = Field.Text(errors, "company", draft.Company, ShortTextMax);
        if (last is null && first is null && company is null && !errors.Fields.Any(f => f is "firstName" or "lastName" or "company"))
        {
            // Someone to greet or a company to call: a CRM's row with only a first name ("Sue") is still a prospect.
            errors.Add("lastName", "is required when there is no first name or company");
        }

        var industry = Field.Text(errors, "industry", draft.Industry, NameMax);
        var direct = Field.Phone(errors, "directPhone", draft.DirectPhone, defaultRegion, allowExtension: true);
        var mobile = Field.Phone(errors, "mobilePhone", draft.MobilePhone, defaultRegion, allowExtension: false);
        var afterHours = Field.Phone(errors, "afterHoursPhone", draft.AfterHoursPhone, defaultRegion, allowExtension: false);
        var email = Field.Email(errors, "email", draft.Email);
        var zone = Field.TimeZone(errors, "timeZone", draft.TimeZone);
        var status = ContactStatuses.FromCrm(draft.Status) ?? Field.Enum<ContactStatus>(errors, "status", draft.Status) ?? ContactStatus.New;
        var referredBy = Field.Text(errors, "referredByName", draft.ReferredByName, NameMax);
        var referralNote = Field.Text(errors, "referralNote", draft.ReferralNote, ShortTextMax * 5);
        var notes = Field.Text(errors, "notes", draft.Notes, NotesMax);
        if (referralNote is not null && referredBy is null)
        {
            // A referral must be honest: a note about a referral names who made it.
            errors.Add("referredByName", "is required when there is a referral note");
        }

        return errors.IsEmpty
            ? new(new ContactFields(salutation, first, last ?? string.Empty, title, company, industry, direct, mobile, afterHours, email, zone, status, referredBy, referralNote, notes), errors)
            : new(null, errors);
    }
}

/// <summary>A gatekeeper as typed or sent.</summary>
public sealed record GatekeeperDraft
{
    public string? Name { get; init; }
    public string? Relationship { get; init; }
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public string? AvailabilityNote { get; init; }
    /// <summary>When the prospect is usually available, in their local time: "Mon-Fri 09:00-11:00; Thu 14:00-17:00".</summary>
    public string? AvailableHours { get; init; }
}

public sealed record GatekeeperFields(
    string Name,
    GatekeeperRelationship Relationship,
    PhoneNumber? Phone,
    string? Notes,
    string? AvailabilityNote,
    WeeklyWindows AvailableHours)
{
    public void ApplyTo(Gatekeeper gatekeeper)
    {
        gatekeeper.Name = Name;
        gatekeeper.Relationship = Relationship;
        gatekeeper.Phone = Phone?.E164;
        gatekeeper.Extension = Phone?.Extension;
        gatekeeper.Notes = Notes;
        gatekeeper.AvailabilityNote = AvailabilityNote;
        gatekeeper.AvailableHours = AvailableHours;
    }
}

public static class GatekeeperRules
{
    public static Checked<GatekeeperFields> Check(GatekeeperDraft draft, string defaultRegion)
    {
        var errors = new ValidationErrors();
        var name = Field.Text(errors, "name", draft.Name, ContactRules.NameMax, required: true);
        var relationship = Field.Enum<GatekeeperRelationship>(errors, "relationship", draft.Relationship) ?? GatekeeperRelationship.Other;
        var phone = Field.Phone(errors, "phone", draft.Phone, defaultRegion, allowExtension: true);
        var notes = Field.Text(errors, "notes", draft.Notes, ContactRules.NotesMax);
        var note = Field.Text(errors, "availabilityNote", draft.AvailabilityNote, ContactRules.ShortTextMax);
        var hours = Field.Windows(errors, "availableHours", draft.AvailableHours);
        return errors.IsEmpty
            ? new(new GatekeeperFields(name!, relationship, phone, notes, note, hours), errors)
            : new(null, errors);
    }
}

public sealed record ReferenceClientDraft
{
    public string? CompanyName { get; init; }
    public string? Industry { get; init; }
    public string? Result { get; init; }
    public bool? MayName { get; init; }
}

public sealed record ReferenceClientFields(string CompanyName, string Industry, string? Result, bool MayName)
{
    public void ApplyTo(ReferenceClient client)
    {
        client.CompanyName = CompanyName;
        client.Industry = Industry;
        client.Result = Result;
        client.MayName = MayName;
    }
}

public static class ReferenceClientRules
{
    public static Checked<ReferenceClientFields> Check(ReferenceClientDraft draft)
    {
        var errors = new ValidationErrors();
        var company = Field.Text(errors, "companyName", draft.CompanyName, ContactRules.ShortTextMax, required: true);

        // A reference only works in the prospect's industry, so a client without one is of no use.
        var industry = Field.Text(errors, "industry", draft.Industry, ContactRules.NameMax, required: true);
        var result = Field.Text(errors, "result", draft.Result, ContactRules.ShortTextMax * 5);
        return errors.IsEmpty
            ? new(new ReferenceClientFields(company!, industry!, result, draft.MayName ?? false), errors)
            : new(null, errors);
    }
}

/// <summary>Lead statuses as other CRMs export them, read as the nearest Ringback status.</summary>
public static class ContactStatuses
{
    private static readonly Dictionary<string, ContactStatus> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        // HubSpot's default lead statuses.
        ["Open"] = ContactStatus.Working,
        ["In Progress"] = ContactStatus.Working,
        ["Attempted to contact"] = ContactStatus.Working,
        ["Connected"] = ContactStatus.Engaged,
        ["Open Deal"] = ContactStatus.MeetingBooked,
        ["Bad Timing"] = ContactStatus.Nurture,
        ["Unqualified"] = ContactStatus.MovedOn,

        // Salesforce's default lead statuses.
        ["Open - Not Contacted"] = ContactStatus.New,
        ["Working - Contacted"] = ContactStatus.Working,
        ["Closed - Converted"] = ContactStatus.Engaged,
        ["Closed - Not Converted"] = ContactStatus.MovedOn,
    };

    public static ContactStatus? FromCrm(string? text) =>
        text is not null && Synonyms.TryGetValue(text.Trim(), out var status) ? status : null;
}
