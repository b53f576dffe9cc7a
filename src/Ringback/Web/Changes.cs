using System.Reflection;
using System.Text.Json;

namespace Ringback.Web;

/// <summary>One field someone else changed while the rep had the form open.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// What changed in a record between the form the rep opened and the record as it is now, told field by field in
/// the form's own words: the web's side of optimistic concurrency, so a rep whose save was refused sees why.
/// </summary>
public static class Changes
{
    /// <summary>The form as it was filled when the page was opened, carried in a hidden field.</summary>
    public static string Snapshot<T>(T form) => JsonSerializer.Serialize(form);

    public static T? Read<T>(string? snapshot)
        where T : class
    {
        if (string.IsNullOrEmpty(snapshot))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(snapshot);
        }
        catch (JsonException)
        {
            // Only ever what this app wrote; a mangled one just means the changes cannot be listed.
            return null;
        }
    }

    /// <param name="labels">The form's label for each property compared; properties not named are not compared.</param>
    public static IReadOnlyList<FieldChange> Between<T>(T? before, T now, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (before is null)
        {
            return [];
        }

        var changes = new List<FieldChange>();
        foreach (var (name, label) in labels)
        {
            var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new ArgumentException($"{typeof(T).Name} has no property {name}.", nameof(labels));
            var was = Text(property.GetValue(before));
            var isNow = Text(property.GetValue(now));
            if (was != isNow)
            {
                changes.Add(new FieldChange(label, was, isNow));
            }
        }

        return changes;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
