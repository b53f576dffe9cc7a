using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Validation;

namespace Ringback.Data.Calls;

/// <summary>What became of a request to log a call.</summary>
public sealed record CallLogResult(Call? Call, ValidationErrors Errors, bool Created, bool ContactMissing)
{
    public bool IsValid => Call is not null;
}

/// <summary>Logs calls for the API, the web pages and the CLI alike, so the rules are applied in one place.</summary>
public static class CallLog
{
    /// <param name="id">A client-chosen id: logging the same id twice records the call once (the retry gets the first call back).</param>
    /// <param name="planner">Calling-hours rules and planner settings; the defaults when omitted.</param>
    /// <param name="defaultRegion">The country a new gatekeeper's number is read in when it has no country code.</param>
    public static Task<CallLogResult> LogAsync(RingbackDbContext db, Guid contactId, Guid userId, CallDraft draft, Guid? id, Instant now,
        CancellationToken cancellationToken, Planner.PlannerOptions? planner = null, string defaultRegion = "US") =>
        db.InTransactionAsync(ct => LogInTransactionAsync(db, contactId, userId, draft, id, now, planner, defaultRegion, ct), r => r.IsValid, cancellationToken);

    /// <summary>The call, a gatekeeper met on it, its contact's new status and the replanned follow-ups, written together.</summary>
    private static async Task<CallLogResult> LogInTransactionAsync(RingbackDbContext db, Guid contactId, Guid userId, CallDraft draft, Guid? id, Instant now,
        Planner.PlannerOptions? planner, string defaultRegion, CancellationToken cancellationToken)
    {
        if (id is { } existingId && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == existingId && c.ContactId == contactId, cancellationToken) is { } existing)
        {
            return new CallLogResult(existing, new ValidationErrors(), Created: false, ContactMissing: false);
        }

