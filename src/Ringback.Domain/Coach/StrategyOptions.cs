using NodaTime;
using Ringback.Calls;
using Ringback.Validation;

namespace Ringback.Coach;

/// <summary>A reference client the rep may name.</summary>
public sealed record ReferenceOption(Guid Id, string Company, string Industry, string? Result);

/// <summary>A real earlier conversation with the prospect by a colleague: what makes a tag team honest.</summary>
public sealed record EarlierConversation(string RepName, Instant At);

/// <summary>What the records say about a prospect that decides which strategies can be used honestly.</summary>
public sealed record HonestyFacts
{
    public string ProspectName { get; init; } = "this prospect";
    public string? ReferrerName { get; init; }
    public string? ProspectIndustry { get; init; }

    /// <summary>Connected calls with the prospect by someone other than the rep, newest first.</summary>
    public IReadOnlyList<EarlierConversation> ConversationsByColleagues { get; init; } = [];

    /// <summary>Reference clients marked as nameable.</summary>
    public IReadOnlyList<ReferenceOption> NameableReferences { get; init; } = [];

    /// <summary>The newest promise of a next call made to the prospect, if any.</summary>
    public Instant? LatestPromise { get; init; }

    /// <summary>Outbound attempts to the prospect so far this month, for the straight-ahead pitch.</summary>
    public int AttemptsThisMonth { get; init; }

    public required Instant Now { get; init; }
}

/// <summary>A strategy as offered to the rep: usable or not, why, and what it would draw on.</summary>
public sealed record StrategyOption(Strategy Strategy, bool Available, string? Reason, string? Warning, ReferenceOption? Reference, EarlierConversation? Earlier)
{
    public string Name => EnumText.Format(Strategy);
}

/// <summary>
/// Honest by construction: a strategy is offered only when the records back what the message will say.
/// A referral needs a referrer; a tag team a colleague's real conversation; third-party and association
/// a client the rep may name (in the prospect's industry when there is one: "Calling Ford? Mention your
/// successes at General Motors", 001); "calling as promised" a promise made for about now.
/// </summary>
public static class StrategyOptions
{
    /// <summary>How far from the promised minute "as promised" is still true.</summary>
    public static readonly Duration PromiseTolerance = Duration.FromMinutes(30);

    /// <summary>The straight-ahead pitch is kept for the final attempt of the month.</summary>
    public const int AttemptsBeforePitch = 3;

    public static IReadOnlyList<StrategyOption> For(HonestyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. Enum.GetValues<Strategy>().Select(s => For(s, facts))];
    }

    public static StrategyOption For(Strategy strategy, HonestyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return strategy switch
        {
            Strategy.Referral => string.IsNullOrWhiteSpace(facts.ReferrerName)
                ? Unavailable(strategy, $"No one referred {facts.ProspectName}: add the referrer on the contact to use a referral.")
                : Available(strategy),
            Strategy.TagTeam => facts.ConversationsByColleagues.Count == 0
                ? Unavailable(strategy, $"No colleague has spoken with {facts.ProspectName}: a tag team needs a real earlier conversation.")
                : new StrategyOption(strategy, true, null, null, null, facts.ConversationsByColleagues[0]),
            Strategy.ThirdParty or Strategy.Association => WithReference(strategy, facts),
            Strategy.AsPromised => facts.LatestPromise is { } promised && IsAboutNow(facts.Now - promised)
                ? Available(strategy)
                : Unavailable(strategy, facts.LatestPromise is null
                    ? $"You have not promised {facts.ProspectName} a call."
                    : $"The promised call is not due now; \"as promised\" is true within {PromiseTolerance.TotalMinutes:0} minutes of it."),
            Strategy.StraightAheadPitch => facts.AttemptsThisMonth < AttemptsBeforePitch
                ? new StrategyOption(strategy, true, null, $"The method keeps this for the final attempt of the month; this is attempt {facts.AttemptsThisMonth + 1}.", null, null)
                : Available(strategy),
            _ => Available(strategy),
        };
    }

    /// <summary>Picks the reference to name: one in the prospect's industry, else any, with a warning.</summary>
    private static StrategyOption WithReference(Strategy strategy, HonestyFacts facts)
    {
        if (facts.NameableReferences.Count == 0)
        {
            return Unavailable(strategy, "There is no reference client you may name: add one under Reference clients.");
        }

        if (string.IsNullOrWhiteSpace(facts.ProspectIndustry))
        {
            return new StrategyOption(strategy, true, null,
                $"{facts.ProspectName}'s industry is not known, so the reference may not ring a bell; add it on the contact.", facts.NameableReferences[0], null);
        }

        var sameIndustry = facts.NameableReferences.FirstOrDefault(r => SameIndustry(r.Industry, facts.ProspectIndustry));
        if (sameIndustry is not null)
        {
            return new StrategyOption(strategy, true, null, null, sameIndustry, null);
        }

        var other = facts.NameableReferences[0];
        return new StrategyOption(strategy, true, null,
            $"No reference client in {facts.ProspectIndustry}; {other.Company} is in {other.Industry}. A reference from another industry falls on deaf ears (001).",
            other, null);
    }

    private static bool IsAboutNow(Duration sincePromise) => sincePromise >= -PromiseTolerance && sincePromise <= PromiseTolerance;

    public static bool SameIndustry(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static StrategyOption Available(Strategy strategy) => new(strategy, true, null, null, null, null);

    private static StrategyOption Unavailable(Strategy strategy, string reason) => new(strategy, false, reason, null, null, null);
}
