using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Ringback.Hosting;

namespace Ringback.Practice;

/// <summary>Why a take was not analysed: the rep's file (a 400) or the server's tools (a 503), in words a rep reads.</summary>
public sealed class PracticeException(string message, bool serverSide = false) : Exception(message)
{
    /// <summary>The server lacks or failed to run a tool; the file may be fine.</summary>
    public bool ServerSide { get; } = serverSide;
}

/// <summary>
/// Any audio a browser records or a phone saves (WAV, WebM/Opus, Ogg, MP3, M4A) decoded by Debian's ffmpeg into
/// mono 16 kHz samples: the rate the recognizer's model was trained at, and enough for every measure (speech has
/// little above 8 kHz, and the phone line stops at 3.4 kHz).
/// </summary>
public sealed class AudioDecoder(IOptions<RingbackOptions> options)
{
    public const int SampleRate = 16000;
    public const string InstallHint = "ffmpeg is not installed on this server, so recordings cannot be decoded: sudo apt-get install ffmpeg (Debian, Ubuntu) or brew install ffmpeg (macOS).";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public string? Program { get; } = Tools.Find("ffmpeg", options.Value.Ffmpeg);

    public async Task<Pcm> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var program = Program ?? throw new PracticeException(InstallHint, serverSide: true);

        // A second past the longest take allowed, so a longer one is recognised as such without decoding an hour.
        var seconds = (PracticeThresholds.MaxSeconds + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var run = await Tools.RunAsync(program,
            ["-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-t", seconds, "-ac", "1", "-ar", $"{SampleRate}", "-f", "f32le", "-"],
            Limit, cancellationToken);
        if (run.ExitCode != 0 || run.Output.Length == 0)
        {
            var why = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no audio in it";
            throw new PracticeException($"The file is not audio that ffmpeg can read (WAV, WebM, Ogg, MP3 or M4A): {Trim(why, path)}.");
        }

        return new Pcm(MemoryMarshal.Cast<byte, float>(run.Output.AsSpan(0, run.Output.Length / 4 * 4)).ToArray(), SampleRate);
    }

    /// <summary>ffmpeg names the temporary file in its errors; the rep never saw that name.</summary>
    private static string Trim(string error, string path) => error.Replace(path + ": ", string.Empty, StringComparison.Ordinal).Replace(path, "the file", StringComparison.Ordinal).TrimEnd('.');
}
