using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Data.Calls;
using Ringback.Phones;
using Ringback.Validation;

namespace Ringback.Data.Callbacks;

/// <summary>A call that came in, however Ringback heard of it: a click, the API, the CLI, a webhook, a CDR.</summary>
public sealed record InboundCall
{
    /// <summary>The caller's number, written any way; may be "anonymous".</summary>
    public string? From { get; init; }

    /// <summary>The number they called: a rep's number says whose call it is.</summary>
    public string? To { get; init; }

    public string? CallerName { get; init; }

    /// <summary>Set when a rep says who it was (the "they called back" button): no number matching then.</summary>
    public Guid? ContactId { get; init; }

    public Guid? GatekeeperId { get; init; }

    /// <summary>The rep who took it; otherwise the one whose number was called, the contact's owner, or <see cref="FallbackUserId"/>.</summary>
    public Guid? UserId { get; init; }

    /// <summary>Who gets a call no number says is someone's: a webhook's chosen rep; the organization's owner when not set.</summary>
    public Guid? FallbackUserId { get; init; }

    public Instant? StartedAt { get; init; }

    public int? DurationSeconds { get; init; }

    /// <summary>False for a missed call: it still counts as a callback.</summary>
    public bool Answered { get; init; } = true;

    public string? Notes { get; init; }

    public required string Source { get; init; }

    public string? ExternalId { get; init; }
}

/// <summary>
/// What became of an inbound call: logged on a contact (and credited), put in the inbox, or refused. A call from a
/// number several contacts have waits in the inbox with them as <see cref="Candidates"/> (latest message first).
/// </summary>
public sealed record CaptureResult(Call? Call, UnmatchedCall? Inbox, ValidationErrors Errors, bool Duplicate, MatchedBy? MatchedBy)
{
    public IReadOnlyList<Guid> Candidates { get; init; } = [];

    public bool IsValid => Errors.IsEmpty && (Call is not null || Inbox is not null);
}

/// <summary>The one way in for calls from prospects: matched, logged through <see cref="CallLog"/>, credited.</summary>
public static class Inbound
{
    public static Task<CaptureResult> CaptureAsync(RingbackDbContext db, InboundCall inbound, string defaultRegion, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return Idempotent.OnceAsync(db, inbound.ExternalId, () =>
            db.InTransactionAsync(ct => CaptureInTransactionAsync(db, inbound, defaultRegion, now, planner, ct), r => r.IsValid, cancellationToken));
    }

