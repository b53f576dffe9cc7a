using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;
using NodaTime.Text;
using Ringback.Validation;

namespace Ringback.Web;

/// <summary>Small things every page needs: errors onto form fields, enums as words, times in a zone.</summary>
public static class PageSupport
{
    private static readonly LocalDateTimePattern InputPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    private static readonly ZonedDateTimePattern Friendly = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu, HH:mm", null);

    /// <summary>Puts domain errors ("lastName") on the form fields they belong to ("Input.LastName").</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationErrors errors, string prefix = "Input.")
    {
        foreach (var field in errors.Fields)
        {
            var key = prefix + char.ToUpperInvariant(field[0]) + field[1..];
            foreach (var message in errors.For(field))
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>"meeting-booked" → "Meeting booked".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum => Validation.Words.Of(value);

    public static IEnumerable<KeyValuePair<string, string>> Choices<T>(bool withEmpty = false, string empty = "")
        where T : struct, Enum
    {
        if (withEmpty)
        {
            yield return new(string.Empty, empty);
        }

        foreach (var value in Enum.GetValues<T>())
        {
            yield return new(EnumText.Format(value), Words(value));
        }
    }

    public static DateTimeZone? Zone(string? id) => Ringback.Planner.Zones.Find(id);

    /// <summary>Reads a datetime-local input's value ("2026-11-23T08:15").</summary>
    public static LocalDateTime? ParseLocal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A day past Ringback's bounds is no date it can plan (year 9999 overflows the moment a zone is applied).
        var result = InputPattern.Parse(text.Trim());
        return result.Success && Scheduling.Dates.Holds(result.Value.Date) ? result.Value : null;
    }

    /// <summary>A date-and-time field read as the instant it means in the zone; an unreadable one is named in the errors.</summary>
    public static Instant? LocalInstant(ValidationErrors errors, string field, string? text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ParseLocal(text) is { } local)
        {
            return Scheduling.LocalTimes.Resolve(local, zone).ToInstant();
        }

        errors.Add(field, InputPattern.Parse(text.Trim()).Success ? $"is not {Scheduling.Dates.Bounds}" : "is not a date and time");
        return null;
    }

    public static string ToInput(Instant instant, DateTimeZone zone) => InputPattern.Format(instant.InZone(zone).LocalDateTime);

    public static string Format(Instant instant, DateTimeZone zone) => Friendly.Format(instant.InZone(zone));

    public static string Format(Instant? instant, DateTimeZone zone) => instant is { } i ? Format(i, zone) : string.Empty;

    public static string Iso(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(int seconds) => seconds < 60 ? $"{seconds}s" : $"{seconds / 60}m {seconds % 60:00}s";
}
