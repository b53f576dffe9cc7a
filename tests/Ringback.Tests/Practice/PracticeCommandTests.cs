using System.Text.Json.Nodes;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Practice;

[Trait("Tier", "Audio")]
public sealed class PracticeCommandTests : IDisposable
{
    private readonly Takes _takes = new();

    public PracticeCommandTests() => Takes.RequireTools();

    public void Dispose() => _takes.Dispose();

    [Fact]
    public async Task Practice_json_reports_the_measures_and_findings_of_a_take()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        var take = _takes.Ffmpeg(_takes.Padded(_takes.Flite(stretch: 0.9)), "ogg", "-c:a", "libvorbis");

        var result = await ringback.RunAsync("practice", take, "--text", Takes.Message, "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        var report = JsonNode.Parse(result.Out)!;
        report["loudnessLufs"]!.GetValue<double>().ShouldBeInRange(-30, -10);
        report["wordsPerMinute"]!.GetValue<double>().ShouldBeGreaterThan(160);
        report["transcriptReliable"]!.GetValue<bool>().ShouldBeTrue();
        report["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ShouldContain("too-fast");
    }

    [Fact]
    public async Task Practice_refuses_what_is_not_a_take_with_exit_2_saying_why()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        var text = _takes.Next("txt");
        await File.WriteAllTextAsync(text, "not audio", TestContext.Current.CancellationToken);
        var big = _takes.Next("wav");
        await File.WriteAllBytesAsync(big, new byte[21 * 1024 * 1024], TestContext.Current.CancellationToken);

        var notAudio = await ringback.RunAsync("practice", text);
        var tooBig = await ringback.RunAsync("practice", big);
        var missing = await ringback.RunAsync("practice", "/nonexistent/take.wav");

        (notAudio.ExitCode, tooBig.ExitCode, missing.ExitCode).ShouldBe((2, 2, 2));
        notAudio.Error.ShouldContain("not audio that ffmpeg can read");
        tooBig.Error.ShouldContain("at most 20 MB");
        missing.Error.ShouldContain("no such file");
    }
}
