using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Contacts;
using Ringback.Data.Accounts;

namespace Ringback.Data.Coach;

/// <summary>A template as offered: a rep's own (with its id) or a built-in one.</summary>
public sealed record TemplateChoice(Guid? Id, VoicemailTemplate Template)
{
    public bool BuiltIn => Id is null;
}

/// <summary>The prospect, the rep and what the records allow a message to claim, at one moment.</summary>
public sealed record ProspectFacts(Contact Contact, User Rep, DateTimeZone Zone, Caller Caller, Prospect Prospect, HonestyFacts Honesty)
{
    public string? ReferrerName => Honesty.ReferrerName;
}

/// <summary>What the rep asks the composer for.</summary>
public sealed record ComposeRequest(Strategy Strategy, Guid? TemplateId = null, string? Reason = null, string? Benefit = null,
    Instant? NextCallAt = null, Guid? ReferenceClientId = null);

/// <summary>A composed message with the coach's reading of it, or why the strategy can't be used.</summary>
public sealed record ComposeResult(StrategyOption Option, TemplateChoice? Template, ComposedMessage? Message, CoachReport? Report, string? Error)
{
    public bool IsComposed => Message is not null;
}

/// <summary>
/// Reads what the composer and the honesty checks need from storage, in a handful of indexed queries, and
/// hands it to the pure domain (<see cref="StrategyOptions"/>, <see cref="Composer"/>, <see cref="MessageCoach"/>).
/// </summary>
public static class VoicemailDesk
{
    private const int MaxReferences = 200;

