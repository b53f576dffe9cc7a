using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Accounts;
using Ringback.Validation;

namespace Ringback.Data.Calls;

/// <summary>What became of a request to log, correct, delete or restore a call.</summary>
/// <param name="NotFound">No such call (or, when logging, no such contact) in the caller's organization.</param>
/// <param name="Stale">The call was changed since the version the caller asked to change (If-Match).</param>
public sealed record CallLogResult(Call? Call, ValidationErrors Errors, bool Created, bool NotFound, bool Stale = false)
{
    public bool IsValid => Call is not null;

    /// <summary>The name of the gatekeeper who answered a call just logged, for answering with the call as its timeline shows it.</summary>
    public string? AnsweredByName { get; init; }

    /// <summary>What the rep should know about a call that was logged: "05:00 your time, outside your hours" for a promise before they start.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    internal static CallLogResult Missing => new(null, new ValidationErrors(), Created: false, NotFound: true);

    internal static CallLogResult Changed(Call call) => new(call, new ValidationErrors(), Created: false, NotFound: false);
}

/// <summary>
/// Logs, corrects, deletes and restores calls for the API, the web pages and the CLI alike, so the rules are applied
/// in one place. Whatever changes, every fact derived from a contact's calls (attempt numbers, credits, status, the
/// plan) is rewritten from the calls as they now stand, as if they had been logged that way from the start.
/// </summary>
public static class CallLog
{
    /// <summary>How long a deleted call is offered for restoring on its contact's page.</summary>
    public static readonly Duration RestoreWindow = Duration.FromDays(30);

    /// <param name="id">A client-chosen id: logging the same id twice records the call once (the retry gets the first call back).</param>
    /// <param name="planner">Calling-hours rules and planner settings; the defaults when omitted.</param>
    /// <param name="defaultRegion">The country a new gatekeeper's number is read in when it has no country code.</param>
    public static Task<CallLogResult> LogAsync(RingbackDbContext db, Guid contactId, Guid userId, CallDraft draft, Guid? id, Instant now,
        CancellationToken cancellationToken, Planner.PlannerOptions? planner = null, string defaultRegion = "US") =>
        db.InTransactionAsync(ct => LogInTransactionAsync(db, contactId, userId, draft, id, now, planner ?? new(), defaultRegion, ct), r => r.IsValid, cancellationToken);

    /// <summary>Replaces a logged call's fields with the draft's (a field left out keeps nothing, except the time it started).</summary>
    /// <param name="expectedVersion">The version the caller read (If-Match): a call changed since is not overwritten.</param>
    public static Task<CallLogResult> CorrectAsync(RingbackDbContext db, Guid callId, Guid userId, CallDraft draft, int? expectedVersion, Instant now,
        CancellationToken cancellationToken, Planner.PlannerOptions? planner = null, string defaultRegion = "US") =>
        db.InTransactionAsync(ct => CorrectInTransactionAsync(db, callId, userId, draft, expectedVersion, now, planner ?? new(), defaultRegion, ct), r => r.IsValid, cancellationToken);

