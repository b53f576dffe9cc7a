using System.Globalization;
using System.Text;
using NodaTime;

namespace Ringback.Scheduling;

/// <summary>One recurring stretch of a week in local time: "Mon-Fri 09:00-12:00".</summary>
public sealed record WeeklyWindow(IReadOnlySet<IsoDayOfWeek> Days, LocalTime Start, LocalTime End)
{
    public bool Contains(IsoDayOfWeek day, LocalTime time) => Days.Contains(day) && time >= Start && time < End;
}

/// <summary>
/// When someone can be reached, week by week, in their own local time: a rep's "between nine and noon, Monday
/// to Friday" or what a gatekeeper told us about the prospect.
/// Written and stored as text people can read and type: <c>Mon-Fri 09:00-12:00; Tue,Thu 14:00-17:00</c>.
/// </summary>
public sealed class WeeklyWindows : IEquatable<WeeklyWindows>
{
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static readonly WeeklyWindows None = new([]);

    private WeeklyWindows(IReadOnlyList<WeeklyWindow> windows) => Windows = windows;

    public IReadOnlyList<WeeklyWindow> Windows { get; }

    public static WeeklyWindows Of(params WeeklyWindow[] windows) => new([.. windows]);

    public bool IsEmpty => Windows.Count == 0;

    public bool Contains(LocalDateTime local) => Windows.Any(w => w.Contains(local.DayOfWeek, local.TimeOfDay));

    /// <summary>Reads the text form; the error says which part is wrong and why.</summary>
    public static bool TryParse(string? text, out WeeklyWindows windows, out string? error)
    {
        windows = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var list = new List<WeeklyWindow>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2)
            {
                error = $"'{part}' needs days and hours, like 'Mon-Fri 09:00-12:00'";
                return false;
            }

            if (!TryParseDays(pieces[0], out var days, out error) || !TryParseHours(pieces[1], out var start, out var end, out error))
            {
                error = $"'{part}': {error}";
                return false;
            }

            list.Add(new WeeklyWindow(days, start, end));
        }

        windows = new WeeklyWindows(list);
        return true;
    }

    public static WeeklyWindows Parse(string? text) =>
        TryParse(text, out var windows, out var error) ? windows : throw new FormatException(error);

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var window in Windows)
        {
            if (sb.Length > 0)
            {
                sb.Append("; ");
            }

            sb.Append(FormatDays(window.Days)).Append(' ')
              .Append(window.Start.ToString("HH:mm", CultureInfo.InvariantCulture)).Append('-')
              .Append(window.End == LocalTime.MaxValue ? "24:00" : window.End.ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public bool Equals(WeeklyWindows? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as WeeklyWindows);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static bool TryParseDays(string text, out IReadOnlySet<IsoDayOfWeek> days, out string? error)
    {
        var set = new SortedSet<IsoDayOfWeek>();
        days = set;
        error = null;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = item.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length > 2 || !TryDay(range[0], out var first) || !TryDay(range[^1], out var last))
            {
                error = $"'{item}' is not a day or a range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun)";
                return false;
            }

            // A range may wrap past Sunday: "Fri-Mon".
            for (var d = first; ; d = d == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : d + 1)
            {
                set.Add(d);
                if (d == last)
                {
                    break;
                }
            }
        }

        if (set.Count == 0)
        {
            error = "no days given";
            return false;
        }

        return true;
    }

    private static bool TryDay(string text, out IsoDayOfWeek day)
    {
        day = default;
        if (text.Length < 2)
        {
            return false;
        }

        for (var i = 0; i < DayNames.Length; i++)
        {
            var full = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName((DayOfWeek)((i + 1) % 7));
            if (full.StartsWith(text, StringComparison.OrdinalIgnoreCase) && text.Length >= 2)
            {
                day = (IsoDayOfWeek)(i + 1);
                return true;
            }
        }

        return false;
    }

    private static bool TryParseHours(string text, out LocalTime start, out LocalTime end, out string? error)
    {
        start = end = default;
        error = null;
        var range = text.Split('-', StringSplitOptions.TrimEntries);
        if (range.Length != 2 || !TryTime(range[0], out start) || !TryTime(range[1], out end))
        {
            error = $"'{text}' is not a range of hours like 09:00-12:00";
            return false;
        }

        if (end <= start)
        {
            error = $"the window ends ({range[1]}) before it starts ({range[0]})";
            return false;
        }

        return true;
    }

    private static bool TryTime(string text, out LocalTime time)
    {
        time = default;
        if (text is "24:00")
        {
            time = LocalTime.MaxValue;
            return true;
        }

        var parts = text.Split(':');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || hour > 23)
        {
            return false;
        }

        var minute = 0;
        if (parts.Length == 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute) || minute > 59))
        {
            return false;
        }

        time = new LocalTime(hour, minute);
        return true;
    }

    private static string FormatDays(IReadOnlySet<IsoDayOfWeek> days)
    {
        // Runs of three or more consecutive days read best as ranges: "Mon-Fri", "Mon,Wed,Fri".
        var ordered = days.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j + 1 < ordered.Count && ordered[j + 1] == ordered[j] + 1)
            {
                j++;
            }

            parts.Add(j - i >= 2 ? $"{Name(ordered[i])}-{Name(ordered[j])}" : string.Join(',', ordered.Skip(i).Take(j - i + 1).Select(Name)));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static string Name(IsoDayOfWeek day) => DayNames[(int)day - 1];
}
