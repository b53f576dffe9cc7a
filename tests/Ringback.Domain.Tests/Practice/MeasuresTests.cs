using Ringback.Practice;
using static Ringback.Domain.Tests.Practice.Signals;

namespace Ringback.Domain.Tests.Practice;

public class LoudnessTests
{
    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(16000)]
    public void A_full_scale_997_hz_sine_reads_minus_3_LUFS_at_any_rate(int rate)
    {
        // BS.1770-4's reference: a 0 dBFS 997 Hz sine in one channel is −3.01 LKFS.
        Loudness.Measure(Pcm(Tone(997, 1.0, 5, rate), rate)).IntegratedLufs!.Value.ShouldBe(-3.01, 0.05);
    }

    [Fact]
    public void Silence_is_gated_out_and_a_quiet_stretch_below_the_relative_gate_is_too()
    {
        var tone = Tone(997, 0.1, 5, 16000);
        var alone = Loudness.Measure(Pcm(tone)).IntegratedLufs!.Value;
        var padded = Loudness.Measure(Pcm(Join(Silence(1, 16000), tone, Silence(1, 16000)))).IntegratedLufs!.Value;

        alone.ShouldBe(-23.01, 0.05);

        // Blocks that straddle the tone's ends count (they pass both gates); more silence beyond them changes nothing.
        Loudness.Measure(Pcm(Join(Silence(20, 16000), tone, Silence(20, 16000)))).IntegratedLufs!.Value.ShouldBe(padded, 0.01);
        padded.ShouldBe(alone, 0.5);
        Loudness.Measure(Pcm(Join(tone, Tone(997, 0.005, 5, 16000)))).IntegratedLufs!.Value.ShouldBe(alone, 0.2, "−49 LUFS is more than 10 LU under (only the blocks across the change count)");
        Loudness.Measure(Pcm(Silence(3, 16000))).IntegratedLufs.ShouldBeNull();
    }

    [Fact]
    public void A_flattened_wave_clips_and_a_single_touch_of_full_scale_does_not()
    {
        var clipped = Tone(200, 2.0, 2, 16000).Select(x => Math.Clamp(x, -1f, 1f)).ToArray();
        var touching = Tone(200, 0.5, 2, 16000);
        touching[1000] = 1f;

        Loudness.Measure(Pcm(clipped)).ClippedRuns.ShouldBeGreaterThan(100);
        Loudness.Measure(Pcm(touching)).ClippedRuns.ShouldBe(0);
        Loudness.Measure(Pcm(touching)).PeakDbfs.ShouldBe(0, 0.01);
    }
}

public class LevelsTests
{
    [Theory]
    [InlineData(30)]
    [InlineData(15)]
    [InlineData(8)]
    public void Bursts_over_steady_noise_give_the_noise_floor_and_the_ratio(double snr)
    {
        const double voice = 0.1; // −20 dBFS RMS for a sine of amplitude 0.1·√2
        var noiseRms = voice * Math.Pow(10, -snr / 20);
        var bursts = Join(Enumerable.Range(0, 6).SelectMany(_ => new[] { Tone(440, voice * Math.Sqrt(2), 0.6, 16000), Silence(0.6, 16000) }).ToArray());
        var take = Mix(bursts, Noise(noiseRms, bursts.Length / 16000.0, 16000));

        var levels = Levels.Measure(Pcm(take));

        levels.NoiseFloorDbfs.ShouldBe(Db(noiseRms), 1.0);
        levels.SnrDb.ShouldBe(10 * Math.Log10(1 + Math.Pow(10, snr / 10)), 1.0, "speech frames carry the noise too");
        levels.Spans.Count.ShouldBe(6);
        levels.SpeechSeconds.ShouldBe(3.6, 0.2);
    }

    [Fact]
    public void Digital_silence_reads_as_the_ceiling_and_short_gaps_are_inside_speech()
    {
        var take = Join(Silence(0.5, 16000), Tone(300, 0.3, 1, 16000), Silence(0.2, 16000), Tone(300, 0.3, 1, 16000), Silence(0.5, 16000));

        var levels = Levels.Measure(Pcm(take));

        levels.SnrDb.ShouldBe(PracticeThresholds.SnrCeilingDb);
        levels.Spans.ShouldHaveSingleItem();
        levels.SpeechSeconds.ShouldBe(2.2, 0.05);
    }
}

public class PitchTests
{
    [Theory]
    [InlineData(85)]
    [InlineData(110)]
    [InlineData(165)]
    [InlineData(240)]
    public void A_voice_with_harmonics_is_found_at_its_fundamental_not_an_octave_off(double hz)
    {
        var pitch = Pitch.Measure(Pcm(Voice(hz, 2, 16000)), [(0, 2)]);

        pitch.MedianHz!.Value.ShouldBe(hz, hz * 0.02);
        pitch.VoicedFrames.ShouldBeGreaterThan(80);
    }

    [Fact]
    public void Noise_has_no_pitch()
    {
        Pitch.Measure(Pcm(Noise(0.1, 2, 16000)), [(0, 2)]).MedianHz.ShouldBeNull();
    }
}