    private static async Task<CaptureResult> CaptureInTransactionAsync(RingbackDbContext db, InboundCall inbound, string defaultRegion, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (inbound.ExternalId is { } externalId)
        {
            if (await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken) is { } call)
            {
                return new(call, null, errors, Duplicate: true, null);
            }

            if (await db.UnmatchedCalls.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken) is { } waiting)
            {
                return new(null, waiting, errors, Duplicate: true, null);
            }
        }

        var startedAt = inbound.StartedAt ?? now;
        var from = Read(inbound.From, defaultRegion);
        MatchCandidate? match;
        if (inbound.ContactId is { } contactId)
        {
            match = new MatchCandidate(contactId, inbound.GatekeeperId, inbound.GatekeeperId is null ? MatchedBy.ContactNumber : MatchedBy.GatekeeperNumber, null);
        }
        else if (from.Number is not { } number)
        {
            if (string.IsNullOrWhiteSpace(inbound.From))
            {
                errors.Add("from", "is required: the number that called, or the contact it was");
                return new(null, null, errors, false, null);
            }

            if (inbound.Source is "web" or "api" or "cli")
            {
                // A person typed it: tell them, rather than filing a typo in the inbox.
                errors.Add("from", from.Error ?? "is not a phone number");
                return new(null, null, errors, false, null);
            }

            return new(null, await ToInboxAsync(db, inbound, inbound.From.Trim(), startedAt, now, "the caller's number was withheld or unreadable", defaultRegion, cancellationToken), errors, false, null);
        }
        else
        {
            var chosen = CallerMatch.Choose(await CandidatesAsync(db, number.E164, cancellationToken), startedAt, planner.CreditWindow);
            if (chosen.Match is null)
            {
                return new(null, await ToInboxAsync(db, inbound, number.E164, startedAt, now, chosen.WhyNot!, defaultRegion, cancellationToken), errors, false, null)
                {
                    Candidates = [.. chosen.Candidates.Select(c => c.ContactId)],
                };
            }

            match = chosen.Match;
        }

        var userId = inbound.UserId ?? await RepForAsync(db, inbound.To, match.ContactId, inbound.FallbackUserId, defaultRegion, cancellationToken);
        var draft = Draft(inbound.Answered, startedAt, inbound.DurationSeconds, match.GatekeeperId, inbound.Notes, inbound.ExternalId);
        var logged = await CallLog.LogAsync(db, match.ContactId, userId, draft, id: null, now, cancellationToken, planner);
        if (logged.NotFound)
        {
            logged.Errors.Add("contactId", "is not a contact here");
        }

        return logged.IsValid
            ? new(logged.Call, null, logged.Errors, Duplicate: !logged.Created, match.By)
            : new(null, null, logged.Errors, false, null);
    }

    /// <summary>A call in as the call log takes it: answered is a conversation, missed is a call we did not pick up.</summary>
    internal static CallDraft Draft(bool answered, Instant startedAt, int? durationSeconds, Guid? gatekeeperId, string? notes, string? externalId) => new()
    {
        Direction = nameof(CallDirection.Inbound),
        Outcome = answered ? nameof(CallOutcome.Connected) : nameof(CallOutcome.NoAnswer),
        StartedAt = startedAt,
        DurationSeconds = durationSeconds,
        AnsweredByGatekeeperId = gatekeeperId,
        Notes = notes,
        ExternalId = externalId,
    };

    private static PhoneParseResult Read(string? number, string defaultRegion) =>
        string.IsNullOrWhiteSpace(number) ? PhoneParseResult.Fail("is required") : PhoneNumberParser.Parse(number, defaultRegion);

    /// <summary>Everyone who has this number: as their own, as their gatekeeper's, or as their company's main line.</summary>
    public static async Task<List<MatchCandidate>> CandidatesAsync(RingbackDbContext db, string e164, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = await db.Contacts.AsNoTracking()
            .Where(c => c.DirectPhone == e164 || c.MobilePhone == e164 || c.AfterHoursPhone == e164)
            .Select(c => new { ContactId = c.Id, GatekeeperId = (Guid?)null, By = MatchedBy.ContactNumber })
            .Take(50).ToListAsync(cancellationToken);
        var gatekeepers = await db.Gatekeepers.AsNoTracking()
            .Where(g => g.Phone == e164)
            .Select(g => new { g.ContactId, GatekeeperId = (Guid?)g.Id, By = MatchedBy.GatekeeperNumber })
            .Take(50).ToListAsync(cancellationToken);
        var companyLine = await (from company in db.Companies.AsNoTracking()
                                 where company.MainPhone == e164
                                 join contact in db.Contacts.AsNoTracking() on company.Id equals contact.CompanyId
                                 select new { ContactId = contact.Id, GatekeeperId = (Guid?)null, By = MatchedBy.CompanyLine })
            .Take(50).ToListAsync(cancellationToken);
        var all = own.Concat(gatekeepers).Concat(companyLine).ToList();
        var ids = all.Select(c => c.ContactId).Distinct().ToList();
        var lastMessages = await db.Calls.AsNoTracking()
            .Where(c => ids.Contains(c.ContactId) && c.Direction == CallDirection.Outbound
                && (c.Outcome == CallOutcome.VoicemailLeft || c.Outcome == CallOutcome.GatekeeperMessage))
            .GroupBy(c => c.ContactId)
            .Select(g => new { ContactId = g.Key, At = g.Max(c => c.StartedAt) })
            .ToDictionaryAsync(x => x.ContactId, x => x.At, cancellationToken);
        return [.. all.Select(c => new MatchCandidate(c.ContactId, c.GatekeeperId, c.By, lastMessages.TryGetValue(c.ContactId, out var at) ? at : null))];
    }

    /// <summary>Whose call it is: the rep whose number it was, else the contact's owner, else the fallback, else the organization's owner.</summary>
    internal static async Task<Guid> RepForAsync(RingbackDbContext db, string? ourNumber, Guid? contactId, Guid? fallback, string defaultRegion,
        CancellationToken cancellationToken)
    {
        if (PhoneNumberParser.TryParse(ourNumber, defaultRegion) is { } called
            && await db.Users.AsNoTracking().Where(u => u.CallbackPhone == called.E164 || u.AfterHoursPhone == called.E164)
                .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken) is { } rep)
        {
            return rep;
        }

        if (contactId is not null
            && await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.OwnerId).FirstOrDefaultAsync(cancellationToken) is { } owner)
        {
            return owner;
        }

        if (fallback is { } chosen)
        {
            return chosen;
        }

        return await db.Users.AsNoTracking().OrderBy(u => u.Role == UserRole.Owner ? 0 : 1).ThenBy(u => u.CreatedAt).Select(u => u.Id).FirstAsync(cancellationToken);
    }

    private static async Task<UnmatchedCall> ToInboxAsync(RingbackDbContext db, InboundCall inbound, string from, Instant startedAt, Instant now, string reason,
        string defaultRegion, CancellationToken cancellationToken)
    {
        var item = new UnmatchedCall
        {
            Id = Guid.CreateVersion7(),
            FromNumber = Clip(from, UnmatchedCall.NumberMax)!,
            CallerName = Clip(inbound.CallerName?.Trim(), 100),
            ToNumber = Clip(inbound.To?.Trim(), UnmatchedCall.NumberMax),
            UserId = inbound.UserId ?? await RepForAsync(db, inbound.To, null, inbound.FallbackUserId, defaultRegion, cancellationToken),
            StartedAt = startedAt,
            DurationSeconds = Math.Clamp(inbound.DurationSeconds ?? 0, 0, (int)CallRules.LongestCall.TotalSeconds),
            Answered = inbound.Answered,
            Source = inbound.Source,
            ExternalId = inbound.ExternalId,
            Reason = Clip(reason, 200)!,
            CreatedAt = now,
        };
        db.UnmatchedCalls.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}