        if (draft.ExternalId is { } externalId && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken) is { } delivered)
        {
            return new CallLogResult(delivered, new ValidationErrors(), Created: false, ContactMissing: false);
        }

        planner ??= new Planner.PlannerOptions();
        var contact = await db.Contacts.Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return new CallLogResult(null, new ValidationErrors(), false, ContactMissing: true);
        }

        // Whoever answered may be met for the first time on this call: they get their id now, so the call's rules
        // (a message left with a gatekeeper names the gatekeeper) hold for them like for anyone already known.
        Gatekeeper? met = null;
        var errors = new ValidationErrors();
        if (draft.NewGatekeeper is { } newcomer)
        {
            var gatekeeper = GatekeeperRules.Check(newcomer with { AvailabilityNote = newcomer.AvailabilityNote ?? draft.ProspectAvailable }, defaultRegion);
            foreach (var field in gatekeeper.Errors.Fields)
            {
                errors.Add("newGatekeeper." + field, string.Join(" ", gatekeeper.Errors.For(field)));
            }

            met = new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = contactId, Name = newcomer.Name ?? string.Empty, CreatedAt = now, UpdatedAt = now };
            gatekeeper.Value?.ApplyTo(met);
            draft = draft with { AnsweredByGatekeeperId = met.Id };
        }

        var checkedCall = CallRules.Check(draft, now);
        foreach (var field in checkedCall.Errors.Fields)
        {
            errors.Add(field, string.Join(" ", checkedCall.Errors.For(field)));
        }

        var answeredBy = met;
        if (met is null && draft.AnsweredByGatekeeperId is { } gatekeeperId)
        {
            answeredBy = await db.Gatekeepers.FirstOrDefaultAsync(g => g.Id == gatekeeperId && g.ContactId == contactId, cancellationToken);
            if (answeredBy is null)
            {
                errors.Add("answeredByGatekeeperId", "is not a gatekeeper of this contact");
            }
        }

        if (draft.ProspectAvailable?.Trim().Length > ContactRules.ShortTextMax)
        {
            errors.Add("prospectAvailable", $"must be at most {ContactRules.ShortTextMax} characters");
        }

        // Honest by construction: a referral needs a referrer, a tag team a colleague's real conversation, and so on.
        if (checkedCall.Value is { Strategy: { } strategy } checkedFields
            && await Coach.VoicemailDesk.DishonestyAsync(db, contact, userId, strategy, checkedFields.StartedAt, cancellationToken) is { } why)
        {
            errors.Add("strategy", why);
        }

        if (checkedCall.Value is { } outbound && outbound.Direction == CallDirection.Outbound)
        {
            await CheckDoNotCallAsync(db, contact, outbound, errors, cancellationToken);
        }

        if (checkedCall.Value?.PromisedNextCallAt is { } promised)
        {
            CheckPromiseIsLawful(contact, promised, planner, errors);
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
        if (met is not null)
        {
            db.Gatekeepers.Add(met);
        }
        else if (answeredBy is not null)
        {
            if (!string.IsNullOrWhiteSpace(draft.ProspectAvailable))
            {
                answeredBy.AvailabilityNote = draft.ProspectAvailable.Trim();
                answeredBy.UpdatedAt = now;
            }
        }

        db.Calls.Add(call);
        contact.Status = ContactProgress.AfterCall(contact.Status, fields.Direction, fields.Outcome, fields.AppointmentStart is not null);
        contact.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await Callbacks.Credits.RecomputeAsync(db, contact, planner.CreditWindow, cancellationToken);
        if (draft.AskedNotToCall)
        {
            await Planner.DoNotCallRegister.MarkAsync(db, contact, reason: null, now, planner, cancellationToken);
        }
        else
        {
            await Planner.Plans.ReplanAsync(db, contactId, now, planner, cancellationToken);
        }
        return new CallLogResult(call, errors, Created: true, ContactMissing: false);
    }

    /// <summary>A number on a do-not-call list is called only with a reason, which is kept with the call.</summary>
    private static async Task CheckDoNotCallAsync(RingbackDbContext db, Contact contact, CallFields call, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (call.DncOverrideReason is not null)
        {
            return;
        }

        var listed = await Planner.DoNotCallRegister.ListedAsync(db, [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone], cancellationToken);
        if (listed.Count > 0 || contact.Status == ContactStatus.DoNotCall)
        {
            var where = listed.Count > 0 ? $"{listed[0].Number} is on {listed[0].ListName}" : $"{contact.DisplayName} is marked do-not-call";
            errors.Add("dncOverrideReason", $"{where}: give a reason to log a call to them anyway (it is kept with the call)");
        }
    }

    /// <summary>Never promise a call at a time the law forbids where the prospect is.</summary>
    private static void CheckPromiseIsLawful(Contact contact, Instant promised, Planner.PlannerOptions planner, ValidationErrors errors)
    {
        var place = Planner.Places.For(contact, null, planner);
        var law = place.Law;
        if (Ringback.Planner.CallingTimes.Blocking(promised, law) is { } rule)
        {
            var next = Ringback.Planner.CallingTimes.NextAllowed(promised, law);
            var local = (Instant i) => i.InZone(place.Zone).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            errors.Add("promisedNextCallAt", $"{local(promised)} their time is outside lawful calling hours ({rule.Name}: {rule.Windows})" +
                (next is { } n ? $"; the next lawful time is {local(n)}" : string.Empty));
        }
    }

    /// <summary>A contact's calls, newest first, with who answered and which rep called; or just the one call asked for.</summary>
    /// <summary>One call as its contact's timeline shows it, or null.</summary>
    public static async Task<TimelineEntry?> EntryAsync(RingbackDbContext db, Guid callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contactId = await db.Calls.Where(c => c.Id == callId).Select(c => (Guid?)c.ContactId).FirstOrDefaultAsync(cancellationToken);
        return contactId is null ? null : await Timeline(db, contactId.Value, callId).FirstOrDefaultAsync(cancellationToken);
    }

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
