namespace Ringback.Practice;

/// <summary>
/// What a voicemail box hears: the voice band of a phone line (300–3400 Hz), sampled at 8 kHz and carried as
/// G.711 μ-law, eight bits a sample. Played beside the original, it lets a rep hear what the line does to a bass
/// voice (the low end is gone) or a noisy room (the noise is squeezed up with the voice).
/// </summary>
public static class TelephoneLine
{
    public const int SampleRate = 8000;
    public const double LowHz = 300;
    public const double HighHz = 3400;

    public static Pcm Through(Pcm input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var high = Biquad.FourthOrder(Biquad.HighPass, LowHz, input.SampleRate);
        var low = Biquad.FourthOrder(Biquad.LowPass, HighHz, input.SampleRate);
        var band = new float[input.Samples.Length];
        for (var i = 0; i < band.Length; i++)
        {
            band[i] = (float)low[1].Next(low[0].Next(high[1].Next(high[0].Next(input.Samples[i]))));
        }

        // The band already stops below 4 kHz, so linear interpolation is enough to bring it to 8 kHz.
        var ratio = input.SampleRate / (double)SampleRate;
        var output = new float[(int)(band.Length / ratio)];
        for (var j = 0; j < output.Length; j++)
        {
            var at = j * ratio;
            var i = (int)at;
            var next = Math.Min(i + 1, band.Length - 1);
            var sample = band[i] + ((band[next] - band[i]) * (float)(at - i));
            output[j] = MuLaw.Decode(MuLaw.Encode(sample));
        }

        return new Pcm(output, SampleRate);
    }
}

/// <summary>G.711 μ-law: 14-bit linear samples in eight bits, segment by segment, as the phone network carries voice.</summary>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    public static byte Encode(float sample)
    {
        var pcm = (int)Math.Round(Math.Clamp(sample, -1f, 1f) * 32767);
        var sign = pcm < 0 ? 0x80 : 0;
        var magnitude = Math.Min(Math.Abs(pcm), Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static float Decode(byte code)
    {
        var value = ~code & 0xFF;
        var exponent = (value >> 4) & 0x07;
        var magnitude = ((((value & 0x0F) << 3) + Bias) << exponent) - Bias;
        return ((value & 0x80) != 0 ? -magnitude : magnitude) / 32768f;
    }
}
