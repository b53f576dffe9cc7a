using Ringback.Calls;
using Ringback.Contacts;

namespace Ringback.Domain.Tests.Contacts;

public class ContactProgressTests
{
    [Theory]
    [InlineData(ContactStatus.New, CallDirection.Outbound, CallOutcome.VoicemailLeft, false, ContactStatus.Working)]
    [InlineData(ContactStatus.New, CallDirection.Outbound, CallOutcome.Connected, false, ContactStatus.Engaged)]
    [InlineData(ContactStatus.Working, CallDirection.Inbound, CallOutcome.Connected, false, ContactStatus.Engaged)]
    [InlineData(ContactStatus.Working, CallDirection.Outbound, CallOutcome.Connected, true, ContactStatus.MeetingBooked)]
    [InlineData(ContactStatus.MeetingBooked, CallDirection.Outbound, CallOutcome.NoAnswer, false, ContactStatus.MeetingBooked)]
    [InlineData(ContactStatus.DoNotCall, CallDirection.Inbound, CallOutcome.Connected, true, ContactStatus.DoNotCall)]
    [InlineData(ContactStatus.MovedOn, CallDirection.Outbound, CallOutcome.Connected, false, ContactStatus.MovedOn)]
    [InlineData(ContactStatus.Nurture, CallDirection.Outbound, CallOutcome.Connected, false, ContactStatus.Nurture)]
    [InlineData(ContactStatus.Engaged, CallDirection.Outbound, CallOutcome.Busy, false, ContactStatus.Engaged)]
    public void A_call_moves_the_contact_along(ContactStatus before, CallDirection direction, CallOutcome outcome, bool booked, ContactStatus after)
    {
        ContactProgress.AfterCall(before, direction, outcome, booked).ShouldBe(after);
    }
}
