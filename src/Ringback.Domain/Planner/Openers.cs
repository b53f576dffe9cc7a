using NodaTime;
using NodaTime.Text;

namespace Ringback.Planner;

/// <summary>
/// The first words of a planned call, by why it is made — one wording wherever Ringback says them (Today, the
/// reminder, the calendar event), so the rep rehearses one sentence. A promised call opens with
/// "Hi Sue, I'm calling as promised"; never a reproach, and never "as promised" once the promise was missed.
/// </summary>
public static class Openers
{
    /// <param name="firstName">What the rep calls the prospect: first name, else "Mr. Jones".</param>
    /// <param name="theirTime">The call's minute in the prospect's zone, for an appointment.</param>
    public static string For(FollowUpKind kind, string firstName, string repName, string? repCompany, LocalTime? theirTime = null)
    {
        var me = string.IsNullOrWhiteSpace(repCompany) ? repName : $"{repName} with {repCompany.Trim()}";
        return kind switch
        {
            FollowUpKind.Promise => $"Hi {firstName}, I'm calling as promised…",
            FollowUpKind.Appointment when theirTime is { } at => $"Hi {firstName}, this is {me}, for our appointment at {LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(at)}.",
            FollowUpKind.ExpectedCallback => $"Hi {firstName}, this is {me}; I'm following up on my message, and I have just two minutes of news for you.",
            _ => $"Hi {firstName}, this is {me}.",
        };
    }
}
