using Ringback.Calls;
using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

/// <summary>Each rule on its own: messages that must trigger it and messages that must not.</summary>
public class MessageCoachTests
{
    private const string Good = "Hi Sue, this is Greg Pitcher at 415-616-2407. I'm calling about your spring hiring, because we can cut " +
        "your time to hire by a third. I'll call you again Thursday at 10, or reach me at 415-616-2407.";

    private static readonly CoachContext Greg = new() { CallerName = "Greg Pitcher", Strategy = Strategy.WarmColdCall };

    private static bool Finds(string message, string rule, CoachContext? context = null) =>
        MessageCoach.Review(message, context ?? Greg).Has(rule);

    [Fact]
    public void A_good_message_has_no_findings_and_scores_100()
    {
        var report = MessageCoach.Review(Good, Greg);
        report.Findings.ShouldBeEmpty(string.Join(" | ", report.Findings.Select(f => f.Rule)));
        report.Score.ShouldBe(100);
        report.Sentences.ShouldBe(3);
        report.EstimatedSeconds.ShouldBeInRange(20, 30);
    }

    [Fact]
    public void Rule_ids_are_unique_and_each_names_its_seed_and_a_tip()
    {
        CoachRules.All.Select(r => r.Id).ShouldBeUnique();
        CoachRules.All.Count.ShouldBe(16);
        CoachRules.All.ShouldAllBe(r => r.Source.Length > 0 && r.Tip.Length > 20);
    }

    [Fact]
    public void Score_drops_by_severity_and_never_below_zero()
    {
        MessageCoach.Review(Good.Replace("Thursday at 10", "soon", StringComparison.Ordinal), Greg).Score.ShouldBe(90);
        MessageCoach.Review("um, is now a good time? I haven't heard back, you know, after my third message.", Greg).Score.ShouldBe(0);
    }

    [Theory]
    [InlineData("Hi Sue, I'm calling about your hiring. This is Greg Pitcher at 415-616-2407.", true)]
    [InlineData("Hi Sue. I'm calling about your hiring.", true)]
    [InlineData("Hi Sue, Greg Pitcher here at 415-616-2407, about your hiring.", false)]
    [InlineData("Hi Sue. This is Greg at 415-616-2407.", false)]
    [InlineData("Good morning, Sue. This is Pitcher from Acme.", false)]
    public void Caller_name_first(string message, bool expected) => Finds(message, "caller-name-first").ShouldBe(expected);

    [Fact]
    public void Caller_name_first_lets_a_referral_open_with_the_referrer()
    {
        var referral = new CoachContext { CallerName = "Greg Pitcher", Strategy = Strategy.Referral, ReferrerName = "Harley Smith" };
        Finds("Harley Smith suggested I call you. This is Greg Pitcher at 415-616-2407.", "caller-name-first", referral).ShouldBeFalse();
        Finds("Harley Smith suggested I call you. I sell payroll. This is Greg Pitcher.", "caller-name-first", referral).ShouldBeTrue();
        Finds("Harley Smith suggested I call you. This is Greg Pitcher.", "caller-name-first", Greg).ShouldBeTrue();
    }

    [Fact]
    public void Without_a_caller_name_a_self_introduction_counts()
    {
        var anonymous = new CoachContext();
        Finds("Hi Sue, this is Greg at 415-616-2407.", "caller-name-first", anonymous).ShouldBeFalse();
        Finds("Hi Sue, please call 415-616-2407.", "caller-name-first", anonymous).ShouldBeTrue();
    }

    [Theory]
    [InlineData("This is Greg Pitcher. I'm calling about your hiring.", "number-missing")]
    [InlineData("This is Greg Pitcher. I'm calling about your hiring. It helps. I'll call Thursday at 10 on 415-616-2407.", "number-not-at-start")]
    [InlineData("This is Greg Pitcher at 415-616-2407. I'm calling about hiring. It helps. I'll call Thursday at 10.", "number-not-at-end")]
    [InlineData("This is Greg Pitcher at 415-616-2407.", "number-not-at-end")]
    public void Number_rules_fire(string message, string rule) => Finds(message, rule).ShouldBeTrue();

