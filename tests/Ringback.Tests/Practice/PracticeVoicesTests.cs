using Microsoft.Extensions.Options;
using Ringback.Coach;
using Ringback.Hosting;
using Ringback.Practice;

namespace Ringback.Tests.Practice;

/// <summary>
/// Takes judged right in any voice this machine can make: each of flite's voices and espeak-ng's accents and variants,
/// fast and slow, clean and with noise. The pace comes from the sound (syllable nuclei against the intended text), so
/// a fast take is "too fast" even when recognition is unsure; a number said twice is never "said once"; no number
/// runs longer than a phone number.
/// </summary>
[Trait("Tier", "Audio")]
public sealed class PracticeVoicesTests : IDisposable
{
    private static readonly CoachContext Freda = new() { CallerName = "Freda Whitehouse", CallerNumbers = ["+19015552120"] };
    private readonly Takes _takes = new();
    private readonly PracticeLab _lab;

    public PracticeVoicesTests()
    {
        Takes.RequireTools();
        var options = Options.Create(new RingbackOptions());
        _lab = new PracticeLab(new AudioDecoder(options), new SpeechRecognizer(options));
    }

    public void Dispose() => _takes.Dispose();

    /// <summary>Each voice fast and at a careful pace: flite by its duration stretch, espeak-ng by words a minute.</summary>
    public static TheoryData<string> Voices => ["flite:slt", "flite:kal", "flite:awb", "flite:rms", "espeak:en-us", "espeak:en-gb-x-rp", "espeak:en-us+f3", "espeak:en-gb-scotland+m3"];

    private string Take(string voice, bool fast)
    {
        var (tool, name) = (voice.Split(':')[0], voice.Split(':')[1]);
        return _takes.Padded(tool == "flite" ? _takes.Flite(stretch: fast ? 0.7 : 1.6, voice: name) : _takes.Espeak(fast ? 205 : 110, voice: name));
    }

    private async Task<TakeReport> AnalyseAsync(string path) => (await _lab.AnalyseAsync(path, Takes.Message, Freda, TestContext.Current.CancellationToken)).Report;

    [Theory]
    [MemberData(nameof(Voices))]
    public async Task A_fast_take_is_too_fast_and_a_careful_one_is_not_in_any_voice(string voice)
    {
        var fast = await AnalyseAsync(Take(voice, fast: true));
        var careful = await AnalyseAsync(Take(voice, fast: false));

        fast.Has("too-fast").ShouldBeTrue($"{voice} fast: {fast.WordsPerMinute} wpm, reliable {fast.TranscriptReliable}: {fast.Transcript}");
        fast.Has("number-too-fast").ShouldBeTrue($"{voice} fast, reliable {fast.TranscriptReliable}: {string.Join(", ", fast.Findings.Select(f => f.Message))}");
        careful.Has("too-fast").ShouldBeFalse($"{voice} careful: {careful.WordsPerMinute} wpm");
        foreach (var take in new[] { fast, careful })
        {
            take.Has("number-said-once").ShouldBeFalse($"{voice}: the message says the number twice; heard {take.Transcript}");
            take.Numbers.ShouldAllBe(n => n.Digits.Length <= 15, $"{voice}: {string.Join(", ", take.Numbers.Select(n => n.Digits))}");
        }
    }

    [Theory]
    [InlineData("flite:kal")]
    [InlineData("espeak:en-gb-x-rp")]
    public async Task Noise_does_not_hide_a_fast_take(string voice)
    {
        var noisy = await AnalyseAsync(_takes.WithNoise(Take(voice, fast: true), belowDb: 20));
        noisy.Has("too-fast").ShouldBeTrue($"{voice} with noise: {noisy.WordsPerMinute} wpm");
        noisy.Has("number-said-once").ShouldBeFalse(noisy.Transcript);
    }
}
