using Ringback.Calls;
using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

/// <summary>The composer and the coach agree: what the composer could not fill is an error, and what the rep typed into it counts.</summary>
public class PlaceholderTests
{
    private const string Number = "+19015552120";

    [Fact]
    public void A_message_still_holding_a_placeholder_is_an_error_where_it_stands()
    {
        var message = "Hi Sue, this is Freda Whitehouse at 901-555-2120, about [reason]: we cut hiring time by a third. I'll call you again [next.call], or reach me at 901-555-2120.";
        var report = MessageCoach.Review(message, new CoachContext { Strategy = Strategy.WarmColdCall, CallerName = "Freda Whitehouse", CallerNumbers = [Number] });

        var found = report.Findings.Where(f => f.Rule == "unfilled-placeholder").ToList();
        found.Select(f => message[f.Start!.Value..f.End!.Value]).ShouldBe(["[reason]", "[next.call]"]);
        found.ShouldAllBe(f => f.Severity == Severity.Error);
        MessageCoach.PlaceholdersIn(message).ShouldBe(["[reason]", "[next.call]"]);
        MessageCoach.PlaceholdersIn("Call me at 901-555-2120 [ext 4]").ShouldBeEmpty();
    }

    [Fact]
    public void A_benefit_or_reason_the_rep_typed_is_recognized_in_the_message()
    {
        var message = "Harley Smith suggested I call you, Sue. I'm Freda Whitehouse, on 901-555-2120, about your open dispatcher role: we fill CDL seats in under two weeks. " +
            "I'll call again Thursday at 10 a.m.; as I said, Harley Smith sent me. Again, 901-555-2120.";
        var context = new CoachContext { Strategy = Strategy.Referral, CallerName = "Freda Whitehouse", ReferrerName = "Harley Smith", CallerNumbers = [Number] };

        MessageCoach.Review(message, context).Has("no-benefit").ShouldBeTrue("the words alone name no benefit the coach knows");
        var typed = MessageCoach.Review(message, context with { Benefit = "We fill CDL seats in under two weeks.", Reason = "your open dispatcher role" });
        typed.Findings.ShouldBeEmpty();
        MessageCoach.Review(message, context with { Benefit = "we fill CDL seats fast" }).Has("no-benefit").ShouldBeTrue("a benefit not said is not found");
    }

    [Fact]
    public void A_call_whose_message_holds_a_placeholder_is_logged_only_when_the_rep_confirms_it()
    {
        var draft = new CallDraft { Outcome = "voicemail-left", MessageText = "Hi Sue, this is Freda about [reason]." };
        var now = NodaTime.Instant.FromUtc(2026, 11, 24, 15, 0);

        var refused = CallRules.Check(draft, now);
        refused.Errors.For("messageText").Single().ShouldContain("still holds [reason]");
        CallRules.Check(draft with { KeepPlaceholders = true }, now).IsValid.ShouldBeTrue();
    }
}
