namespace Ringback.Practice;

/// <summary>The voice's fundamental frequency: the median over voiced frames, and how many frames were voiced.</summary>
public sealed record PitchReading(double? MedianHz, int VoicedFrames);

/// <summary>
/// Fundamental frequency by normalized cross-correlation over 40 ms frames, every 20 ms, on the take low-passed at
/// 1 kHz and brought to about 8 kHz (the pitch of a speaking voice is 60–400 Hz, and its first harmonics are all the
/// estimate needs). A frame is voiced when its best correlation is strong; of lags nearly as strong as the best, the
/// shortest wins, so a period's multiples (an octave too low) are not taken for the voice.
/// </summary>
public static class Pitch
{
    public const double LowestHz = 60;
    public const double HighestHz = 400;
    private const double VoicedCorrelation = 0.6;
    private const double NearBest = 0.9;

    public static PitchReading Measure(Pcm pcm, IReadOnlyList<(double Start, double End)> speech)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        ArgumentNullException.ThrowIfNull(speech);
        var factor = Math.Max(1, pcm.SampleRate / 8000);
        var rate = pcm.SampleRate / factor;
        var low = Biquad.FourthOrder(Biquad.LowPass, 1000, pcm.SampleRate);
        var x = new float[pcm.Samples.Length / factor];
        for (int i = 0, j = 0; j < x.Length; i++)
        {
            var y = low[1].Next(low[0].Next(pcm.Samples[i]));
            if (i % factor == 0)
            {
                x[j++] = (float)y;
            }
        }

        var frame = (int)(0.04 * rate);
        var hop = frame / 2;
        var minLag = (int)(rate / HighestHz);
        var maxLag = (int)(rate / LowestHz);
        var correlations = new double[maxLag + 1];
        var found = new List<double>();
        foreach (var (start, end) in speech)
        {
            for (var at = (int)(start * rate); at + frame + maxLag <= Math.Min(x.Length, (int)(end * rate) + maxLag); at += hop)
            {
                var window = x.AsSpan(at, frame);
                var energy = Dot(window, window);
                if (energy <= 1e-9)
                {
                    continue;
                }

                var best = 0.0;
                for (var lag = minLag; lag <= maxLag; lag++)
                {
                    var shifted = x.AsSpan(at + lag, frame);
                    var c = Dot(window, shifted) / Math.Sqrt(energy * Dot(shifted, shifted) + 1e-12);
                    correlations[lag] = c;
                    best = Math.Max(best, c);
                }

                if (best < VoicedCorrelation)
                {
                    continue;
                }

                for (var lag = minLag; lag <= maxLag; lag++)
                {
                    // The first peak nearly as strong as the best: a local maximum, refined by a parabola through it.
                    if (correlations[lag] >= NearBest * best && (lag == maxLag || correlations[lag] >= correlations[lag + 1]))
                    {
                        var refined = (double)lag;
                        if (lag > minLag && lag < maxLag)
                        {
                            var (a, b, c) = (correlations[lag - 1], correlations[lag], correlations[lag + 1]);
                            var denominator = a - (2 * b) + c;
                            refined += denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
                        }

                        found.Add(rate / refined);
                        break;
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            return new PitchReading(null, 0);
        }

        found.Sort();
        return new PitchReading(Math.Round(found[found.Count / 2], 1), found.Count);
    }

    /// <summary>A dot product a vector register at a time: the pitch search is almost all dot products.</summary>
    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i + width <= a.Length; i += width)
        {
            sum += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        }

        double total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
