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

        Input = ContactInput.From(contact, options.Value.DefaultRegion);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var contact = Id is null
            ? new Contact { Id = Guid.CreateVersion7(), LastName = string.Empty, CreatedAt = now, OwnerId = RingbackClaims.UserOf(User) }
            : await db.Contacts.FirstOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        var checkedFields = ContactRules.Check(Input, options.Value.DefaultRegion);
        if (!checkedFields.IsValid)
        {
            ModelState.AddErrors(checkedFields.Errors);
            return Page();
        }

        await db.ApplyAsync(contact, checkedFields.Value!, now, cancellationToken);
        if (Id is null)
        {
            db.Contacts.Add(contact);
        }

        await db.SaveChangesAsync(cancellationToken);

        // A new zone, number or status moves the planned calls.
        await Data.Planner.Plans.ReplanAsync(db, contact.Id, now, planner.Value, cancellationToken);
        return Redirect($"/contacts/{contact.Id}");
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
