namespace Ringback.Practice;

/// <summary>Mono audio as samples in [-1, 1] at a sample rate: what every measure of a take reads.</summary>
public sealed class Pcm
{
    public Pcm(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        Samples = samples;
        SampleRate = sampleRate;
    }

    public float[] Samples { get; }

    public int SampleRate { get; }

    public double Seconds => Samples.Length / (double)SampleRate;
}

/// <summary>A second-order IIR section (direct form I), the building block of K-weighting and the telephone band.</summary>
internal struct Biquad(double b0, double b1, double b2, double a1, double a2)
{
    private double _x1, _x2, _y1, _y2;

    public double Next(double x)
    {
        var y = (b0 * x) + (b1 * _x1) + (b2 * _x2) - (a1 * _y1) - (a2 * _y2);
        _x2 = _x1;
        _x1 = x;
        _y2 = _y1;
        _y1 = y;
        return y;
    }

    /// <summary>Butterworth-style sections from the RBJ audio-EQ cookbook (bilinear transform, pre-warped).</summary>
    public static Biquad LowPass(double cutoff, int rate, double q = 0.7071067811865476)
    {
        var w = 2 * Math.PI * cutoff / rate;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    public static Biquad HighPass(double cutoff, int rate, double q = 0.7071067811865476)
    {
        var w = 2 * Math.PI * cutoff / rate;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /// <summary>Fourth-order Butterworth as two sections (Q of 0.541 and 1.307).</summary>
    public static Biquad[] FourthOrder(Func<double, int, double, Biquad> section, double cutoff, int rate) =>
        [section(cutoff, rate, 0.54119610), section(cutoff, rate, 1.3065630)];
}
