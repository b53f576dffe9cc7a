using System.Text;
using System.Text.RegularExpressions;

namespace Ringback.Import;

/// <summary>What a CSV column holds, once its header is understood.</summary>
public enum ContactColumn
{
    Salutation,
    FirstName,
    LastName,
    FullName,
    Title,
    Company,
    Industry,
    DirectPhone,
    MobilePhone,
    AfterHoursPhone,
    Email,
    TimeZone,
    Status,
    ReferredBy,
    ReferralNote,
    Notes,
    GatekeeperName,
    GatekeeperRelationship,
    GatekeeperPhone,
    GatekeeperAvailability,

    /// <summary>The rep who owns the contact in the CRM it came from ("Contact owner" in HubSpot): a user's name or email.</summary>
    Owner,

    /// <summary>Google Contacts' "Phone 1 - Type": says what the matching "Phone 1 - Value" is.</summary>
    PhoneType,

    /// <summary>Google Contacts' "Phone 1 - Value".</summary>
    PhoneValue,
}

/// <summary>One mapped column: its position, its header as written, and what it holds.</summary>
/// <param name="Slot">For Google's numbered phone pairs, the number that pairs a type with its value.</param>
public sealed record MappedColumn(int Index, string Header, ContactColumn Column, int Slot = 0);

/// <summary>
/// How a CSV file's header maps onto a contact. Knows our own export's columns and those of HubSpot,
/// Salesforce, Google Contacts and Outlook, matching headers without regard to case, spaces or punctuation.
/// </summary>
public sealed partial record ContactCsvMapping(string Source, IReadOnlyList<MappedColumn> Columns, IReadOnlyList<string> Ignored)
{
    private static readonly Dictionary<string, ContactColumn> Aliases = BuildAliases();

    public bool Has(ContactColumn column) => Columns.Any(c => c.Column == column);

    public string? HeaderOf(ContactColumn column) => Columns.FirstOrDefault(c => c.Column == column)?.Header;

    public static ContactCsvMapping FromHeader(IReadOnlyList<string> header)
    {
        var keys = header.Select(Key).ToList();

        // Outlook's "Title" is the salutation (Mr., Dr.); its job title is "Job Title". Everyone else's "Title" is the job.
        var outlook = keys.Contains("jobtitle") && keys.Contains("emailaddress");
        var source = outlook ? "Outlook"
            : keys.Contains("phone1value") || keys.Contains("email1value") ? "Google Contacts"
            : keys.Contains("accountname") ? "Salesforce"
            : keys.Contains("leadstatus") || keys.Contains("phonenumber") || keys.Contains("contactowner") ? "HubSpot"
            : keys.Contains("directphone") ? "Ringback"
            : "CSV";

        var columns = new List<MappedColumn>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var key = keys[i];
            ContactColumn? column = null;
            var slot = 0;
            var numbered = GooglePhone().Match(key);
            if (numbered.Success)
            {
                column = numbered.Groups[2].Value == "type" ? ContactColumn.PhoneType : ContactColumn.PhoneValue;
                slot = int.Parse(numbered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (key == "title")
            {
                column = outlook ? ContactColumn.Salutation : ContactColumn.Title;
            }
            else if (Aliases.TryGetValue(key, out var aliased))
            {
                column = aliased;
            }

            // The first column that maps to a field wins; a second one is reported, never silently merged.
            if (column is { } c && (c is ContactColumn.PhoneType or ContactColumn.PhoneValue || columns.All(m => m.Column != c)))
            {
                columns.Add(new MappedColumn(i, header[i], c, slot));
            }
            else if (!string.IsNullOrWhiteSpace(header[i]))
            {
                ignored.Add(header[i]);
            }
        }

        return new ContactCsvMapping(source, columns, ignored);
    }

    /// <summary>What a Google Contacts phone type means for us; null for types we don't keep (fax, pager).</summary>
    public static ContactColumn? PhoneKind(string? type)
    {
        var key = Key(type ?? string.Empty);
        return key switch
        {
            "mobile" or "cell" or "mobilephone" => ContactColumn.MobilePhone,
            "home" or "homephone" => ContactColumn.AfterHoursPhone,
            "work" or "main" or "business" or "other" or "" => ContactColumn.DirectPhone,
            _ when key.Contains("fax", StringComparison.Ordinal) || key.Contains("pager", StringComparison.Ordinal) => null,
            _ => ContactColumn.DirectPhone,
        };
    }

    internal static string Key(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var ch in header)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    private static Dictionary<string, ContactColumn> BuildAliases()
    {
        var map = new Dictionary<string, ContactColumn>(StringComparer.Ordinal);
        void Add(ContactColumn column, params string[] headers)
        {
            foreach (var h in headers)
            {
                map[Key(h)] = column;
            }
        }

        Add(ContactColumn.Salutation, "Salutation", "Prefix", "Name Prefix");
        Add(ContactColumn.FirstName, "First Name", "FirstName", "Given Name", "First");
        Add(ContactColumn.LastName, "Last Name", "LastName", "Family Name", "Surname", "Last");
        Add(ContactColumn.FullName, "Name", "Full Name", "Contact Name", "Display Name");
        Add(ContactColumn.Title, "Job Title", "Organization Title", "Organization 1 - Title", "Position");
        Add(ContactColumn.Company, "Company", "Company Name", "Account Name", "Account", "Organization", "Organization Name", "Organization 1 - Name");
        Add(ContactColumn.Industry, "Industry");
        Add(ContactColumn.DirectPhone, "Direct Phone", "Phone", "Phone Number", "Business Phone", "Work Phone", "Office Phone");
        Add(ContactColumn.MobilePhone, "Mobile Phone", "Mobile", "Mobile Phone Number", "Cell", "Cell Phone", "MobilePhone");
        Add(ContactColumn.AfterHoursPhone, "After Hours Phone", "After-hours Phone", "Home Phone", "HomePhone");
        Add(ContactColumn.Email, "Email", "Email Address", "E-mail Address", "E-mail 1 - Value", "Email 1 - Value", "Work Email");
        Add(ContactColumn.TimeZone, "Time Zone", "TimeZone", "Timezone");
        Add(ContactColumn.Status, "Status", "Lead Status", "Contact Status");
        Add(ContactColumn.ReferredBy, "Referred By", "Referrer", "Referred By Name");
        Add(ContactColumn.ReferralNote, "Referral Note");
        Add(ContactColumn.Notes, "Notes", "Note", "Description");
        Add(ContactColumn.GatekeeperName, "Gatekeeper Name", "Assistant's Name", "Assistant Name", "AssistantName", "Assistant");
        Add(ContactColumn.GatekeeperRelationship, "Gatekeeper Relationship");
        Add(ContactColumn.GatekeeperPhone, "Gatekeeper Phone", "Assistant's Phone", "Assistant Phone", "AssistantPhone", "Asst. Phone");
        Add(ContactColumn.GatekeeperAvailability, "Gatekeeper Availability", "Prospect Available");
        Add(ContactColumn.Owner, "Contact Owner", "Owner", "Lead Owner", "Account Owner", "Contact Owner Email", "Owner Email");
        return map;
    }

    [GeneratedRegex(@"^phone(\d+)(type|value)$")]
    private static partial Regex GooglePhone();
}
