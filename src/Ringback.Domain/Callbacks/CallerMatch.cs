using NodaTime;

namespace Ringback.Callbacks;

/// <summary>How a caller's number was found, strongest first.</summary>
public enum MatchedBy
{
    /// <summary>The prospect's own direct, mobile or after-hours number.</summary>
    ContactNumber,

    /// <summary>A gatekeeper's number: the call is from the gatekeeper, on the prospect's behalf.</summary>
    GatekeeperNumber,

    /// <summary>The company's main line, which any of its people may call from.</summary>
    CompanyLine,
}

/// <summary>A contact the caller may be, and when that contact was last left a message.</summary>
public sealed record MatchCandidate(Guid ContactId, Guid? GatekeeperId, MatchedBy By, Instant? LastMessageAt);

/// <summary>
/// Who called: one candidate, or why it could not be said; on a shared line, the contacts it may have been (the one
/// left a message most recently first) for a person to choose from.
/// </summary>
public sealed record CallerMatchResult(MatchCandidate? Match, string? WhyNot, IReadOnlyList<MatchCandidate> Candidates)
{
    public CallerMatchResult(MatchCandidate? match, string? whyNot)
        : this(match, whyNot, [])
    {
    }

    /// <summary>Several contacts have the number: the call waits for the rep to say whose it was.</summary>
    public bool SharedLine => Match is null && Candidates.Count > 1;
}

public static class CallerMatch
{
    /// <summary>How the reason of a call left waiting because several contacts share its number begins.</summary>
    public const string SharedLine = "shared line: ";

    /// <summary>
    /// The strongest kind of match wins (the prospect's own number over a gatekeeper's over the company line). When
    /// several contacts share that number, nothing is guessed: a switchboard's last message says little about who
    /// rang, and a wrong credit misleads every statistic after it. The call waits with the candidates, the one left a
    /// message most recently first, and is credited when the rep files it.
    /// </summary>
    public static CallerMatchResult Choose(IReadOnlyList<MatchCandidate> candidates, Instant at, Duration window)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return new(null, "no contact has this number");
        }

        var strongest = candidates.Min(c => c.By);
        var best = candidates.Where(c => c.By == strongest).DistinctBy(c => c.ContactId).ToList();
        if (best.Count == 1)
        {
            return new(best[0], null);
        }

        var ordered = Order(best);
        var messaged = ordered.Count(c => c.LastMessageAt is { } m && m < at && at - m <= window);
        var line = strongest switch
        {
            MatchedBy.GatekeeperNumber => "their gatekeepers' number",
            MatchedBy.CompanyLine => "their company's main line",
            _ => "this number",
        };
        return new(null, messaged == 0
            ? $"{SharedLine}{best.Count} contacts have {line}, none left a message in the last {window.Days} days"
            : $"{SharedLine}{best.Count} contacts have {line}, {messaged} left a message in the last {window.Days} days", ordered);
    }

    /// <summary>Candidates as a rep should see them: the one left a message most recently first, then the rest by id.</summary>
    public static IReadOnlyList<MatchCandidate> Order(IEnumerable<MatchCandidate> candidates) =>
        [.. candidates.DistinctBy(c => c.ContactId).OrderByDescending(c => c.LastMessageAt ?? Instant.MinValue).ThenBy(c => c.By).ThenBy(c => c.ContactId)];
}
