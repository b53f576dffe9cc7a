using Ringback.Coach;

namespace Ringback.Practice;

/// <summary>
/// A practice take from file to findings: decode (ffmpeg), refuse what cannot be judged, hear the words (pocketsphinx),
/// then the pure review. A missing or failing recognizer does not lose the take: its sound is still measured, the
/// typed message still coached, and the report names the recognizer.
/// </summary>
public sealed class PracticeLab(AudioDecoder decoder, SpeechRecognizer recognizer)
{
    /// <param name="path">The uploaded file, already known to be at most <see cref="PracticeThresholds.MaxBytes"/>.</param>
    /// <param name="timed">Told how long each stage took (decode, recognition, review), for the benchmark.</param>
    public async Task<AnalysedTake> AnalyseAsync(string path, string? intendedText, CoachContext context, CancellationToken cancellationToken,
        Action<string, TimeSpan>? timed = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pcm = await decoder.DecodeAsync(path, cancellationToken);
        timed?.Invoke("decode", clock.Elapsed);
        if (PracticeReview.Refusal(pcm) is { } refusal)
        {
            throw new PracticeException(refusal);
        }

        TakeRecognition? recognition = null;
        string? problem = null;
        clock.Restart();
        try
        {
            recognition = await recognizer.RecognizeAsync(pcm, intendedText, cancellationToken);
        }
        catch (Exception e) when (e is PracticeException or TimeoutException)
        {
            problem = e.Message.TrimEnd('.');
        }

        timed?.Invoke("recognition", clock.Elapsed);
        clock.Restart();
        var report = PracticeReview.Review(pcm, recognition, intendedText, context, problem);
        timed?.Invoke("measures and coach", clock.Elapsed);
        return new AnalysedTake(report, Wav.Write(pcm));
    }

    /// <summary>The size rule, before anything is decoded.</summary>
    public static string? TooLarge(long bytes) => bytes > PracticeThresholds.MaxBytes
        ? $"The file is {bytes / 1024.0 / 1024:0.0} MB: a take may be at most {PracticeThresholds.MaxBytes / 1024 / 1024} MB."
        : bytes == 0 ? "The file is empty: choose a recording, or record one." : null;
}
