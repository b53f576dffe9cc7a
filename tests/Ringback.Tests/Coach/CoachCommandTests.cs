using System.Text.Json.Nodes;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Coach;

[Trait("Tier", "Process")]
public class CoachCommandTests
{
    private const string Vague = "Hi Sue. This is Greg Pitcher at 415-616-2407. It is Tuesday morning and I'll be in the office today. Thanks!";

    [Fact]
    public async Task Coach_json_reports_score_sentences_seconds_and_findings_by_rule()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        var result = await ringback.RunWithInputAsync(Vague, "coach", "--strategy", "vague", "--caller", "Greg Pitcher", "--number", "(415) 616-2407", "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        var report = JsonNode.Parse(result.Out)!;
        report["score"]!.GetValue<int>().ShouldBe(90);
        report["sentences"]!.GetValue<int>().ShouldBe(2);
        // 19 words and 10 digits at 130 a minute, plus two half-second pauses between the number's groups.
        report["estimatedSeconds"]!.GetValue<double>().ShouldBe(Math.Round((19 + 10) * 60 / 130.0 + 2 * 0.5, 1));
        var finding = report["findings"]!.AsArray().ShouldHaveSingleItem()!;
        (finding["rule"]!.GetValue<string>(), finding["severity"]!.GetValue<string>()).ShouldBe(("number-not-at-end", "warning"));
        finding["message"]!.GetValue<string>().ShouldContain("repeat it at the end");
    }

    [Fact]
    public async Task Coach_without_json_prints_a_readable_report_with_the_number_to_say()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        var result = await ringback.RunWithInputAsync("Joe Sampson said to call. Um, this is Greg Pitcher.", "coach", "--strategy", "referral",
            "--caller", "Greg Pitcher", "--number", "415-616-2407", "--referrer", "Joe Sampson", "--follow-up");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("Say your number (415) 616-2407: four one five — six one six — two four oh seven");
        result.Out.ShouldContain("error   number-missing: There is no callback number in the message.");
        result.Out.ShouldContain("referrer-named-once: You name Joe Sampson once");
        result.Out.ShouldContain("filler-words");
        result.Out.ShouldNotContain("caller-name-first");
    }

    [Fact]
    public async Task Coach_refuses_an_unknown_strategy_a_bad_number_and_an_empty_message()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        var strategy = await ringback.RunWithInputAsync(Vague, "coach", "--strategy", "flattery", "--caller", "Greg", "--number", "415-616-2407");
        (strategy.ExitCode, strategy.Error).ShouldBe((2, "ringback coach: --strategy 'flattery' is not a strategy; use one of referral, third-party, association, " +
            "warm-cold-call, straight-ahead-pitch, vague, tag-team, as-promised, straight-pitch, generic\n"));
        var number = await ringback.RunWithInputAsync(Vague, "coach", "--caller", "Greg", "--number", "12");
        number.ExitCode.ShouldBe(2);
        number.Error.ShouldStartWith("ringback coach: --number: ");
        var empty = await ringback.RunWithInputAsync("  \n", "coach", "--caller", "Greg", "--number", "415-616-2407");
        empty.ExitCode.ShouldBe(2);
        empty.Error.ShouldContain("no message on standard input");
    }
}
