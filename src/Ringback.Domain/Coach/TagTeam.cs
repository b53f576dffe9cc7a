using NodaTime;
using Ringback.Calls;
using Ringback.Planner;

namespace Ringback.Coach;

/// <summary>The colleague's conversation a tag-team message is about.</summary>
public sealed record HandOffSource(Guid RepId, Guid CallId, Instant At);

/// <summary>
/// A tag team: a colleague leaves a message about a rep's real earlier conversation with the prospect. The
/// conversation is the latest connected call with them by someone other than the message's caller, before the message.
/// </summary>
public static class TagTeam
{
    /// <param name="calls">The contact's calls, any order.</param>
    public static HandOffSource? SourceOf(IEnumerable<CallFact> calls, Guid caller, Instant messageAt)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return calls.Where(c => c.UserId != caller && c.Outcome == CallOutcome.Connected && c.StartedAt < messageAt)
            .OrderByDescending(c => c.StartedAt)
            .Select(c => new HandOffSource(c.UserId, c.Id, c.StartedAt))
            .FirstOrDefault();
    }
}
