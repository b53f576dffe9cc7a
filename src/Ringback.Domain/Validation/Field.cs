using NodaTime;
using NodaTime.TimeZones;
using Ringback.Phones;

namespace Ringback.Validation;

/// <summary>Checks for single fields, shared by every input that has such a field.</summary>
public static class Field
{
    public static string? Text(ValidationErrors errors, string field, string? value, int maxLength, bool required = false)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"is {trimmed.Length} characters long; at most {maxLength} are allowed");
        }

        return trimmed;
    }

    public static PhoneNumber? Phone(ValidationErrors errors, string field, string? value, string region, bool allowExtension)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = PhoneNumberParser.Parse(value, region);
        if (!result.IsValid)
        {
            errors.Add(field, $"'{value.Trim()}' {result.Error}");
            return null;
        }

        if (!allowExtension && result.Number!.Value.Extension is not null)
        {
            errors.Add(field, $"'{value.Trim()}' has an extension, which this kind of number cannot have");
            return null;
        }

        return result.Number;
    }

    public static string? Email(ValidationErrors errors, string field, string? value)
    {
        var email = Text(errors, field, value, 254);
        if (email is null)
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace) || !email[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"'{email}' is not an email address");
            return null;
        }

        return email;
    }

    /// <summary>An IANA zone id; Windows names ("Eastern Standard Time", as Outlook exports them) are mapped to one.</summary>
    public static string? TimeZone(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var id = value.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone)
        {
            return zone.Id;
        }

        if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(id, out var mapped))
        {
            return mapped;
        }

        errors.Add(field, $"'{id}' is not a time zone; use an IANA name such as America/New_York or Europe/London");
        return null;
    }

    public static T? Enum<T>(ValidationErrors errors, string field, string? value)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (EnumText.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, $"'{value.Trim()}' is not one of: {EnumText.Choices<T>()}");
        return null;
    }

    public static Scheduling.WeeklyWindows Windows(ValidationErrors errors, string field, string? value)
    {
        if (Scheduling.WeeklyWindows.TryParse(value, out var windows, out var error))
        {
            return windows;
        }

        errors.Add(field, error!);
        return Scheduling.WeeklyWindows.None;
    }
}
