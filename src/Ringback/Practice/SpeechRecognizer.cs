using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Ringback.Hosting;

namespace Ringback.Practice;

/// <summary>
/// The words of a take and when each was said, by Debian's offline recognizer (pocketsphinx_continuous with the
/// pocketsphinx-en-us model), run as a process. Given the message the rep meant to say, it listens for that message's
/// words (<see cref="TakeGrammar"/>); without it, it recognizes freely with the general model, which is rough and slow.
/// </summary>
public sealed class SpeechRecognizer(IOptions<RingbackOptions> options)
{
    public const string InstallHint = "pocketsphinx is not installed on this server, so the words of a take cannot be heard: sudo apt-get install pocketsphinx pocketsphinx-en-us.";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Held to a grammar, a breath at a pause was heard as "eight" with the default insertion penalty and silence
    /// probability; these two (measured on flite takes) keep such words out without losing spoken ones. Scoring the
    /// two best Gaussians of each mixture instead of four took a 31 s take from 3.0 s to 2.25 s for the same words.
    /// </summary>
    private static readonly string[] GrammarTuning = ["-wip", "1e-3", "-silprob", "0.1", "-topn", "2"];

    /// <summary>A narrower beam and one pass for free recognition: 3.5× faster here (0.28 s a second of audio) for much the same words.</summary>
    private static readonly string[] FreeTuning = ["-ds", "2", "-topn", "2", "-maxwpf", "5", "-maxhmmpf", "3000", "-pl_window", "10", "-fwdflat", "no", "-bestpath", "no"];

    private readonly Lazy<HashSet<string>?> _dictionary = new(() => LoadDictionary(options.Value.PocketsphinxDictionary));

    public string? Program { get; } = Tools.Find("pocketsphinx_continuous", options.Value.Pocketsphinx);

    /// <summary>Why recognition cannot run here, or null when it can.</summary>
    public string? Missing => Program is null ? InstallHint
        : _dictionary.Value is null ? $"pocketsphinx's English model is not installed on this server ({options.Value.PocketsphinxDictionary} is missing): sudo apt-get install pocketsphinx-en-us." : null;

    /// <summary>Takes shorter than this are recognized in one piece: splitting saves less than a second process costs.</summary>
    private const double SplitFromSeconds = 12;

    public async Task<TakeRecognition> RecognizeAsync(Pcm pcm, string? intendedText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        if (Missing is { } missing)
        {
            throw new PracticeException(missing, serverSide: true);
        }

        // The search is single-threaded: a long take is cut at a pause near its middle and its halves heard at once.
        if (pcm.Seconds >= SplitFromSeconds && Levels.Measure(pcm).PauseNearMiddle() is { } cut)
        {
            var at = (int)(cut * pcm.SampleRate);
            var halves = await Task.WhenAll(
                RecognizePartAsync(new Pcm(pcm.Samples[..at], pcm.SampleRate), intendedText, cancellationToken),
                RecognizePartAsync(new Pcm(pcm.Samples[at..], pcm.SampleRate), intendedText, cancellationToken));
            var offset = at / (double)pcm.SampleRate;
            return new TakeRecognition([.. halves[0], .. halves[1].Select(w => w with { Start = w.Start + offset, End = w.End + offset })],
                !string.IsNullOrWhiteSpace(intendedText));
        }

        return new TakeRecognition(await RecognizePartAsync(pcm, intendedText, cancellationToken), !string.IsNullOrWhiteSpace(intendedText));
    }

    private async Task<IReadOnlyList<RecognizedWord>> RecognizePartAsync(Pcm pcm, string? intendedText, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var wav = Path.Combine(Path.GetTempPath(), $"ringback-take-{id}.wav");
        var grammar = Path.Combine(Path.GetTempPath(), $"ringback-take-{id}.gram");
        try
        {
            await File.WriteAllBytesAsync(wav, Wav.Write(pcm), cancellationToken);
            List<string> arguments = ["-infile", wav, "-time", "yes", "-logfn", "/dev/null"];
            var constrained = !string.IsNullOrWhiteSpace(intendedText);
            if (constrained)
            {
                await File.WriteAllTextAsync(grammar, TakeGrammar.Build(intendedText!, _dictionary.Value!.Contains), cancellationToken);
                arguments.AddRange(["-jsgf", grammar, .. GrammarTuning]);
            }
            else
            {
                arguments.AddRange(FreeTuning);
            }

            var run = await Tools.RunAsync(Program!, arguments, Limit, cancellationToken);
            if (run.ExitCode != 0)
            {
                throw new PracticeException($"pocketsphinx failed ({run.ExitCode}): {run.Errors.Trim()}", serverSide: true);
            }

            return Parse(Encoding.UTF8.GetString(run.Output));
        }
        finally
        {
            File.Delete(wav);
            File.Delete(grammar);
        }
    }

    /// <summary>With <c>-time yes</c> each word is a line "word start end posterior"; the hypothesis lines between are skipped.</summary>
    public static IReadOnlyList<RecognizedWord> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var words = new List<RecognizedWord>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 4
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                words.Add(new RecognizedWord(parts[0], start, end));
            }
        }

        return words;
    }

    private static HashSet<string>? LoadDictionary(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // "word PHONES" or "word(2) PHONES" for a second pronunciation.
        return [.. File.ReadLines(path).Select(line => line.Split(' ', 2)[0]).Select(w => w.IndexOf('(', StringComparison.Ordinal) is > 0 and var at ? w[..at] : w)];
    }
}
