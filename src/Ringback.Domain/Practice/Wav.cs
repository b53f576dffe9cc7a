using System.Buffers.Binary;

namespace Ringback.Practice;

/// <summary>16-bit PCM RIFF/WAVE, mono: how a take is kept and played back (every browser plays it).</summary>
public static class Wav
{
    public static byte[] Write(Pcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        var data = pcm.Samples.Length * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], pcm.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], pcm.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < pcm.Samples.Length; i++)
        {
            var sample = (short)Math.Round(Math.Clamp(pcm.Samples[i], -1f, 1f) * 32767);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], sample);
        }

        return bytes;
    }

    /// <summary>Reads what <see cref="Write"/> wrote (44-byte header, mono, 16-bit); null for anything else.</summary>
    public static Pcm? Read(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 44 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..16].SequenceEqual("WAVEfmt "u8) || !wav[36..40].SequenceEqual("data"u8)
            || BinaryPrimitives.ReadInt16LittleEndian(wav[22..]) != 1 || BinaryPrimitives.ReadInt16LittleEndian(wav[34..]) != 16)
        {
            return null;
        }

        var count = Math.Min(BinaryPrimitives.ReadInt32LittleEndian(wav[40..]), wav.Length - 44) / 2;
        var samples = new float[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav[(44 + (2 * i))..]) / 32768f;
        }

        return new Pcm(samples, BinaryPrimitives.ReadInt32LittleEndian(wav[24..]));
    }
}
