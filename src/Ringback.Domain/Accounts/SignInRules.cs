using NodaTime;

namespace Ringback.Accounts;

/// <summary>How many wrong passwords one account takes before it is made to wait.</summary>
public static class SignInRules
{
    /// <summary>Five wrong passwords in 15 minutes, then a wait: a person mistyping is not held up, a guesser gets 480 tries a day.</summary>
    public const int FailuresAllowed = 5;

    public static readonly Duration Window = Duration.FromMinutes(15);

    /// <summary>How long until the next attempt is let through, or null when it may go now.</summary>
    /// <param name="failures">The account's failed attempts in the last <see cref="Window"/>.</param>
    public static Duration? RetryAfter(IReadOnlyCollection<Instant> failures, Instant now)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var recent = failures.Where(f => f > now - Window).Order().ToList();
        if (recent.Count < FailuresAllowed)
        {
            return null;
        }

        // The wait ends when enough failures have left the window to let one more through.
        return recent[recent.Count - FailuresAllowed] + Window - now;
    }

    /// <summary>Whole seconds for a Retry-After header, never zero.</summary>
    public static int Seconds(Duration wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
