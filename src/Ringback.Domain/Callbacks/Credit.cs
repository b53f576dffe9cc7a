using System.Globalization;
using NodaTime;
using Ringback.Calls;

namespace Ringback.Callbacks;

/// <summary>The message a callback (or a booked meeting) is credited to, as a rep reads it.</summary>
public sealed record Credit(Guid MessageCallId, CallOutcome MessageKind, Strategy? Strategy, int? Attempt, Instant MessageLeftAt, Duration After)
{
    public static Credit Of(Call response, Call message)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Id, message.Outcome, message.Strategy, message.AttemptNumber, message.StartedAt, response.StartedAt - message.StartedAt);
    }

    /// <summary>"your voicemail of Tue 3 Nov 10:02 (referral, attempt 3), 1 d 4 h later" in the reader's zone.</summary>
    public string Describe(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var what = MessageKind == CallOutcome.GatekeeperMessage ? "message with the gatekeeper" : "voicemail";
        var details = new List<string>();
        if (Strategy is { } strategy)
        {
            details.Add(Validation.EnumText.Format(strategy));
        }

        if (Attempt is { } attempt)
        {
            details.Add($"attempt {attempt}");
        }

        var when = MessageLeftAt.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return $"your {what} of {when}{(details.Count > 0 ? $" ({string.Join(", ", details)})" : string.Empty)}, {Span(After)} later";
    }

    /// <summary>"3 min", "5 h 20 min", "2 d 4 h": the two largest units, enough to read at a glance.</summary>
    public static string Span(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        if (minutes < 60)
        {
            return $"{minutes} min";
        }

        var hours = minutes / 60;
        return hours < 24
            ? minutes % 60 == 0 ? $"{hours} h" : $"{hours} h {minutes % 60} min"
            : hours % 24 == 0 ? $"{hours / 24} d" : $"{hours / 24} d {hours % 24} h";
    }
}
