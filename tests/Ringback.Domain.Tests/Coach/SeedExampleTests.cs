using Ringback.Calls;
using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

/// <summary>Every example message in the seeds, read by the coach, with what a careful reader finds in it.</summary>
public class SeedExampleTests
{
    private static readonly string[] AllRules = [.. CoachRules.All.Select(r => r.Id)];

    private static void ShouldFindExactly(string message, CoachContext context, params string[] expected)
    {
        var report = MessageCoach.Review(message, context);
        var found = report.Findings.Select(f => f.Rule).Distinct().Order().ToArray();
        found.ShouldBe([.. expected.Order()], string.Join(" | ", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
        AllRules.ShouldBeSubsetOf(AllRules); // every id reported is a published one
        report.Findings.ShouldAllBe(f => AllRules.Contains(f.Rule));
    }

    [Fact]
    public void Seed_000_option_one_referral()
    {
        const string message = "Hello Mr. Fields, I was talking to Joe Sampson and he suggested I give you a call because I offer payroll outsourcing service " +
            "and he mentioned that you are looking for this. When you get a chance, please call me at 901-555-2120.";
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.Referral, CallerName = "Freda Whitehouse", ReferrerName = "Joe Sampson" },
            "caller-name-first", "number-not-at-end", "no-benefit", "no-specific-time", "gives-away-control", "referrer-named-once");
    }

    [Fact]
    public void Seed_000_option_two_third_party()
    {
        const string message = "Hello Ms. Jones, I'm calling regarding Company ABC. When you get a chance, could you please call me at 901-555-2120?";
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.ThirdParty, CallerName = "Freda Whitehouse" },
            "caller-name-first", "number-not-at-end", "no-benefit", "no-specific-time", "gives-away-control");
    }

    [Fact]
    public void Seed_000_option_three_warm_cold_call()
    {
        const string message = "Hello Ms. Jones. This is Freda Whitehouse with ABC Company calling. My number is 901-555-2120, and I can be reached " +
            "at this number between nine and noon, Monday to Friday. I was told you are the person to speak to about payroll outsourcing, " +
            "and I'd really appreciate the chance to chat with you about it. My number is 901-555-2120.";
        var report = MessageCoach.Review(message, new CoachContext { Strategy = Strategy.WarmColdCall, CallerName = "Freda Whitehouse" });
        report.Sentences.ShouldBe(4);
        // Said slowly, with the number twice digit by digit and the hours, it runs past 30 seconds.
        report.EstimatedSeconds.ShouldBeInRange(30, 45);
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.WarmColdCall, CallerName = "Freda Whitehouse" },
            "no-benefit", "gives-away-control", "too-long-to-say");
    }

    [Fact]
    public void Seed_000_option_four_straight_ahead_pitch()
    {
        const string message = "Hi Ms. Jones, this is Freda Whitehouse with ABC Company calling. I'm sorry I missed you today. We just put together an " +
            "interesting training package for XYZ Company so they could spend less time dealing with employee conflict, tracking results, and " +
            "providing general information to interested customers. I thought something like this might work well for your company too. " +
            "If you are interested and want to learn more about how we can help, I'd like to get together to talk about it a bit. " +
            "Would this Friday at two work for you?";
        var report = MessageCoach.Review(message, new CoachContext { Strategy = Strategy.StraightAheadPitch, CallerName = "Freda Whitehouse" });
        report.Sentences.ShouldBe(6);
        report.EstimatedSeconds.ShouldBeGreaterThan(30);
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.StraightAheadPitch, CallerName = "Freda Whitehouse" },
            "number-missing", "too-many-sentences", "too-long-to-say");
    }

    [Fact]
    public void Seed_001_association()
    {
        const string message = "Good morning, Steve. This is Dave Dialer at 703-555-8047. I'm calling from Boheme Chemicals regarding the success " +
            "we've had working with Performance Tires. I look forward to hearing from you.";
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.Association, CallerName = "Dave Dialer" },
            "number-not-at-end", "no-specific-time", "gives-away-control");
    }

    [Fact]
    public void Seed_001_vague()
    {
        const string message = "Hi Sue. This is Greg Pitcher at 415-616-2407. It is Tuesday morning and I'll be in the office today. Thanks!";
        var report = MessageCoach.Review(message, new CoachContext { Strategy = Strategy.Vague, CallerName = "Greg Pitcher" });
        report.Sentences.ShouldBe(2);
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.Vague, CallerName = "Greg Pitcher" }, "number-not-at-end");
    }

    [Fact]
    public void Seed_001_tag_team()
    {
        const string message = "Hello, this is Sally LeQuota. I wanted to speak with you about Greg Pitcher, one of our account managers who spoke " +
            "with you in May. If you could please give me a call, I can be reached at 415-616-2498.";
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.TagTeam, CallerName = "Sally LeQuota" },
            "number-not-at-start", "number-not-at-end", "no-specific-time", "gives-away-control");
    }

    [Fact]
    public void Seed_003_as_promised_opener_alone_is_only_a_start()
    {
        ShouldFindExactly("Hi Sue, I'm calling as promised…", new CoachContext { Strategy = Strategy.AsPromised, CallerName = "Greg Pitcher", FollowUp = true },
            "caller-name-first", "number-missing", "no-benefit", "no-specific-time");
    }

    [Fact]
    public void Seed_003_giving_control_away_versus_keeping_it()
    {
        var context = new CoachContext { CallerName = "Greg Pitcher" };
        MessageCoach.Review("This is Greg Pitcher at 415-616-2407. Give me a call back when you get this message.", context)
            .Has("gives-away-control").ShouldBeTrue();
        var kept = MessageCoach.Review("This is Greg Pitcher at 415-616-2407. I'll call you again at 08:15 am tomorrow.", context);
        kept.Has("gives-away-control").ShouldBeFalse();
        kept.Has("no-specific-time").ShouldBeFalse();
    }

    [Fact]
    public void Seed_002_referral_named_at_the_start_and_the_close()
    {
        const string message = "Harley Smith suggested that you might be interested in my services. This is Bill Lampton at 404-555-0147; " +
            "I'll call again Thursday at 10 about improving your staff's morale. " +
            "As I said, our mutual friend Harley Smith prompted me to call: 404-555-0147.";
        ShouldFindExactly(message, new CoachContext { Strategy = Strategy.Referral, CallerName = "Bill Lampton", ReferrerName = "Harley Smith" });
    }
}
