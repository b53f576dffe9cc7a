namespace Ringback.Practice;

/// <summary>How loud a take is as a listener hears it, its highest sample, and whether it clipped.</summary>
/// <param name="IntegratedLufs">ITU-R BS.1770-4 integrated loudness, or null when no block rises above the absolute gate (silence).</param>
/// <param name="ClippedRuns">Runs of <see cref="PracticeThresholds.ClippedRunSamples"/> or more consecutive samples at full scale.</param>
public sealed record LoudnessReading(double? IntegratedLufs, double PeakDbfs, int ClippedRuns);

/// <summary>
/// ITU-R BS.1770-4 loudness of a mono signal: K-weighting (a high shelf for the head, a high pass for the ear),
/// mean square over 400 ms blocks overlapping by 75 %, an absolute gate at −70 LUFS and a relative gate 10 LU
/// below the loudness of the blocks that passed it. A mono take is measured as the one channel a phone line carries.
/// </summary>
public static class Loudness
{
    private const double AbsoluteGate = -70;
    private const double RelativeGate = -10;

    public static LoudnessReading Measure(Pcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        var samples = pcm.Samples;
        var (shelf, highPass) = KWeighting(pcm.SampleRate);
        var block = (int)(0.4 * pcm.SampleRate);
        var step = block / 4;

        // Mean squares per 100 ms quarter, so each 400 ms block is the sum of four quarters.
        var quarters = new double[(samples.Length / step) + 1];
        double peak = 0;
        var clippedRuns = 0;
        var run = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            var y = highPass.Next(shelf.Next(x));
            quarters[i / step] += y * y;
            var magnitude = Math.Abs(x);
            peak = Math.Max(peak, magnitude);
            run = magnitude >= PracticeThresholds.FullScale ? run + 1 : 0;
            if (run == PracticeThresholds.ClippedRunSamples)
            {
                clippedRuns++;
            }
        }

        var whole = samples.Length / step;
        var blocks = new List<double>();
        for (var q = 0; q + 4 <= whole; q++)
        {
            blocks.Add((quarters[q] + quarters[q + 1] + quarters[q + 2] + quarters[q + 3]) / (4.0 * step));
        }

        var peakDbfs = peak > 0 ? 20 * Math.Log10(peak) : double.NegativeInfinity;
        var loud = blocks.Where(z => Lufs(z) > AbsoluteGate).ToList();
        if (loud.Count == 0)
        {
            return new LoudnessReading(null, peakDbfs, clippedRuns);
        }

        var relative = Lufs(loud.Average()) + RelativeGate;
        var gated = loud.Where(z => Lufs(z) > relative).ToList();
        return new LoudnessReading(Lufs(gated.Average()), peakDbfs, clippedRuns);
    }

    private static double Lufs(double meanSquare) => -0.691 + (10 * Math.Log10(meanSquare));

    /// <summary>
    /// The two K-weighting filters for any sample rate. BS.1770 gives coefficients at 48 kHz only; these are its
    /// analog prototypes (centre frequencies, gain and Q as libebur128 derives them) through the bilinear transform.
    /// </summary>
    private static (Biquad Shelf, Biquad HighPass) KWeighting(int rate)
    {
        var f0 = 1681.974450955533;
        var gain = 3.999843853973347;
        var q = 0.7071752369554196;
        var k = Math.Tan(Math.PI * f0 / rate);
        var vh = Math.Pow(10, gain / 20);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1 + (k / q) + (k * k);
        var shelf = new Biquad((vh + (vb * k / q) + (k * k)) / a0, 2 * ((k * k) - vh) / a0, (vh - (vb * k / q) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0, (1 - (k / q) + (k * k)) / a0);

        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.Tan(Math.PI * f0 / rate);
        var d = 1 + (k / q) + (k * k);
        var highPass = new Biquad(1, -2, 1, 2 * ((k * k) - 1) / d, (1 - (k / q) + (k * k)) / d);
        return (shelf, highPass);
    }
}
