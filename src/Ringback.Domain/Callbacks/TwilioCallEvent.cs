using NodaTime;
using NodaTime.Text;
using Ringback.Calls;
using Ringback.Validation;

namespace Ringback.Callbacks;

/// <summary>
/// A Twilio voice status callback (form fields <c>CallSid</c>, <c>From</c>, <c>To</c>, <c>Direction</c>,
/// <c>CallStatus</c>, <c>CallDuration</c>, <c>Timestamp</c>, <c>AnsweredBy</c>, <c>CallerName</c>) read as a finished call.
/// </summary>
public static class TwilioCallEvent
{
    /// <summary>Twilio's RFC 2822 timestamp: "Mon, 16 Aug 2010 03:45:01 +0000".</summary>
    private static readonly OffsetDateTimePattern Timestamp = OffsetDateTimePattern.CreateWithInvariantCulture("ddd, d MMM uuuu HH:mm:ss o<+HHmm>");

    /// <summary>Statuses after which nothing more happens to the call; earlier ones (ringing, in-progress) are ignored.</summary>
    private static readonly HashSet<string> Final = ["completed", "busy", "no-answer", "failed", "canceled"];

    public static EventReading Read(IReadOnlyDictionary<string, string> form, Instant receivedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors();
        string? Required(string name)
        {
            if (form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            errors.Add(name, "is required");
            return null;
        }

        var sid = Required("CallSid");
        var from = Required("From");
        var to = Required("To");
        var status = Required("CallStatus")?.ToLowerInvariant();
        var direction = form.GetValueOrDefault("Direction", "inbound").Trim().ToLowerInvariant();
        if (!errors.IsEmpty)
        {
            return new(null, null, errors);
        }

        if (!Final.Contains(status!))
        {
            return new(null, $"call status '{status}' is not final; the call is logged when it ends", errors);
        }

        var duration = 0;
        if (form.TryGetValue("CallDuration", out var durationText) && !string.IsNullOrWhiteSpace(durationText)
            && (!int.TryParse(durationText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out duration) || duration > CallRules.LongestCall.TotalSeconds))
        {
            errors.Add("CallDuration", $"'{durationText}' is not a number of seconds");
        }

        var endedAt = receivedAt;
        if (form.TryGetValue("Timestamp", out var stamp) && !string.IsNullOrWhiteSpace(stamp))
        {
            var parsed = Timestamp.Parse(stamp.Trim());
            if (parsed.Success)
            {
                endedAt = parsed.Value.ToInstant();
            }
            else
            {
                errors.Add("Timestamp", $"'{stamp}' is not a time like 'Mon, 16 Aug 2010 03:45:01 +0000'");
            }
        }

        if (!errors.IsEmpty)
        {
            return new(null, null, errors);
        }

        var inbound = direction == "inbound";
        var outcome = inbound ? InboundOutcome(status!) : OutboundOutcome(status!, form.GetValueOrDefault("AnsweredBy"));
        return new(new TelephonyEvent($"twilio:{sid}", inbound ? CallDirection.Inbound : CallDirection.Outbound, from!, to!,
            form.GetValueOrDefault("CallerName"), endedAt - Duration.FromSeconds(duration), duration, outcome, "twilio"), null, errors);
    }

    /// <summary>A call in that we answered is a conversation; any other final status is a call we missed.</summary>
    private static CallOutcome InboundOutcome(string status) => status == "completed" ? CallOutcome.Connected : CallOutcome.NoAnswer;

    /// <summary>Twilio's answering-machine detection says whether a completed call reached a person or voicemail.</summary>
    private static CallOutcome OutboundOutcome(string status, string? answeredBy) => status switch
    {
        "completed" when answeredBy is not null && answeredBy.StartsWith("machine", StringComparison.OrdinalIgnoreCase) => CallOutcome.VoicemailLeft,
        "completed" when answeredBy is "fax" => CallOutcome.BadNumber,
        "completed" => CallOutcome.Connected,
        "busy" => CallOutcome.Busy,
        "failed" => CallOutcome.BadNumber,
        _ => CallOutcome.NoAnswer,
    };
}
