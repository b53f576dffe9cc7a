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

/// <summary>Who called: one candidate, or why it could not be said.</summary>
public sealed record CallerMatchResult(MatchCandidate? Match, string? WhyNot);

public static class CallerMatch
{
    /// <summary>
    /// The strongest kind of match wins (the prospect's own number over a gatekeeper's over the company line). When
    /// several contacts share that number, the one left a message most recently within the window is the one calling
    /// back; if none was, or two were at the same moment, a person decides.
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

        var messaged = best
            .Where(c => c.LastMessageAt is { } m && m < at && at - m <= window)
            .OrderByDescending(c => c.LastMessageAt)
            .ToList();
        if (messaged.Count == 1 || (messaged.Count > 1 && messaged[0].LastMessageAt != messaged[1].LastMessageAt))
        {
            return new(messaged[0], null);
        }

        return new(null, messaged.Count == 0
            ? $"{best.Count} contacts share this number and none was left a message in the last {window.Days} days"
            : $"{best.Count} contacts share this number and were left messages at the same time");
    }
}
