namespace Ringback.Practice;

/// <summary>Where the voice is in a take and how far it stands above the room.</summary>
/// <param name="NoiseFloorDbfs">The level of the quietest stretches: the room, the line hiss, the traffic.</param>
/// <param name="SpeechLevelDbfs">The power-mean level of the stretches with voice in them.</param>
/// <param name="SpeechSeconds">The time with voice in it, pauses longer than <see cref="PracticeThresholds.PauseSeconds"/> left out.</param>
/// <param name="Spans">The stretches with voice, in seconds from the start.</param>
public sealed record LevelsReading(double NoiseFloorDbfs, double SpeechLevelDbfs, double SpeechSeconds, IReadOnlyList<(double Start, double End)> Spans)
{
    /// <summary>Signal-to-noise ratio; a studio-silent pause (digital zero) reads as <see cref="PracticeThresholds.SnrCeilingDb"/>.</summary>
    public double SnrDb => Math.Min(PracticeThresholds.SnrCeilingDb, SpeechLevelDbfs - NoiseFloorDbfs);

    /// <summary>
    /// The middle of the pause nearest the middle of the voice, where a take can be cut in two without cutting a word
    /// (so its halves can be recognized at once, one per core); null when there is no pause in the middle half.
    /// </summary>
    public double? PauseNearMiddle()
    {
        if (Spans.Count < 2)
        {
            return null;
        }

        var (first, last) = (Spans[0].Start, Spans[^1].End);
        var middle = (first + last) / 2;
        var best = Enumerable.Range(1, Spans.Count - 1).Select(i => (Spans[i - 1].End + Spans[i].Start) / 2).MinBy(at => Math.Abs(at - middle));
        return Math.Abs(best - middle) <= (last - first) / 4 ? best : null;
    }
}

/// <summary>
/// Frame levels over 20 ms: the noise floor is the power mean of the quietest tenth of the take (a voicemail has
/// pauses between words and sentences, and the room is all that is heard there); speech is every frame clearly over
/// that floor and within 20 dB of the take's loud frames (as ITU-T P.56 counts active speech), its level their power mean.
/// </summary>
public static class Levels
{
    public const double FrameSeconds = 0.02;

    /// <summary>Speech counts from this far under the loud frames: softer consonants and word ends, not the room.</summary>
    private const double ActiveRangeDb = 20;

    /// <summary>Frames quieter than this are taken as digital silence, so a floor of zeros is finite.</summary>
    private const double Quietest = -100;

    public static LevelsReading Measure(Pcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        var db = FrameLevels(pcm);
        if (db.Length == 0)
        {
            return new LevelsReading(Quietest, Quietest, 0, []);
        }

        var sorted = db.Order().ToArray();
        var quietCount = Math.Max(1, sorted.Length / 10);
        var floor = PowerMean(sorted.AsSpan(0, quietCount));
        var loud = sorted[(int)(0.95 * (sorted.Length - 1))];
        var threshold = Math.Max(floor + PracticeThresholds.SpeechAboveFloorDb, loud - ActiveRangeDb);
        var speech = db.Where(d => d > threshold).ToArray();
        var spans = Spans(db, threshold);
        return new LevelsReading(floor, speech.Length == 0 ? floor : PowerMean(speech), spans.Sum(s => s.End - s.Start), spans);
    }

    /// <summary>The level of each 20 ms frame in dBFS.</summary>
    private static double[] FrameLevels(Pcm pcm)
    {
        var frame = (int)(FrameSeconds * pcm.SampleRate);
        var levels = new double[pcm.Samples.Length / frame];
        for (var f = 0; f < levels.Length; f++)
        {
            double sum = 0;
            foreach (var x in pcm.Samples.AsSpan(f * frame, frame))
            {
                sum += x * x;
            }

            levels[f] = Math.Max(Quietest, 10 * Math.Log10((sum / frame) + 1e-20));
        }

        return levels;
    }

    /// <summary>Voiced frames joined into stretches; gaps shorter than a pause between words are bridged.</summary>
    private static List<(double Start, double End)> Spans(double[] db, double threshold)
    {
        var spans = new List<(double Start, double End)>();
        var bridge = (int)Math.Round(PracticeThresholds.PauseSeconds / FrameSeconds);
        int start = -1, last = -1;
        for (var f = 0; f < db.Length; f++)
        {
            if (db[f] <= threshold)
            {
                continue;
            }

            if (start >= 0 && f - last > bridge)
            {
                spans.Add((start * FrameSeconds, (last + 1) * FrameSeconds));
                start = f;
            }
            else if (start < 0)
            {
                start = f;
            }

            last = f;
        }

        if (start >= 0)
        {
            spans.Add((start * FrameSeconds, (last + 1) * FrameSeconds));
        }

        return spans;
    }

    private static double PowerMean(ReadOnlySpan<double> db)
    {
        double sum = 0;
        foreach (var d in db)
        {
            sum += Math.Pow(10, d / 10);
        }

        return 10 * Math.Log10(sum / db.Length);
    }
}
