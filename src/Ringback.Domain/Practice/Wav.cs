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

    /// <summary>The samples of a mono 16-bit PCM WAVE file (what <see cref="Write"/> writes, what espeak-ng and sox make); null for anything else.</summary>
    public static Pcm? Read(ReadOnlySpan<byte> wav)
    {
        if (Chunks(wav) is not { Format: 1, Channels: 1, Bits: 16 } chunks)
        {
            return null;
        }

        var count = chunks.DataLength / 2;
        var samples = new float[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav[(chunks.DataStart + (2 * i))..]) / 32768f;
        }

        return new Pcm(samples, chunks.SampleRate);
    }

    /// <summary>How long a WAVE recording of any PCM layout plays, from its header and data, to the hundredth of a second; null when it is not one.</summary>
    public static double? Seconds(ReadOnlySpan<byte> wav) =>
        Chunks(wav) is { ByteRate: > 0 } chunks ? Math.Round(chunks.DataLength / (double)chunks.ByteRate, 2) : null;

    /// <summary>A RIFF/WAVE file's format and where its samples are, walking its chunks (a LIST chunk may come before
    /// the data); null when it is not one.</summary>
    private static Layout? Chunks(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        Layout? format = null;
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var id = wav.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(at + 4, 4));
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= wav.Length)
            {
                format = new Layout(BinaryPrimitives.ReadInt16LittleEndian(wav[body..]), BinaryPrimitives.ReadInt16LittleEndian(wav[(body + 2)..]),
                    BinaryPrimitives.ReadInt32LittleEndian(wav[(body + 4)..]), BinaryPrimitives.ReadInt32LittleEndian(wav[(body + 8)..]),
                    BinaryPrimitives.ReadInt16LittleEndian(wav[(body + 14)..]), 0, 0);
            }
            else if (id.SequenceEqual("data"u8))
            {
                // A streamed file may not know its own size (0 or 0xFFFFFFFF): then the data runs to the end.
                var available = wav.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                return format is null ? null : format with { DataStart = body, DataLength = length };
            }

            at = body + (int)Math.Min(size + (size & 1), (uint)(int.MaxValue - body));
        }

        return null;
    }

    private sealed record Layout(short Format, short Channels, int SampleRate, int ByteRate, short Bits, int DataStart, int DataLength);
}
