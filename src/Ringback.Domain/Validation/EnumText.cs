using System.Text;

namespace Ringback.Validation;

/// <summary>
/// Enums as people and files write them: "meeting-booked", "Meeting booked", "MEETING_BOOKED" and
/// "MeetingBooked" all read as <c>MeetingBooked</c>; written out, always kebab case.
/// </summary>
public static class EnumText
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = Squash(text);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Squash(candidate.ToString()) == key)
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Format<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    /// <summary>"one of: new, working, engaged" — for error messages.</summary>
    public static string Choices<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Format));

    private static string Squash(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }
}
