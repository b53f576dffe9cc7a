using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Data.Calls;
using Ringback.Phones;
using Ringback.Validation;

namespace Ringback.Data.Callbacks;

/// <summary>What a phone system's report of a call came to.</summary>
public enum EventFate
{
    Logged,
    AlreadyLogged,
    Inbox,
    Ignored,
    Refused,
}

public sealed record EventResult(EventFate Fate, Call? Call, UnmatchedCall? Inbox, string? Why, ValidationErrors Errors);

/// <summary>
/// Calls reported by a phone system (a Twilio webhook, an Asterisk CDR file): calls in go through <see cref="Inbound"/>
/// and are credited like any callback; calls out to a contact are logged on them; anything else is left alone.
/// </summary>
public static class TelephonyCapture
{
    public static async Task<EventResult> CaptureAsync(RingbackDbContext db, TelephonyEvent reported, Guid? fallbackUserId, string defaultRegion, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reported);
        if (reported.Direction == CallDirection.Inbound)
        {
            var inbound = await Inbound.CaptureAsync(db, new InboundCall
            {
                From = reported.From,
                To = reported.To,
                CallerName = reported.CallerName,
                StartedAt = reported.StartedAt,
                DurationSeconds = reported.DurationSeconds,
                Answered = reported.Outcome == CallOutcome.Connected,
                Source = reported.Source,
                ExternalId = reported.ExternalId,
                FallbackUserId = fallbackUserId,
            }, defaultRegion, now, planner, cancellationToken);
            return inbound switch
            {
                { Duplicate: true } => new(EventFate.AlreadyLogged, inbound.Call, inbound.Inbox, null, inbound.Errors),
                { Call: { } call } => new(EventFate.Logged, call, null, null, inbound.Errors),
                { Inbox: { } item } => new(EventFate.Inbox, null, item, item.Reason, inbound.Errors),
                _ => new(EventFate.Refused, null, null, inbound.Errors.ToString(), inbound.Errors),
            };
        }

        return await Idempotent.OnceAsync(db, reported.ExternalId, () => db.InTransactionAsync(
            ct => OutboundAsync(db, reported, fallbackUserId, defaultRegion, now, planner, ct), r => r.Fate != EventFate.Refused, cancellationToken));
    }

    private static async Task<EventResult> OutboundAsync(RingbackDbContext db, TelephonyEvent reported, Guid? fallbackUserId, string defaultRegion, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        var none = new ValidationErrors();
        if (await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == reported.ExternalId, cancellationToken) is { } logged)
        {
            return new(EventFate.AlreadyLogged, logged, null, null, none);
        }

        if (PhoneNumberParser.TryParse(reported.To, defaultRegion) is not { } number)
        {
            return new(EventFate.Ignored, null, null, $"'{reported.To}' is not a prospect's number", none);
        }

        var chosen = CallerMatch.Choose(await Inbound.CandidatesAsync(db, number.E164, cancellationToken), reported.StartedAt, planner.CreditWindow);
        if (chosen.Match is not { } match)
        {
            // A call out to someone who is not a prospect (a supplier, a colleague) is none of Ringback's business.
            return new(EventFate.Ignored, null, null, $"a call out to {number.E164}: {chosen.WhyNot}", none);
        }

        var contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == match.ContactId, cancellationToken);
        var listed = await Planner.DoNotCallRegister.ListedAsync(db, [contact.DirectPhone, contact.MobilePhone, contact.AfterHoursPhone, number.E164], cancellationToken);
        var draft = new CallDraft
        {
            Direction = nameof(CallDirection.Outbound),
            Outcome = reported.Outcome.ToString(),
            StartedAt = reported.StartedAt,
            DurationSeconds = reported.DurationSeconds,
            ExternalId = reported.ExternalId,
            // The call has been made; refusing to record it would hide it. It is recorded, and marked for audit.
            DncOverrideReason = listed.Count > 0 || contact.Status == Ringback.Contacts.ContactStatus.DoNotCall
                ? $"made outside Ringback ({reported.Source}) to a number on a do-not-call list"
                : null,
        };
        var userId = await Inbound.RepForAsync(db, reported.From, contact.Id, fallbackUserId, defaultRegion, cancellationToken);
        var result = await CallLog.LogAsync(db, contact.Id, userId, draft, id: null, now, cancellationToken, planner);
        return result.IsValid
            ? new(result.Created ? EventFate.Logged : EventFate.AlreadyLogged, result.Call, null, null, none)
            : new(EventFate.Refused, null, null, result.Errors.ToString(), result.Errors);
    }
}