    public static async Task<ProspectFacts?> LoadAsync(RingbackDbContext db, Guid contactId, Guid userId, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Company).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        var rep = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return contact is null || rep is null ? null : await LoadAsync(db, contact, rep, at, cancellationToken);
    }

    /// <summary>The same, for a contact and rep the caller has already read.</summary>
    public static async Task<ProspectFacts> LoadAsync(RingbackDbContext db, Contact contact, User rep, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(rep);
        var zone = await Planner.Places.ZoneAsync(db, contact, rep, cancellationToken);
        var honesty = await HonestyAsync(db, contact, rep.Id, at, zone, cancellationToken);
        var caller = new Caller(rep.Name, rep.CompanyName, rep.CallbackPhone, rep.AfterHoursPhone, rep.ReachableHours);
        var prospect = new Prospect(contact.Salutation, contact.FirstName, contact.LastName, contact.Company?.Name, honesty.ProspectIndustry);
        return new ProspectFacts(contact, rep, zone, caller, prospect, honesty);
    }

    /// <summary>Why a strategy may not be logged for this call, or null when the records back it.</summary>
    public static async Task<string?> DishonestyAsync(RingbackDbContext db, Contact contact, Guid userId, Strategy strategy, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        // Only what this strategy's honesty rests on is read: a vague or warm-cold message rests on nothing.
        if (strategy is Strategy.Vague or Strategy.WarmColdCall)
        {
            return null;
        }

        var zone = strategy == Strategy.StraightAheadPitch
            ? await Planner.Places.ZoneAsync(db, contact, await db.UserAsync(userId, cancellationToken), cancellationToken)
            : DateTimeZone.Utc;
        var option = StrategyOptions.For(strategy, await HonestyAsync(db, contact, userId, at, zone, cancellationToken, only: strategy));
        return option.Available ? null : option.Reason;
    }

    public static async Task<List<TemplateChoice>> TemplatesAsync(RingbackDbContext db, Guid userId, Strategy? strategy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = await db.VoicemailTemplates.AsNoTracking()
            .Where(t => t.UserId == userId && (strategy == null || t.Strategy == strategy))
            .OrderBy(t => t.Strategy).ThenByDescending(t => t.UpdatedAt)
            .ToListAsync(cancellationToken);
        var builtIn = VoicemailTemplates.BuiltIn.Where(t => strategy is null || t.Strategy == strategy);
        return [.. own.Select(t => new TemplateChoice(t.Id, t.ToTemplate())).Concat(builtIn.Select(t => new TemplateChoice(null, t)))
            .OrderBy(c => c.Template.Strategy)];
    }

    public static async Task<ComposeResult> ComposeAsync(RingbackDbContext db, ProspectFacts facts, ComposeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(request);
        var option = StrategyOptions.For(request.Strategy, facts.Honesty);
        if (!option.Available)
        {
            return new ComposeResult(option, null, null, null, option.Reason);
        }

        var reference = option.Reference;
        if (request.ReferenceClientId is { } chosen)
        {
            reference = facts.Honesty.NameableReferences.FirstOrDefault(r => r.Id == chosen);
            if (reference is null)
            {
                return new ComposeResult(option, null, null, null, "That reference client does not exist or may not be named.");
            }
        }

        var templates = await TemplatesAsync(db, facts.Rep.Id, request.Strategy, cancellationToken);
        var template = request.TemplateId is { } id ? templates.FirstOrDefault(t => t.Id == id) : templates[0];
        if (template is null)
        {
            return new ComposeResult(option, null, null, null, "That template is not one of yours for this strategy.");
        }

        var context = ContextFor(facts, request.Strategy) with { ReferenceResult = reference?.Result };

        // The composer keeps the coach's promise: the shorter form is chosen before the coach would say "too long".
        var message = Composer.ComposeToFit(template.Template, new ComposeInput
        {
            Caller = facts.Caller,
            Prospect = facts.Prospect,
            ReferrerName = facts.ReferrerName,
            Reference = reference,
            Earlier = option.Earlier,
            NextCall = request.NextCallAt?.InZone(facts.Zone),
            Reason = request.Reason,
            Benefit = request.Benefit,
            Now = facts.Honesty.Now,
        }, m => MessageCoach.Fits(m.Text));
        var report = MessageCoach.Review(message.Text, context with { Reason = message.Reason, Benefit = message.Benefit, ReferenceResult = message.ReferenceResult });
        return new ComposeResult(option with { Reference = reference }, template, message, report, null);
    }

    /// <summary>What the coach should know about a message to this prospect.</summary>
    public static CoachContext ContextFor(ProspectFacts facts, Strategy? strategy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new CoachContext
        {
            Strategy = strategy,
            CallerName = facts.Rep.Name,
            ReferrerName = facts.ReferrerName,
            CallerNumbers = [.. new[] { facts.Rep.CallbackPhone, facts.Rep.AfterHoursPhone }.OfType<string>()],
            FollowUp = facts.Honesty.AttemptsThisMonth > 0 || facts.Honesty.LatestPromise is not null,
        };
    }

    /// <param name="only">The one strategy being checked, when the facts are for it alone: the others' facts are not read.</param>
    private static async Task<HonestyFacts> HonestyAsync(RingbackDbContext db, Contact contact, Guid userId, Instant at, DateTimeZone zone, CancellationToken cancellationToken,
        Strategy? only = null)
    {
        bool Needs(params Strategy[] strategies) => only is null || strategies.Contains(only.Value);

        var referrer = !Needs(Strategy.Referral) ? null : contact.ReferredByName ?? (contact.ReferredByContactId is { } referrerId
            ? await db.Contacts.Where(c => c.Id == referrerId).Select(c => (c.FirstName == null ? "" : c.FirstName + " ") + c.LastName).FirstOrDefaultAsync(cancellationToken)
            : null);
        var industry = !Needs(Strategy.ThirdParty, Strategy.Association) ? null : contact.Industry ?? contact.Company?.Industry ?? (contact.Company is null && contact.CompanyId is { } companyId
            ? await db.Companies.Where(c => c.Id == companyId).Select(c => c.Industry).FirstOrDefaultAsync(cancellationToken)
            : null);

        var calls = db.Calls.AsNoTracking().Where(c => c.ContactId == contact.Id && c.StartedAt <= at);
        var colleagues = !Needs(Strategy.TagTeam) ? [] : await calls
            .Where(c => c.Outcome == CallOutcome.Connected && c.UserId != userId)
            .OrderByDescending(c => c.StartedAt)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { u.Name, c.StartedAt })
            .Take(5)
            .ToListAsync(cancellationToken);
        var latestPromise = !Needs(Strategy.AsPromised) ? null : await calls.Where(c => c.PromisedNextCallAt != null)
            .OrderByDescending(c => c.StartedAt).Select(c => c.PromisedNextCallAt).FirstOrDefaultAsync(cancellationToken);
        var monthStart = at.InZone(zone).Date.With(DateAdjusters.StartOfMonth).AtStartOfDayInZone(zone).ToInstant();
        var attempts = !Needs(Strategy.StraightAheadPitch) ? 0 : await calls.CountAsync(c => c.Direction == CallDirection.Outbound && c.StartedAt >= monthStart, cancellationToken);
        var references = !Needs(Strategy.ThirdParty, Strategy.Association) ? [] : await db.ReferenceClients.AsNoTracking().Where(r => r.MayName)
            .OrderBy(r => r.CompanyName).Take(MaxReferences)
            .Select(r => new ReferenceOption(r.Id, r.CompanyName, r.Industry, r.Result))
            .ToListAsync(cancellationToken);

        return new HonestyFacts
        {
            ProspectName = contact.DisplayName,
            ReferrerName = string.IsNullOrWhiteSpace(referrer) ? null : referrer.Trim(),
            ProspectIndustry = industry,
            ConversationsByColleagues = [.. colleagues.Select(c => new EarlierConversation(c.Name, c.StartedAt))],
            NameableReferences = references,
            LatestPromise = latestPromise,
            AttemptsThisMonth = attempts,
            Now = at,
        };
    }
}
