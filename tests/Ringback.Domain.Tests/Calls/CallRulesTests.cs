using NodaTime;
using Ringback.Calls;

namespace Ringback.Domain.Tests.Calls;

public class CallRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 15, 0);

    [Fact]
    public void A_voicemail_with_a_promise_and_an_appointment_is_accepted()
    {
        var result = CallRules.Check(new CallDraft
        {
            Outcome = "voicemail-left",
            Strategy = "as promised",
            MessageText = "Hi Sue, I'm calling as promised.",
            StartedAt = Now - Duration.FromMinutes(2),
            PromisedNextCallAt = Now + Duration.FromDays(1),
            AppointmentStart = Now + Duration.FromDays(3),
            AppointmentEnd = Now + Duration.FromDays(3) + Duration.FromHours(1),
            AppointmentPlace = "XYZ Company, 3rd floor",
        }, Now);

        result.IsValid.ShouldBeTrue(result.Errors.ToString());
        result.Value!.Strategy.ShouldBe(Strategy.AsPromised);
        result.Value.Direction.ShouldBe(CallDirection.Outbound);
    }

    [Fact]
    public void Omitted_start_means_now()
    {
        CallRules.Check(new CallDraft { Outcome = "no-answer" }, Now).Value!.StartedAt.ShouldBe(Now);
    }

    [Fact]
    public void Every_inconsistency_is_named()
    {
        var result = CallRules.Check(new CallDraft
        {
            Outcome = "connected",
            Strategy = "referral",
            MessageText = "left a message",
            StartedAt = Now + Duration.FromHours(1),
            DurationSeconds = -5,
            PromisedNextCallAt = Now,
            AppointmentEnd = Now + Duration.FromDays(1),
        }, Now);

        result.Errors.Fields.Order().ShouldBe(
            ["appointmentStart", "durationSeconds", "messageText", "promisedNextCallAt", "startedAt", "strategy"]);
    }

    [Fact]
    public void A_gatekeeper_message_names_the_gatekeeper()
    {
        CallRules.Check(new CallDraft { Outcome = "gatekeeper message" }, Now).Errors.Fields.ShouldBe(["answeredByGatekeeperId"]);
    }

    [Fact]
    public void A_missing_or_unknown_outcome_lists_the_choices()
    {
        CallRules.Check(new CallDraft(), Now).Errors.For("outcome").Single().ShouldContain("voicemail-left");
        CallRules.Check(new CallDraft { Outcome = "left a message" }, Now).Errors.For("outcome").Single().ShouldContain("gatekeeper-message");
    }
}
