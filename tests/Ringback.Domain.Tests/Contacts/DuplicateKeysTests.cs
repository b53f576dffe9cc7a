using Ringback.Calls;
using Ringback.Contacts;

namespace Ringback.Domain.Tests.Contacts;

public class DuplicateKeysTests
{
    [Fact]
    public void Email_any_number_or_name_with_company_make_a_contact_likely_the_same_person()
    {
        var keys = DuplicateKeys.Of(" Sue@XYZ.example ", ["+14156162407", null, "+14156162407"], "Sue", " Jones ", "xyz  company");

        keys.ShouldBe(["email:SUE@XYZ.EXAMPLE", "phone:+14156162407", "name:SUE JONES|XYZ COMPANY"]);
        DuplicateKeys.Of(null, [], "Sue", "Jones", null).ShouldBeEmpty("a name without a company is too common to match on");
        DuplicateKeys.Describe(keys[2]).ShouldBe("the same name and company");
    }

    [Fact]
    public void Replaying_the_calls_makes_the_status_again_and_keeps_the_reps_own_decisions()
    {
        (CallDirection, CallOutcome, bool)[] calls = [(CallDirection.Outbound, CallOutcome.VoicemailLeft, false), (CallDirection.Inbound, CallOutcome.Connected, false)];

        ContactProgress.Replay(ContactStatus.MeetingBooked, calls).ShouldBe(ContactStatus.Engaged, "the meeting's call was deleted");
        ContactProgress.Replay(ContactStatus.Engaged, []).ShouldBe(ContactStatus.New);
        ContactProgress.Replay(ContactStatus.DoNotCall, calls).ShouldBe(ContactStatus.DoNotCall);
        ContactProgress.Replay(ContactStatus.Nurture, []).ShouldBe(ContactStatus.Nurture);
    }
}