public class TelephoneLineTests
{
    private static double Rms(float[] x) => Math.Sqrt(x.Skip(x.Length / 4).Take(x.Length / 2).Average(v => v * v));

    [Fact]
    public void The_line_passes_the_voice_band_at_8_khz_and_drops_what_is_outside_it()
    {
        double Gain(double hz)
        {
            var input = Tone(hz, 0.5, 1, 16000);
            var output = TelephoneLine.Through(Pcm(input));
            output.SampleRate.ShouldBe(8000);
            output.Samples.Length.ShouldBe(8000);
            return Db(Rms(output.Samples) / Rms(input));
        }

        Gain(1000).ShouldBe(0, 0.5);
        Gain(2000).ShouldBe(0, 0.5);
        Gain(100).ShouldBeLessThan(-15);
        Gain(3900).ShouldBeLessThan(-6);
    }

    [Fact]
    public void Mu_law_keeps_a_sample_within_its_segments_step()
    {
        MuLaw.Encode(0).ShouldBe((byte)0xFF);
        foreach (var x in new[] { 0.001f, 0.01f, 0.1f, 0.5f, 0.9f, -0.3f })
        {
            MuLaw.Decode(MuLaw.Encode(x)).ShouldBe(x, Math.Abs(x) * 0.07 + 0.0005);
        }
    }

    [Fact]
    public void A_take_written_as_wave_reads_back_the_same()
    {
        var tone = Tone(440, 0.5, 0.5, 16000);
        var back = Wav.Read(Wav.Write(Pcm(tone)))!;

        back.SampleRate.ShouldBe(16000);
        back.Samples.Length.ShouldBe(tone.Length);
        back.Samples.Zip(tone).ShouldAllBe(p => Math.Abs(p.First - p.Second) < 1e-4);
        Wav.Read("not a wave file at all, clearly not"u8).ShouldBeNull();
    }

    /// <summary>The one reader takes the files other tools write: espeak-ng streaming to a pipe (sizes unknown), a LIST
    /// chunk before the data (sox, ffmpeg), and it times stereo it does not read.</summary>
    [Fact]
    public void Waves_from_other_tools_are_read_and_timed_by_the_one_reader()
    {
        var tone = Tone(440, 0.5, 1.25, 22050);
        var written = Wav.Write(Pcm(tone, 22050));
        Wav.Seconds(written).ShouldBe(1.25);

        var streamed = (byte[])written.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(streamed.AsSpan(4), 0xFFFFFFFF);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(streamed.AsSpan(40), 0xFFFFFFFF);
        Wav.Read(streamed)!.Samples.Length.ShouldBe(tone.Length);
        Wav.Seconds(streamed).ShouldBe(1.25);

        byte[] list = [.. "LIST"u8, 10, 0, 0, 0, .. "INFOISFT"u8, 0, 0];
        var tagged = written[..36].Concat(list).Concat(written[36..]).ToArray();
        Wav.Read(tagged)!.Samples.Length.ShouldBe(tone.Length);
        Wav.Seconds(tagged).ShouldBe(1.25);

        var stereo = (byte[])written.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(stereo.AsSpan(22), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(stereo.AsSpan(28), 22050 * 4);
        Wav.Read(stereo).ShouldBeNull("a take is mono");
        Wav.Seconds(stereo)!.Value.ShouldBe(0.625, 0.01, "half as long at twice the bytes a second");
    }
}

/// <summary>Where a take's numbers are, from the intended text's syllables aligned in order to the take's syllable nuclei.</summary>
public class NumberAlignmentTests
{
    [Fact]
    public void A_number_is_found_among_the_nuclei_its_syllables_correspond_to()
    {
        // "call me at nine oh one five five five two one two oh thanks": 3 + 10 digits + 1 syllables; a nucleus every 0.25 s.
        string[] words = ["call", "me", "at", "nine", "oh", "one", "five", "five", "five", "two", "one", "two", "oh", "thanks"];
        var nuclei = Enumerable.Range(0, 14).Select(i => 0.5 + (i * 0.25)).ToList();

        var number = Ringback.Practice.SpeechRate.NumbersAligned(words, nuclei).Single();

        number.Digits.ShouldBe("9015552120");
        number.Start.ShouldBe(1.25, 1e-9);
        number.End.ShouldBe(3.75, 1e-9);
        number.DigitsPerSecond.ShouldBe(4.0);
    }

    [Fact]
    public void A_take_with_twice_the_nuclei_spreads_the_number_over_twice_as_many()
    {
        string[] words = ["nine", "oh", "one", "five", "five", "five", "two", "one", "two", "oh"];
        var nuclei = Enumerable.Range(0, 20).Select(i => i * 0.3).ToList();

        var number = Ringback.Practice.SpeechRate.NumbersAligned(words, nuclei).Single();

        number.Start.ShouldBe(0.0, 1e-9);
        number.End.ShouldBe(6.0, 1e-9);
        Ringback.Practice.SpeechRate.NumbersAligned(["call", "me", "soon"], nuclei).ShouldBeEmpty();
    }
}
