using Microsoft.Extensions.Options;
using Ringback.Coach;
using Ringback.Hosting;

namespace Ringback.Practice;

/// <summary>A message rendered as speech at the coached pace, and how long it really plays.</summary>
public sealed record PracticeAudio(byte[] Wav, double Seconds);

/// <summary>
/// Says a message aloud with espeak-ng at the coached pace (130 words a minute, numbers digit by digit), so a
/// rep can hear it before leaving it. espeak-ng is optional: where it is missing the page says how to install it.
/// </summary>
public sealed class PracticeVoice(IOptions<RingbackOptions> options)
{
    public const string InstallHint = "Install espeak-ng to hear your message at the coached pace: sudo apt-get install espeak-ng (Debian, Ubuntu) or brew install espeak-ng (macOS).";

    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(30);

    /// <summary>The espeak-ng program, from <c>Ringback:Espeak</c> or the PATH; null when there is none.</summary>
    public string? Program { get; } = Tools.Find("espeak-ng", options.Value.Espeak);

    public bool IsAvailable => Program is not null;

    public async Task<PracticeAudio> RenderAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var program = Program ?? throw new InvalidOperationException(InstallHint);
        var file = Path.Combine(Path.GetTempPath(), $"ringback-practice-{Guid.NewGuid():N}.wav");
        try
        {
            var pace = ((int)SpeakingTime.WordsPerMinute).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var run = await Tools.RunAsync(program, ["-s", pace, "-v", "en-us", "-w", file, "--stdin"], RenderLimit, cancellationToken, PhoneSpeech.ForSpeech(message));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({run.ExitCode}): {run.Errors.Trim()}");
            }

            var wav = await File.ReadAllBytesAsync(file, cancellationToken);
            return new PracticeAudio(wav, Wav.Seconds(wav) ?? throw new InvalidOperationException($"{program} wrote no WAVE audio."));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