    [Theory]
    [InlineData("This is Greg Pitcher at 415-616-2407. I'll call Thursday at 10, or call 415-616-2407.")]
    [InlineData("This is Greg Pitcher. My number is four one five, six one six, two four oh seven. I'll call Thursday. Again: (415) 616-2407.")]
    [InlineData("This is Greg Pitcher. I'm at 415.616.2407. It helps. Again, 415.616.2407.")]
    public void Number_rules_are_quiet_when_the_number_opens_and_closes(string message)
    {
        var report = MessageCoach.Review(message, Greg);
        report.Has("number-missing").ShouldBeFalse();
        report.Has("number-not-at-start").ShouldBeFalse();
        report.Has("number-not-at-end").ShouldBeFalse();
    }

    [Fact]
    public void Five_sentences_are_too_many_and_four_are_not()
    {
        Finds("This is Greg Pitcher. One. Two. Three. Four.", "too-many-sentences").ShouldBeTrue();
        Finds("This is Greg Pitcher. One. Two. Three.", "too-many-sentences").ShouldBeFalse();
    }

    [Fact]
    public void Too_long_to_say_counts_digits_and_pauses()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 70));
        Finds($"This is Greg Pitcher. {words}.", "too-long-to-say").ShouldBeTrue();
        Finds("This is Greg Pitcher. Short.", "too-long-to-say").ShouldBeFalse();
        MessageCoach.Review($"This is Greg Pitcher. {words}.", Greg).EstimatedSeconds.ShouldBe(Math.Round(74 * 60 / 130.0, 1));
    }

    [Theory]
    [InlineData("I'd like your feedback on the bid I sent last week.", false)]
    [InlineData("I'm calling regarding Company ABC.", false)]
    [InlineData("I'm calling about your fleet.", false)]
    [InlineData("I'm just calling to chat about it.", true)]
    [InlineData("Just touching base.", true)]
    public void No_specific_reason(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "no-specific-reason").ShouldBe(expected);

    [Fact]
    public void No_specific_reason_and_no_benefit_do_not_apply_to_vague_and_no_benefit_not_to_tag_team()
    {
        const string bare = "This is Greg Pitcher at 415-616-2407. Thanks.";
        Finds(bare, "no-specific-reason", Greg with { Strategy = Strategy.Vague }).ShouldBeFalse();
        Finds(bare, "no-benefit", Greg with { Strategy = Strategy.Vague }).ShouldBeFalse();
        Finds(bare, "no-benefit", Greg with { Strategy = Strategy.TagTeam }).ShouldBeFalse();
        Finds(bare, "no-specific-reason", Greg with { Strategy = Strategy.TagTeam }).ShouldBeTrue();
        Finds(bare, "no-benefit", Greg).ShouldBeTrue();
    }

    [Theory]
    [InlineData("I can explain how we improve morale and customer service at the same time.", false)]
    [InlineData("We helped Pepsi spend less time on audits.", false)]
    [InlineData("I'd love to tell you about our company.", true)]
    public void No_benefit(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "no-benefit").ShouldBe(expected);

    [Theory]
    [InlineData("I'll call you again Thursday at 10.", false)]
    [InlineData("I'm in tomorrow between 9 and noon.", false)]
    [InlineData("Would Friday at two work?", false)]
    [InlineData("I'll try you at 8:15 am.", false)]
    [InlineData("I'll be in the office on March 3rd.", false)]
    [InlineData("I'll call you soon.", true)]
    [InlineData("I'll try again later this week.", true)]
    [InlineData("We cut costs by 10 percent.", true)]
    public void No_specific_time(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "no-specific-time").ShouldBe(expected);

    [Theory]
    [InlineData("Please call me back at 415-616-2407.", true)]
    [InlineData("Give me a ring when you get this.", true)]
    [InlineData("I look forward to hearing from you.", true)]
    [InlineData("I'll call you again Thursday at 10; if that doesn't suit, call me at 415-616-2407.", false)]
    [InlineData("Would Friday at two work for you?", false)]
    public void Gives_away_control(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "gives-away-control").ShouldBe(expected);

    [Theory]
    [InlineData("Is now a good time to call?", true)]
    [InlineData("Do you have a minute on Thursday?", true)]
    [InlineData("Sorry if I caught you at a bad time — hope I didn't catch you at a bad time.", true)]
    [InlineData("Now is the time to cut costs.", false)]
    [InlineData("I'll keep it to three minutes.", false)]
    public void Asks_if_good_time(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "asks-if-good-time").ShouldBe(expected);

    [Fact]
    public void Referrer_named_once_only_for_referrals_with_a_referrer()
    {
        var referral = Greg with { Strategy = Strategy.Referral, ReferrerName = "Harley Smith" };
        const string once = "Harley Smith suggested I call. This is Greg Pitcher at 415-616-2407. I'll call Thursday at 10.";
        const string twice = "Harley Smith suggested I call. This is Greg Pitcher at 415-616-2407. As I said, our mutual friend Harley prompted me.";
        const string lateOnly = "This is Greg Pitcher at 415-616-2407. I'll call Thursday at 10. Harley Smith says hi. Again, Smith says hi.";
        Finds(once, "referrer-named-once", referral).ShouldBeTrue();
        Finds(twice, "referrer-named-once", referral).ShouldBeFalse();
        Finds(lateOnly, "referrer-named-once", referral).ShouldBeTrue();
        Finds("This is Greg Pitcher at 415-616-2407.", "referrer-named-once", referral).ShouldBeTrue();
        Finds(once, "referrer-named-once", Greg).ShouldBeFalse();
        Finds(once, "referrer-named-once", Greg with { Strategy = Strategy.Referral }).ShouldBeFalse();
    }

    [Theory]
    [InlineData("I haven't heard back from you.", false, true)]
    [InlineData("You never returned my call.", false, true)]
    [InlineData("This is my third message.", false, true)]
    [InlineData("I'm still waiting on your answer.", false, true)]
    [InlineData("You're hard to reach!", false, true)]
    [InlineData("I left you a message on Tuesday.", true, true)]
    [InlineData("I left you a message on Tuesday.", false, false)]
    [InlineData("I'm calling as promised, glad to try you again.", true, false)]
    [InlineData("I'll be glad to hear back from you.", true, false)]
    public void Displeasure(string sentence, bool followUp, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "displeasure", Greg with { FollowUp = followUp }).ShouldBe(expected);

    [Theory]
    [InlineData("Um, I wanted to talk.", true)]
    [InlineData("I, uh, wanted to talk.", true)]
    [InlineData("It's, er, about payroll.", true)]
    [InlineData("It's about, you know, payroll.", true)]
    [InlineData("I'll let you know the price.", false)]
    [InlineData("As you know Peter, Herman and Umar run the ERP.", false)]
    public void Filler_words(string sentence, bool expected) =>
        Finds("This is Greg Pitcher at 415-616-2407. " + sentence, "filler-words").ShouldBe(expected);

    [Fact]
    public void Number_differs_when_a_number_given_is_not_one_of_the_callers()
    {
        var withNumbers = Greg with { CallerNumbers = ["+14156162407", "+442079460958"] };
        Finds(Good, "number-differs", withNumbers).ShouldBeFalse();
        Finds(Good.Replace("me at 415-616-2407", "me at 415-616-2470", StringComparison.Ordinal), "number-differs", withNumbers).ShouldBeTrue();
        Finds("This is Greg Pitcher at 616-2407, or after hours on 020 7946 0958.", "number-differs", withNumbers).ShouldBeFalse();
        Finds("This is Greg Pitcher at 1 415 616 2407.", "number-differs", withNumbers).ShouldBeFalse();
        Finds(Good.Replace("me at 415-616-2407", "me at 415-616-2470", StringComparison.Ordinal), "number-differs", Greg).ShouldBeFalse();
    }

    [Fact]
    public void An_empty_message_says_so()
    {
        var report = MessageCoach.Review("  ", Greg);
        report.Sentences.ShouldBe(0);
        report.Has("number-missing").ShouldBeTrue();
    }
}
