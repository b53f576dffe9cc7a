using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Validation;

namespace Ringback.Data;

/// <summary>What became of a request to log a call.</summary>
public sealed record CallLogResult(Call? Call, ValidationErrors Errors, bool Created, bool ContactMissing)
{
    public bool IsValid => Call is not null;
}

/// <summary>Logs calls for the API, the web pages and the CLI alike, so the rules are applied in one place.</summary>
public static class CallLog
{
    /// <param name="id">A client-chosen id: logging the same id twice records the call once (the retry gets the first call back).</param>
    public static async Task<CallLogResult> LogAsync(RingbackDbContext db, Guid contactId, Guid userId, CallDraft draft, Guid? id, Instant now, CancellationToken cancellationToken)
    {
        if (id is { } existingId && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == existingId && c.ContactId == contactId, cancellationToken) is { } existing)
        {
            return new CallLogResult(existing, new ValidationErrors(), Created: false, ContactMissing: false);
        }

        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return new CallLogResult(null, new ValidationErrors(), false, ContactMissing: true);
        }

        var checkedCall = CallRules.Check(draft, now);
        var errors = checkedCall.Errors;
        if (draft.AnsweredByGatekeeperId is { } gatekeeperId
            && !await db.Gatekeepers.AnyAsync(g => g.Id == gatekeeperId && g.ContactId == contactId, cancellationToken))
        {
            errors.Add("answeredByGatekeeperId", "is not a gatekeeper of this contact");
        }

        // Honest by construction: a referral needs a referrer, a tag team a colleague's real conversation, and so on.
        if (checkedCall.Value is { Strategy: { } strategy } checkedFields
            && await Coach.VoicemailDesk.DishonestyAsync(db, contact, userId, strategy, checkedFields.StartedAt, cancellationToken) is { } why)
        {
            errors.Add("strategy", why);
        }

        if (id is { } newId && await db.Calls.IgnoreQueryFilters().AnyAsync(c => c.Id == newId, cancellationToken))
        {
            errors.Add("id", "is already used by another call");
        }

        if (!errors.IsEmpty)
        {
            return new CallLogResult(null, errors, false, false);
        }

        var fields = checkedCall.Value!;
        var call = new Call { Id = id ?? Guid.CreateVersion7(), ContactId = contactId, UserId = userId, CreatedAt = now };
        fields.ApplyTo(call);
        db.Calls.Add(call);
        contact.Status = ContactProgress.AfterCall(contact.Status, fields.Direction, fields.Outcome, fields.AppointmentStart is not null);
        contact.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new CallLogResult(call, errors, Created: true, ContactMissing: false);
    }

    /// <summary>A contact's calls, newest first, with who answered and which rep called; or just the one call asked for.</summary>
    public static IQueryable<TimelineEntry> Timeline(RingbackDbContext db, Guid contactId, Guid? callId = null) =>
        from call in db.Calls.AsNoTracking()
        where call.ContactId == contactId && (callId == null || call.Id == callId)
        orderby call.StartedAt descending, call.Id descending
        join user in db.Users on call.UserId equals user.Id into users
        from user in users.DefaultIfEmpty()
        join gatekeeper in db.Gatekeepers on call.AnsweredByGatekeeperId equals gatekeeper.Id into gatekeepers
        from gatekeeper in gatekeepers.DefaultIfEmpty()
        select new TimelineEntry(call, user == null ? null : user.Name, gatekeeper == null ? null : gatekeeper.Name);
}

public sealed record TimelineEntry(Call Call, string? RepName, string? AnsweredByName);
