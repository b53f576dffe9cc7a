using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Hosting;
using Ringback.Validation;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>Add or edit a contact, checked by the same ContactRules as the API and the import.</summary>
public sealed class EditModel(RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, IOptions<Data.Planner.PlannerOptions> planner) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    /// <summary>The version of the contact the form was filled from: a save from an older one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>The form as first filled, to tell the rep what someone else changed if their save is refused.</summary>
    [BindProperty]
    public string? Original { get; set; }

    /// <summary>What someone else changed while this form was open; the rep's own values are still in the form.</summary>
    public IReadOnlyList<FieldChange> ChangedMeanwhile { get; private set; } = [];

    /// <summary>A contact already in the book that the one being added likely duplicates.</summary>
    public DuplicateMatch? Duplicate { get; private set; }

    /// <summary>The rep saw the likely duplicate and adds this contact anyway.</summary>
    [BindProperty]
    public bool AddAnyway { get; set; }

    /// <summary>The save was refused because someone else saved the contact first.</summary>
    public bool Stale { get; private set; }

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(ContactDraft.Salutation)] = "Salutation",
        [nameof(ContactDraft.FirstName)] = "First name",
        [nameof(ContactDraft.LastName)] = "Last name",
        [nameof(ContactDraft.Title)] = "Title",
        [nameof(ContactDraft.Company)] = "Company",
        [nameof(ContactDraft.Industry)] = "Industry",
        [nameof(ContactDraft.DirectPhone)] = "Direct phone",
        [nameof(ContactDraft.MobilePhone)] = "Mobile phone",
        [nameof(ContactDraft.AfterHoursPhone)] = "After-hours phone",
        [nameof(ContactDraft.Email)] = "Email",
        [nameof(ContactDraft.TimeZone)] = "Time zone",
        [nameof(ContactDraft.Status)] = "Status",
        [nameof(ContactDraft.ReferredByName)] = "Referred by",
        [nameof(ContactDraft.ReferralNote)] = "About the referral",
        [nameof(ContactDraft.Notes)] = "Notes",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            return Page();
        }

        var contact = await db.Contacts.AsNoTracking().Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        if (!await db.MayChangeAsync(User, contact.OwnerId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Input = ContactInput.From(contact, options.Value.DefaultRegion);
        Version = contact.Version;
        Original = Changes.Snapshot(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var editor = RingbackClaims.EditorOf(User);
        var region = options.Value.DefaultRegion;
        var result = Id is not { } id
            ? await ContactBook.AddAsync(db, editor, null, new ContactWrite(Input) { AddAnyway = AddAnyway }, now, region, planner.Value, cancellationToken)
            : await ContactBook.ChangeAsync(db, editor, id, new ContactWrite(Input) { ExpectedVersion = Version }, now, region, planner.Value, cancellationToken);
        if (result.Stale)
        {
            // Someone saved this contact after the rep opened the form: show them what changed and keep their
            // values in the form; saving again (now from the current version) is their decision.
            var current = ContactInput.From(result.Contact!, region);
            var original = Changes.Read<ContactInput>(Original);
            ChangedMeanwhile = Changes.Between(original, current, Labels);
            if (original is null || ChangedMeanwhile.Count > 0)
            {
                Stale = true;
                Version = result.Contact!.Version;
                Original = Changes.Snapshot(current);
                ModelState.Remove(nameof(Version));
                ModelState.Remove(nameof(Original));
                return Page();
            }

            // Only what the form does not show moved on (a call logged meanwhile touched the contact): no conflict.
            result = await ContactBook.ChangeAsync(db, editor, Id!.Value, new ContactWrite(Input) { ExpectedVersion = result.Contact!.Version }, now, region,
                planner.Value, cancellationToken);
        }

        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (result.Duplicate is { } match)
        {
            Duplicate = match;
            return Page();
        }

        if (!result.Errors.IsEmpty)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        if (result.Stale)
        {
            // Changed again between the two saves: the same answer as above, on a fresh read.
            Version = -1;
            return await OnPostAsync(cancellationToken);
        }

        return Redirect($"/contacts/{result.Contact!.Id}");
    }

    /// <summary>The form's fields: a contact draft, bound from the form.</summary>
    public sealed record ContactInput : ContactDraft
    {
        /// <summary>The form filled from a contact, numbers shown the way the rep writes them.</summary>
        public static ContactInput From(Contact c, string region) => new()
        {
            Salutation = c.Salutation,
            FirstName = c.FirstName,
            LastName = c.LastName,
            Title = c.Title,
            Company = c.Company?.Name,
            Industry = c.Industry,
            DirectPhone = c.DirectPhone is null ? null : Phones.PhoneFormat.Shown(c.DirectPhone, c.DirectExtension, region),
            MobilePhone = c.MobilePhone is null ? null : Phones.PhoneFormat.Shown(c.MobilePhone, region),
            AfterHoursPhone = c.AfterHoursPhone is null ? null : Phones.PhoneFormat.Shown(c.AfterHoursPhone, region),
            Email = c.Email,
            TimeZone = c.TimeZone,
            Status = EnumText.Format(c.Status),
            ReferredByName = c.ReferredByName,
            ReferralNote = c.ReferralNote,
            Notes = c.Notes,
        };
    }
}
