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
}
