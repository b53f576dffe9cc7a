using Ringback.Calls;

namespace Ringback.Contacts;

/// <summary>How a logged call moves a contact along. Pure, so the rule is tested on its own.</summary>
public static class ContactProgress
{
    /// <summary>
    /// A booked appointment means a meeting; a conversation or a call from them means they are engaged; any other
    /// attempt means we are working a new contact. Do-not-call and moved-on are the rep's decisions and are never undone here.
    /// </summary>
    public static ContactStatus AfterCall(ContactStatus current, CallDirection direction, CallOutcome outcome, bool appointmentBooked)
    {
        if (current is ContactStatus.DoNotCall or ContactStatus.MovedOn)
        {
            return current;
        }

        if (appointmentBooked)
        {
            return ContactStatus.MeetingBooked;
        }

        if (current == ContactStatus.MeetingBooked)
        {
            return current;
        }

        if (outcome == CallOutcome.Connected || direction == CallDirection.Inbound)
        {
            return current == ContactStatus.Nurture ? current : ContactStatus.Engaged;
        }

        return current == ContactStatus.New ? ContactStatus.Working : current;
    }

    /// <summary>
    /// The status a contact would have if their calls had been logged as they now stand: after a call is corrected,
    /// deleted or restored. The rep's own decisions (do-not-call, moved on, nurture) stand; a status the calls made
    /// (working, engaged, meeting booked) is made again from the calls, starting from new.
    /// </summary>
    public static ContactStatus Replay(ContactStatus current, IEnumerable<(CallDirection Direction, CallOutcome Outcome, bool AppointmentBooked)> callsInOrder)
    {
        ArgumentNullException.ThrowIfNull(callsInOrder);
        if (current is ContactStatus.DoNotCall or ContactStatus.MovedOn or ContactStatus.Nurture)
        {
            return current;
        }

        return callsInOrder.Aggregate(ContactStatus.New, (status, call) => AfterCall(status, call.Direction, call.Outcome, call.AppointmentBooked));
    }
}
