using NodaTime;

namespace Ringback.Secrets;

/// <summary>
/// A secret of the whole installation rather than of one organization — the VAPID key pair push messages are
/// signed with, the SMTP password — kept encrypted with the app's data-protection keys, never in plain text.
/// </summary>
public sealed class ServerSecret
{
    /// <summary>"vapid", "smtp-password".</summary>
    public required string Name { get; set; }

    /// <summary>The value as data protection encrypted it.</summary>
    public required string ProtectedValue { get; set; }

    public Instant CreatedAt { get; set; }
}
