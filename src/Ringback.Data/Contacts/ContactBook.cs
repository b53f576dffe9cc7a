using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;
using Ringback.Validation;

namespace Ringback.Data.Contacts;

/// <summary>A contact to add or change, as the API, the form and the CLI give it.</summary>
/// <param name="Draft">The fields, as typed: checked by <see cref="ContactRules"/>.</param>
public sealed record ContactWrite(ContactDraft Draft)
{
    /// <summary>The rep who owns the contact; null keeps the owner (a contact being added: the writer).</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>The writer replaces every field (the API's PUT): an owner left out asks for nobody, which only a manager or an
    /// owner may ask for on a contact someone owns; the contact still keeps its owner then.</summary>
    public bool ReplacesOwner { get; init; }

    /// <summary>Who in the book referred them, written only when <see cref="SetsReferrer"/> (the API replaces every field; the form does not show it).</summary>
    public Guid? ReferredByContactId { get; init; }

    public bool SetsReferrer { get; init; }

    /// <summary>The version the writer read: a contact changed since is not overwritten.</summary>
    public int? ExpectedVersion { get; init; }

    /// <summary>The writer saw the likely duplicate and adds this contact anyway.</summary>
    public bool AddAnyway { get; init; }
}

/// <summary>What became of a request to add, change or delete a contact.</summary>
public sealed record ContactBookResult
{
    /// <summary>The contact as written; when <see cref="Stale"/>, as it now stands.</summary>
    public Contact? Contact { get; init; }

    public ValidationErrors Errors { get; init; } = new();

    public bool Created { get; init; }

    /// <summary>An add with an id already used: the contact added by the first request (a retry), or none when another record holds the id.</summary>
    public bool Repeated { get; init; }

    public bool NotFound { get; init; }

    /// <summary>Changed by someone else since <see cref="ContactWrite.ExpectedVersion"/>.</summary>
    public bool Stale { get; init; }

    /// <summary>The writer's role does not let them change this contact (a teammate's).</summary>
    public bool Forbidden { get; init; }

    /// <summary>The same person is already in the book; added only when the writer says so.</summary>
    public DuplicateMatch? Duplicate { get; init; }

    public bool IsWritten => Contact is not null && Errors.IsEmpty && !Stale && !Forbidden && Duplicate is null && !NotFound;
}

