using System.Buffers.Binary;

namespace Ringback.Coach;

/// <summary>Reads how long a RIFF/WAVE recording plays, from its header and data: the "real length" beside the coach's estimate.</summary>
public static class WavLength
{
    /// <returns>Seconds, or null when the bytes are not a PCM WAVE file.</returns>
    public static double? Seconds(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int? byteRate = null;
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var id = wav.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(at + 4, 4));
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8) && body + 12 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                // A streamed file may not know its own size (0 or 0xFFFFFFFF): then the data runs to the end.
                var available = wav.Length - body;
                var length = size == 0 || size > available ? available : (long)size;
                return byteRate is > 0 ? Math.Round(length / (double)byteRate.Value, 2) : null;
            }

            at = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        return null;
    }
}