    /// <summary>Deletes a call: it counts for nothing from now on, and can be restored (who deleted it and when are kept).</summary>
    public static Task<CallLogResult> DeleteAsync(RingbackDbContext db, Guid callId, Guid userId, int? expectedVersion, Instant now,
        CancellationToken cancellationToken, Planner.PlannerOptions? planner = null) =>
        db.InTransactionAsync(async ct =>
        {
            var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is null)
            {
                return CallLogResult.Missing;
            }

            if (expectedVersion is { } expected && call.Version != expected)
            {
                return new CallLogResult(call, new ValidationErrors(), false, false, Stale: true);
            }

            call.DeletedAt = now;
            call.DeletedByUserId = userId;
            await db.SaveChangesAsync(ct);
            await Contacts.Settlement.SettleAsync(db, call.ContactId, Contacts.Change.Calls, now, planner ?? new(), ct);
            await Planner.Commitments.SyncAsync(db, call, now, ct);
            return CallLogResult.Changed(call);
        }, r => r.IsValid && !r.Stale, cancellationToken);

    /// <summary>Brings a deleted call back, and everything it earned with it.</summary>
    public static Task<CallLogResult> RestoreAsync(RingbackDbContext db, Guid callId, Instant now, CancellationToken cancellationToken, Planner.PlannerOptions? planner = null) =>
        db.InTransactionAsync(async ct =>
        {
            var call = await db.Calls.IgnoreQueryFilters([QueryFilters.Live]).FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is null)
            {
                return CallLogResult.Missing;
            }

            if (call.DeletedAt is not null)
            {
                call.DeletedAt = null;
                call.DeletedByUserId = null;
                await db.SaveChangesAsync(ct);
                await Contacts.Settlement.SettleAsync(db, call.ContactId, Contacts.Change.Calls, now, planner ?? new(), ct);
                await Planner.Commitments.SyncAsync(db, call, now, ct);
            }

            return CallLogResult.Changed(call);
        }, r => r.IsValid, cancellationToken);

    /// <summary>A contact's deleted calls still offered for restoring, newest deletion first.</summary>
    public static IQueryable<DeletedEntry> Deleted(RingbackDbContext db, Guid contactId, Instant now)
    {
        var since = now - RestoreWindow;
        return from call in db.Calls.IgnoreQueryFilters([QueryFilters.Live]).AsNoTracking()
               where call.ContactId == contactId && call.DeletedAt != null && call.DeletedAt >= since
               orderby call.DeletedAt descending
               join user in db.Users on call.DeletedByUserId equals user.Id into users
               from user in users.DefaultIfEmpty()
               select new DeletedEntry(call, user == null ? null : user.Name);
    }

    /// <summary>The call, a gatekeeper met on it, its contact's new status and the replanned follow-ups, written together.</summary>
    private static async Task<CallLogResult> LogInTransactionAsync(RingbackDbContext db, Guid contactId, Guid userId, CallDraft draft, Guid? id, Instant now,
        Planner.PlannerOptions planner, string defaultRegion, CancellationToken cancellationToken)
    {
        // One read answers both questions a client-chosen id raises: is this a retry of a call already logged for
        // this contact (answered again, not logged twice), or is the id taken by any other call — another contact's,
        // another organization's, a deleted one?
        var sameId = id is { } chosen
            ? await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == chosen, cancellationToken)
            : null;
        if (sameId is { DeletedAt: null } && sameId.ContactId == contactId && sameId.OrganizationId == db.OrganizationId)
        {
            return CallLogResult.Changed(sameId);
        }

        if (draft.ExternalId is { } externalId && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken) is { } delivered)
        {
            return CallLogResult.Changed(delivered);
        }

        var contact = await Planner.Plans.ContactAsync(db, contactId, cancellationToken);
        if (contact is null)
        {
            return CallLogResult.Missing;
        }

        var (fields, errors) = await CheckAsync(db, contact, userId, draft, before: null, now, planner, defaultRegion, cancellationToken);
        if (sameId is not null)
        {
            errors.Add("id", "is already used by another call");
        }

        if (!errors.IsEmpty)
        {
            return new CallLogResult(null, errors, false, false);
        }

        var call = new Call { Id = id ?? Guid.CreateVersion7(), ContactId = contactId, UserId = userId, CreatedAt = now };
        fields!.ApplyTo(call);
        db.Calls.Add(call);
        if (call.DncOverrideReason is not null)
        {
            // Calling a number on a do-not-call list is the one call the law cares about: the owners can see who and why.
            var rep = await db.Users.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? "unknown";
            Data.Accounts.AuditLog.Audit(db, new Data.Accounts.Actor(userId, rep), Ringback.Accounts.AuditActions.DoNotCallOverride, contact.DisplayName, call.DncOverrideReason, now);
        }

        contact.Status = ContactProgress.AfterCall(contact.Status, fields.Direction, fields.Outcome, fields.AppointmentStart is not null);
        contact.UpdatedAt = now;
        // The new call is written once, with its attempt number and credit already worked out among the contact's
        // calls: saved first and corrected after, the stats triggers counted it twice over (out and in again).
        if (draft.AskedNotToCall)
        {
            await Planner.DoNotCallRegister.ListAsync(db, contact, reason: null, now, cancellationToken);
        }

        await Contacts.Settlement.SettleAsync(db, contactId, Contacts.Change.Logged(call), now, planner, cancellationToken, contact);
        await Coach.HandOffs.MessageLeftAsync(db, contact, call, now, cancellationToken);

        // A call just made has no commitment item yet: there is one to make only if it committed to something.
        if (!string.IsNullOrWhiteSpace(call.Commitments))
        {
            await Planner.Commitments.SyncAsync(db, call, now, cancellationToken);
        }

        var answeredBy = call.AnsweredByGatekeeperId is { } gatekeeperId ? contact.Gatekeepers.FirstOrDefault(g => g.Id == gatekeeperId)?.Name : null;
        return new CallLogResult(call, errors, Created: true, NotFound: false) { AnsweredByName = answeredBy, Notes = await NotesAsync(db, contact, userId, call, planner, cancellationToken) };
    }

    private static async Task<CallLogResult> CorrectInTransactionAsync(RingbackDbContext db, Guid callId, Guid userId, CallDraft draft, int? expectedVersion, Instant now,
        Planner.PlannerOptions planner, string defaultRegion, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken);
        var contact = call is null ? null : await Planner.Plans.ContactAsync(db, call.ContactId, cancellationToken);
        if (call is null || contact is null)
        {
            return CallLogResult.Missing;
        }

        if (expectedVersion is { } expected && call.Version != expected)
        {
            return new CallLogResult(call, new ValidationErrors(), false, false, Stale: true);
        }

        // A correction keeps what the rep did not mean to change: when the call started, and where a telephony
        // system's record of it came from (so its redelivery still finds it).
        draft = draft with { StartedAt = draft.StartedAt ?? call.StartedAt, ExternalId = call.ExternalId };
        var (fields, errors) = await CheckAsync(db, contact, userId, draft, call, now, planner, defaultRegion, cancellationToken);
        if (!errors.IsEmpty)
        {
            return new CallLogResult(null, errors, false, false);
        }

        fields!.ApplyTo(call);
        call.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (draft.AskedNotToCall)
        {
            await Planner.DoNotCallRegister.ListAsync(db, contact, reason: null, now, cancellationToken);
        }

        await Contacts.Settlement.SettleAsync(db, contact.Id, Contacts.Change.Calls, now, planner, cancellationToken, contact);
        await Planner.Commitments.SyncAsync(db, call, now, cancellationToken);
        return CallLogResult.Changed(call);
    }

    /// <summary>
    /// The rules a call must meet, for a new call and a correction alike. A correction is held to what it changes:
    /// a promise it does not move is not re-checked against today's calling hours, nor a do-not-call listing made
    /// after the call against a call that was already allowed.
    /// </summary>
    private static async Task<(CallFields? Fields, ValidationErrors Errors)> CheckAsync(RingbackDbContext db, Contact contact, Guid userId,
        CallDraft draft, Call? before, Instant now, Planner.PlannerOptions planner, string defaultRegion, CancellationToken cancellationToken)
    {
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

            met = new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = contact.Id, Name = newcomer.Name ?? string.Empty, CreatedAt = now, UpdatedAt = now };
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
            answeredBy = contact.Gatekeepers.FirstOrDefault(g => g.Id == gatekeeperId);
            if (answeredBy is null)
            {
                errors.Add("answeredByGatekeeperId", "is not a gatekeeper of this contact");
            }
        }

        if (draft.ProspectAvailable?.Trim().Length > ContactRules.ShortTextMax)
        {
            errors.Add("prospectAvailable", $"must be at most {ContactRules.ShortTextMax} characters");
        }

        var fields = checkedCall.Value;

        // Honest by construction: a referral needs a referrer, a tag team a colleague's real conversation, and so on.
        if (fields is { Strategy: { } strategy } && (before is null || before.Strategy != strategy || before.StartedAt != fields.StartedAt)
            && await Coach.VoicemailDesk.DishonestyAsync(db, contact, before?.UserId ?? userId, strategy, fields.StartedAt, cancellationToken) is { } why)
        {
            errors.Add("strategy", why);
        }

        if (fields is { Direction: CallDirection.Outbound } && before is not { Direction: CallDirection.Outbound })
        {
            await CheckDoNotCallAsync(db, contact, fields, errors, cancellationToken);
        }

        if (fields?.PromisedNextCallAt is { } promised && promised != before?.PromisedNextCallAt)
        {
            CheckPromiseIsLawful(contact, promised, planner, errors);
        }

        // A meeting by phone keeps the same hours; one in person (a place given) is not a call, and no calling-hours rule governs it.
        if (fields is { AppointmentStart: { } start, AppointmentPlace: null } && start != before?.AppointmentStart)
        {
            CheckPromiseIsLawful(contact, start, planner, errors, "appointmentStart");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        if (met is not null)
        {
            db.Gatekeepers.Add(met);
        }
        else if (answeredBy is not null && !string.IsNullOrWhiteSpace(draft.ProspectAvailable))
        {
            answeredBy.AvailabilityNote = draft.ProspectAvailable.Trim();
            answeredBy.UpdatedAt = now;
        }

        return (fields, errors);
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

    /// <summary>A promise the place allows but the rep's own hours do not: allowed, and said (<see cref="Ringback.Planner.TimeCheck.RepNote"/>).</summary>
    private static async Task<IReadOnlyList<string>> NotesAsync(RingbackDbContext db, Contact contact, Guid userId, Call call, Planner.PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        if (call.PromisedNextCallAt is not { } promised || await db.UserAsync(userId, cancellationToken) is not { } rep)
        {
            return [];
        }

        return Planner.Places.For(contact, rep, planner).Check(promised).RepNote is { } note ? [$"Promised for {note}."] : [];
    }

    /// <summary>Never promise a call, or set a meeting, at a time the prospect's place forbids (<see cref="Ringback.Planner.ContactPlace.Check"/>).</summary>
    private static void CheckPromiseIsLawful(Contact contact, Instant promised, Planner.PlannerOptions planner, ValidationErrors errors, string field = "promisedNextCallAt")
    {
        if (Planner.Places.For(contact, null, planner).Check(promised).Refusal is { } refusal)
        {
            errors.Add(field, refusal);
        }
    }

    /// <summary>One call as its contact's timeline shows it, or null.</summary>
    public static async Task<TimelineEntry?> EntryAsync(RingbackDbContext db, Guid callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contactId = await db.Calls.Where(c => c.Id == callId).Select(c => (Guid?)c.ContactId).FirstOrDefaultAsync(cancellationToken);
        return contactId is null ? null : await Timeline(db, contactId.Value, callId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A contact's calls, newest first, with who answered and which rep called; or just the one call asked for.</summary>
    public static IQueryable<TimelineEntry> Timeline(RingbackDbContext db, Guid contactId, Guid? callId = null) =>
        from call in db.Calls.AsNoTracking()
        where call.ContactId == contactId && (callId == null || call.Id == callId)
        orderby call.StartedAt descending, call.Id descending
        join user in db.Users on call.UserId equals user.Id into users
        from user in users.DefaultIfEmpty()
            // A lookup per call, not a join: PostgreSQL joined by hashing every gatekeeper of the organization (9 of a
            // 500-call page's 12 ms with 20,000 of them; 2 ms for the page as a lookup, docs/benchmarks.md).
        select new TimelineEntry
        {
            Call = call,
            RepName = user == null ? null : user.Name,
            AnsweredByName = db.Gatekeepers.Where(g => g.Id == call.AnsweredByGatekeeperId).Select(g => g.Name).FirstOrDefault(),
        };
}

/// <summary>A call with the names its timeline shows. Made with an initializer, not a constructor, so that a query selecting
/// from it (<c>CallResponse.Projection</c>) reads only the columns it uses: EF sees through initializers, not constructors.</summary>
public sealed record TimelineEntry
{
    public required Call Call { get; init; }

    public string? RepName { get; init; }

    public string? AnsweredByName { get; init; }
}

/// <summary>A deleted call, with the name of the rep who deleted it.</summary>
public sealed record DeletedEntry(Call Call, string? DeletedByName);