/// <summary>
/// Adding, changing and deleting contacts, for the API, the pages and the CLI alike: one transaction each, the same
/// checks (<see cref="ContactRules"/>, references inside the organization, who may own it, the same person already
/// in the book), and the contact settled (<see cref="Settlement"/>) before it commits. The import writes in bulk
/// through <see cref="Import.ContactImporter"/>, with the same rules row by row.
/// </summary>
public static class ContactBook
{
    public static Task<ContactBookResult> AddAsync(RingbackDbContext db, Editor editor, Guid? id, ContactWrite write, Instant now, string region, PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(write);
        return db.InTransactionAsync(async ct =>
        {
            if (id is { } requested)
            {
                // A retry of a request that already went through: answered as before, nothing added.
                if (await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == requested, ct) is { } existing)
                {
                    return new ContactBookResult { Contact = existing, Repeated = true };
                }

                if (await db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == requested, ct))
                {
                    return new ContactBookResult { Repeated = true };
                }
            }

            var contact = new Contact { Id = id ?? Guid.CreateVersion7(), LastName = string.Empty, CreatedAt = now, OwnerId = editor.UserId };
            var (fields, errors) = await CheckAsync(db, editor, contact, currentOwner: null, write, region, ct);
            if (fields is null)
            {
                return new ContactBookResult { Errors = errors };
            }

            // A shared number alone is a colleague on the same line, not this person: only a real match stops the add.
            if (!write.AddAnyway && (await Duplicates.OfAsync(db, fields, ct)).Same is { } match)
            {
                return new ContactBookResult { Duplicate = match };
            }

            Apply(contact, write);
            await db.ApplyAsync(contact, fields, now, ct);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(ct);
            await Settlement.SettleAsync(db, contact.Id, Change.Contact, now, planner, ct);
            return new ContactBookResult { Contact = contact, Created = true };
        }, r => r.IsWritten, cancellationToken);
    }

    public static Task<ContactBookResult> ChangeAsync(RingbackDbContext db, Editor editor, Guid id, ContactWrite write, Instant now, string region, PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(write);
        return db.InTransactionAsync(async ct =>
        {
            var contact = await Plans.ContactAsync(db, id, ct);
            if (contact is null)
            {
                return new ContactBookResult { NotFound = true };
            }

            if (!await db.MayChangeAsync(editor.Role, editor.UserId, contact.OwnerId, ct))
            {
                return new ContactBookResult { Contact = contact, Forbidden = true };
            }

            if (write.ExpectedVersion is { } expected && contact.Version != expected)
            {
                return new ContactBookResult { Contact = contact, Stale = true };
            }

            var (fields, errors) = await CheckAsync(db, editor, contact, contact.OwnerId, write, region, ct);
            if (fields is null)
            {
                return new ContactBookResult { Errors = errors };
            }

            Apply(contact, write);
            await db.ApplyAsync(contact, fields, now, ct);
            await db.SaveChangesAsync(ct);

            // A new zone, number, owner or status moves the planned calls and their reminders.
            await Settlement.SettleAsync(db, id, Change.Contact, now, planner, ct, contact);
            return new ContactBookResult { Contact = contact };
        }, r => r.IsWritten, cancellationToken);
    }

    /// <summary>Deletes a contact with its gatekeepers, calls and plan (the schema's cascades), recorded in the audit log.</summary>
    public static Task<ContactBookResult> DeleteAsync(RingbackDbContext db, Editor editor, Guid id, int? expectedVersion, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(editor);
        return db.InTransactionAsync(async ct =>
        {
            var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (contact is null)
            {
                return new ContactBookResult { NotFound = true };
            }

            if (!await db.MayChangeAsync(editor.Role, editor.UserId, contact.OwnerId, ct))
            {
                return new ContactBookResult { Contact = contact, Forbidden = true };
            }

            var deleted = await db.Contacts.Where(c => c.Id == id && (expectedVersion == null || c.Version == expectedVersion)).ExecuteDeleteAsync(ct);
            if (deleted == 0)
            {
                return new ContactBookResult { Contact = contact, Stale = true };
            }

            db.Audit(editor.Actor, AuditActions.ContactDeleted, contact.DisplayName, null, now);
            await db.SaveChangesAsync(ct);
            return new ContactBookResult { Contact = contact };
        }, r => r.IsWritten, cancellationToken);
    }

    /// <summary>The fields checked, the references inside the organization, and the owner one the writer may give.</summary>
    private static async Task<(ContactFields? Fields, ValidationErrors Errors)> CheckAsync(RingbackDbContext db, Editor editor, Contact contact, Guid? currentOwner,
        ContactWrite write, string region, CancellationToken cancellationToken)
    {
        var checkedFields = ContactRules.Check(write.Draft, region);
        var errors = checkedFields.Errors;

        // References must point into the writer's own organization; the query filter makes anything else invisible.
        if (write.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, cancellationToken))
        {
            errors.Add("ownerId", "is not a user of your organization");
        }
        else if (!RoleMatrix.MayGive(editor.Role, editor.UserId, currentOwner, write.ReplacesOwner ? write.OwnerId : write.OwnerId ?? contact.OwnerId))
        {
            errors.Add("ownerId", "only a manager or an owner may give a contact to another rep (you may take one nobody owns)");
        }

        if (write.SetsReferrer && write.ReferredByContactId is { } referrer)
        {
            if (referrer == contact.Id)
            {
                errors.Add("referredByContactId", "a contact cannot refer themselves");
            }
            else if (!await db.Contacts.AnyAsync(c => c.Id == referrer, cancellationToken))
            {
                errors.Add("referredByContactId", "is not a contact in your contact book");
            }
        }

        return (errors.IsEmpty ? checkedFields.Value : null, errors);
    }

    private static void Apply(Contact contact, ContactWrite write)
    {
        contact.OwnerId = write.OwnerId ?? contact.OwnerId;
        if (write.SetsReferrer)
        {
            contact.ReferredByContactId = write.ReferredByContactId;
        }
    }
}
