using Ringback.Calls;
using Ringback.Validation;

namespace Ringback.Coach;

/// <summary>Strategy names as the coach takes them: the kebab names, "straight-pitch" for short, and "generic" for none.</summary>
public static class StrategyNames
{
    public const string Generic = "generic";

    public static string Choices => $"{string.Join(", ", Enum.GetValues<Strategy>().Select(EnumText.Format))}, straight-pitch, {Generic}";

    /// <returns>False when the text names no strategy; <paramref name="strategy"/> is null for "generic" or no text.</returns>
    public static bool TryParse(string? text, out Strategy? strategy)
    {
        strategy = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals(Generic, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Trim().Equals("straight-pitch", StringComparison.OrdinalIgnoreCase))
        {
            strategy = Strategy.StraightAheadPitch;
            return true;
        }

        if (EnumText.TryParse<Strategy>(text, out var parsed))
        {
            strategy = parsed;
            return true;
        }

        return false;
    }
}
