using Microsoft.Extensions.Options;
using Ringback.Coach;
using Ringback.Hosting;
using Ringback.Practice;

namespace Ringback.Tests.Practice;

/// <summary>Takes made with flite, espeak-ng and sox, through the real decoder and recognizer, each finding on the take that should raise it and one that should not.</summary>
[Trait("Tier", "Audio")]
public sealed class PracticeLabTests : IDisposable
{
    private static readonly CoachContext Freda = new() { CallerName = "Freda Whitehouse", CallerNumbers = ["+19015552120"] };
    private readonly Takes _takes = new();
    private readonly PracticeLab _lab;

    public PracticeLabTests()
    {
        Takes.RequireTools();
        var options = Options.Create(new RingbackOptions());
        _lab = new PracticeLab(new AudioDecoder(options), new SpeechRecognizer(options));
    }

    public void Dispose() => _takes.Dispose();

    private Task<AnalysedTake> AnalyseAsync(string path, string? text = Takes.Message) =>
        _lab.AnalyseAsync(path, text, Freda, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_clear_take_at_the_coached_pace_is_heard_word_for_word_and_says_the_number_twice()
    {
        var take = (await AnalyseAsync(_takes.Padded(_takes.Careful()))).Report;

        MessageCoach.Review(Takes.Message, Freda).Findings.ShouldBeEmpty("the message itself is a good one");
        take.TranscriptReliable.ShouldBeTrue(take.Transcript);
        take.Numbers.Count(n => NumberDelivery.SameNumber(n.Digits, "9015552120")).ShouldBe(2, take.Transcript);
        take.Findings.Select(f => f.Rule).ShouldBeEmpty(string.Join("; ", take.Findings.Select(f => f.Message)) + " | " + take.Transcript
            + $" | wpm {take.WordsPerMinute} lufs {take.LoudnessLufs} snr {take.SnrDb} pitch {take.MedianPitchHz} numbers {string.Join(",", take.Numbers.Select(n => n.DigitsPerSecond))}");
    }

    [Fact]
    public async Task A_fast_take_is_too_fast_and_its_number_too_fast_to_write_down()
    {
        var fast = (await AnalyseAsync(_takes.Padded(_takes.Flite(stretch: 0.9)))).Report;
        var slow = (await AnalyseAsync(_takes.Padded(_takes.Careful(stretch: 1.4)))).Report;

        fast.TranscriptReliable.ShouldBeTrue(fast.Transcript);
        fast.Findings.Select(f => f.Rule).ShouldContain("too-fast", $"{fast.WordsPerMinute} wpm");
        fast.Findings.Select(f => f.Rule).ShouldContain("number-too-fast", string.Join(", ", fast.Numbers.Select(n => n.DigitsPerSecond)));
        fast.WordsPerMinute!.Value.ShouldBeGreaterThan(slow.WordsPerMinute!.Value * 1.4);
        slow.Findings.Select(f => f.Rule).ShouldNotContain("too-fast");
        slow.Findings.Select(f => f.Rule).ShouldNotContain("number-too-fast");
        slow.Numbers.ShouldAllBe(n => n.DigitsPerSecond <= PracticeThresholds.MaxDigitsPerSecond);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(130)]
    [InlineData(190)]
    public async Task Espeak_at_a_known_rate_is_measured_near_that_rate_and_only_the_fast_one_is_too_fast(int rate)
    {
        var take = (await AnalyseAsync(_takes.Padded(_takes.Espeak(rate)))).Report;

        take.WordsPerMinute!.Value.ShouldBeInRange(rate * 0.8, rate * 1.3, take.Transcript);
        if (take.TranscriptReliable)
        {
            take.Has("too-fast").ShouldBe(rate > 160, $"{take.WordsPerMinute} wpm");
        }
    }

    [Fact]
    public async Task A_quiet_take_is_too_quiet_and_a_clipped_one_clips()
    {
        var clear = _takes.Padded(_takes.Careful());
        var quiet = (await AnalyseAsync(_takes.Sox(clear, "gain", "-18"))).Report;
        var clipped = (await AnalyseAsync(_takes.Sox(clear, "gain", "18"))).Report;
        var normal = (await AnalyseAsync(clear)).Report;

        quiet.Has("too-quiet").ShouldBeTrue($"{quiet.LoudnessLufs} LUFS");
        clipped.Has("clipping").ShouldBeTrue($"peak {clipped.PeakDbfs}");
        (normal.Has("too-quiet"), normal.Has("clipping")).ShouldBe((false, false));
        clipped.Has("too-quiet").ShouldBeFalse();
        quiet.LoudnessLufs!.Value.ShouldBe(normal.LoudnessLufs!.Value - 18, 0.3);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(35, false)]
    public async Task Noise_below_twenty_decibels_under_the_voice_is_background_noise(double belowDb, bool noisy)
    {
        var take = (await AnalyseAsync(_takes.WithNoise(_takes.Careful(), belowDb))).Report;

        take.Has("background-noise").ShouldBe(noisy, $"SNR {take.SnrDb} dB");
        take.SnrDb.ShouldBeInRange(belowDb - 2, belowDb + 10, "the voice's active level is a little over the take's average, which has pauses in it");
    }

    [Fact]
    public async Task A_bass_voice_is_low_for_the_line_and_a_higher_one_is_not()
    {
        var clear = _takes.Padded(_takes.Careful());
        var bass = (await AnalyseAsync(_takes.Sox(clear, "pitch", "-900"))).Report;
        var normal = (await AnalyseAsync(clear)).Report;

        normal.MedianPitchHz!.Value.ShouldBeInRange(140, 220);
        bass.MedianPitchHz!.Value.ShouldBe(normal.MedianPitchHz.Value * Math.Pow(2, -9 / 12.0), normal.MedianPitchHz.Value * 0.08);
        bass.Has("low-pitch").ShouldBeTrue();
        normal.Has("low-pitch").ShouldBeFalse();
        bass.Findings.Single(f => f.Rule == "low-pitch").Message.ShouldContain("300 Hz");
    }

    [Fact]
    public async Task A_number_said_once_is_found_and_twice_is_not()
    {
        const string once = "Hi Dana, this is Freda Whitehouse at ABC Company, calling about how we can cut your fleet's overtime costs. I'll call you again Thursday at 10, or call me at 901-555-2120.";
        var take = (await AnalyseAsync(_takes.Padded(_takes.Careful(once)), once)).Report;

        take.TranscriptReliable.ShouldBeTrue(take.Transcript);
        take.Has("number-said-once").ShouldBeTrue(take.Transcript);
    }

    [Fact]
    public async Task Without_the_intended_text_or_off_script_nothing_is_judged_from_the_words()
    {
        var clear = _takes.Padded(_takes.Careful());
        var free = (await AnalyseAsync(clear, text: null)).Report;
        var offScript = (await AnalyseAsync(_takes.Padded(_takes.Flite("The weather in Paris was lovely last week, and the museums were quiet.")))).Report;

        free.TranscriptReliable.ShouldBeFalse();
        free.Transcript.ShouldNotBeNullOrWhiteSpace();
        free.Findings.Select(f => f.Rule).ShouldBe(["recognition-unsure"]);
        offScript.TranscriptReliable.ShouldBeFalse(offScript.Transcript);
        offScript.Findings.Select(f => f.Rule).ShouldBe(["recognition-unsure"]);
        offScript.Findings[0].Message.ShouldContain("words of your message were recognized");
    }

    [Fact]
    public async Task Loudness_agrees_with_ffmpegs_ebur128_within_half_a_unit()
    {
        var clear = _takes.Padded(_takes.Careful());
        foreach (var take in new[] { clear, _takes.Sox(clear, "gain", "-12"), _takes.WithNoise(clear, 15), _takes.Padded(_takes.Espeak(130)) })
        {
            var ours = (await AnalyseAsync(take)).Report.LoudnessLufs!.Value;
            var summary = Takes.Output("ffmpeg", "-nostats", "-i", take, "-af", "ebur128", "-f", "null", "-");
            var theirs = double.Parse(System.Text.RegularExpressions.Regex.Matches(summary, @"I:\s+(-?[\d.]+) LUFS")[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            ours.ShouldBe(theirs, 0.5, take);
        }
    }

    [Fact]
    public async Task Browser_and_phone_formats_decode_to_the_same_take()
    {
        var clear = _takes.Padded(_takes.Careful());
        var wav = (await AnalyseAsync(clear)).Report;
        foreach (var (extension, options) in new[] { ("webm", new[] { "-c:a", "libopus" }), ("ogg", ["-c:a", "libvorbis"]), ("mp3", []), ("m4a", ["-c:a", "aac"]) })
        {
            var other = (await AnalyseAsync(_takes.Ffmpeg(clear, extension, options))).Report;
            other.LoudnessLufs!.Value.ShouldBe(wav.LoudnessLufs!.Value, 1.0, extension);
            other.DurationSeconds.ShouldBe(wav.DurationSeconds, 0.15, extension);
            other.TranscriptReliable.ShouldBeTrue(extension);
        }
    }

    [Fact]
    public async Task What_cannot_be_judged_is_refused_saying_why()
    {
        var text = _takes.Next("txt");
        await File.WriteAllTextAsync(text, "name,phone\nSue,555", TestContext.Current.CancellationToken);
        var silent = _takes.Next("wav");
        Takes.Run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", silent, "trim", "0", "3");
        var clear = _takes.Careful();

        (await Should.ThrowAsync<PracticeException>(() => AnalyseAsync(text))).Message.ShouldStartWith("The file is not audio");
        (await Should.ThrowAsync<PracticeException>(() => AnalyseAsync(silent))).Message.ShouldContain("silent");
        (await Should.ThrowAsync<PracticeException>(() => AnalyseAsync(_takes.Sox(clear, "trim", "0", "0.6")))).Message.ShouldContain("at least 1 second");
        (await Should.ThrowAsync<PracticeException>(() => AnalyseAsync(_takes.Sox(clear, "repeat", "8")))).Message.ShouldContain("longer than 3 minutes");
        PracticeLab.TooLarge(21L * 1024 * 1024).ShouldBe("The file is 21.0 MB: a take may be at most 20 MB.");
    }
}
