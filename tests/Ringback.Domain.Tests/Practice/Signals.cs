using Ringback.Practice;

namespace Ringback.Domain.Tests.Practice;

/// <summary>Test signals with known figures: tones, harmonic voices, bursts and white noise at exact levels.</summary>
internal static class Signals
{
    public static float[] Tone(double hz, double amplitude, double seconds, int rate) =>
        [.. Enumerable.Range(0, (int)(seconds * rate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate)))];

    /// <summary>A buzz with the first five harmonics of <paramref name="hz"/>, falling 6 dB each: a crude voiced vowel.</summary>
    public static float[] Voice(double hz, double seconds, int rate) =>
        [.. Enumerable.Range(0, (int)(seconds * rate)).Select(i => (float)(0.3 * Enumerable.Range(1, 5).Sum(k => Math.Sin(2 * Math.PI * hz * k * i / rate) / k)))];

    /// <summary>Uniform white noise with an RMS of <paramref name="rms"/>, seeded so every run is the same.</summary>
    public static float[] Noise(double rms, double seconds, int rate, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, (int)(seconds * rate)).Select(_ => (float)(rms * Math.Sqrt(3) * ((random.NextDouble() * 2) - 1)))];
    }

    public static float[] Silence(double seconds, int rate) => new float[(int)(seconds * rate)];

    public static float[] Join(params float[][] parts) => [.. parts.SelectMany(p => p)];

    public static float[] Mix(float[] a, float[] b) => [.. a.Select((x, i) => x + (i < b.Length ? b[i] : 0))];

    public static double Db(double amplitude) => 20 * Math.Log10(amplitude);

    public static Pcm Pcm(float[] samples, int rate = 16000) => new(samples, rate);
}
