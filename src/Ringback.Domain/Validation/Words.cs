using System.Globalization;

namespace Ringback.Validation;

/// <summary>Counts as a person writes them: "1 bad row", "2 bad rows", "1,250 contacts".</summary>
public static class Words
{
    public static string Count(int count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    /// <summary>An enum value as a person reads it: "meeting-booked" → "Meeting booked", FirstName → "First name".</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var text = EnumText.Format(value).Replace('-', ' ');
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
