using System.Globalization;
using Ringback.Coach;

namespace Ringback.Practice;

/// <summary>Everything measured in a take, and what the seeds say about it.</summary>
/// <param name="Transcript">What the recognizer heard, or null when there was no recognition.</param>
/// <param name="TranscriptReliable">Whether findings were drawn from the transcript: recognition held to the intended text and agreeing with it.</param>
public sealed record TakeReport(
    double DurationSeconds,
    double? LoudnessLufs,
    double PeakDbfs,
    double SnrDb,
    double NoiseFloorDbfs,
    double? MedianPitchHz,
    double? WordsPerMinute,
    double SpeechSeconds,
    string? Transcript,
    bool TranscriptReliable,
    IReadOnlyList<NumberSaid> Numbers,
    IReadOnlyList<CoachFinding> Findings)
{
    public bool Has(string rule) => Findings.Any(f => f.Rule == rule);
}

/// <summary>A take analysed: the report and the audio as it was measured (16 kHz mono WAVE), to keep and play back.</summary>
public sealed record AnalysedTake(TakeReport Report, byte[] Wav);

/// <summary>
/// Judges a practice take by the seeds: loud enough, not clipped, no room noise, not too deep for the line, slow
/// enough, the number at writing speed and said twice; then the words through the message coach, as a typed message.
/// Pure: the samples and what the recognizer heard come in, the report goes out.
/// </summary>
public static class PracticeReview
{
    /// <summary>Coach rules a transcript cannot be judged by: it has no punctuation, no placeholders, and its digits are as heard.</summary>
    private static readonly HashSet<string> NotFromTranscript =
    [
        CoachRules.UnfilledPlaceholder.Id, CoachRules.TooManySentences.Id, CoachRules.TooLongToSay.Id, CoachRules.NumberDiffers.Id,
        CoachRules.NumberNotAtStart.Id, CoachRules.NumberNotAtEnd.Id,
    ];

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal) { "<s>", "</s>", "<sil>", "(NULL)", "[NOISE]" };

    /// <summary>Why a take cannot be judged at all (too short, too long, silent), in the words a rep reads; null when it can.</summary>
    public static string? Refusal(Pcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        if (pcm.Seconds < PracticeThresholds.MinSeconds)
        {
            return $"The recording is {pcm.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s long: record at least {PracticeThresholds.MinSeconds:0} second.";
        }

        if (pcm.Seconds > PracticeThresholds.MaxSeconds)
        {
            return $"The recording is longer than {PracticeThresholds.MaxSeconds / 60:0} minutes: a voicemail box stops recording before that. Keep the take under {PracticeThresholds.MaxSeconds / 60:0} minutes.";
        }

        var peak = 0f;
        foreach (var x in pcm.Samples)
        {
            peak = Math.Max(peak, Math.Abs(x));
        }

        return peak <= 0 || 20 * Math.Log10(peak) < PracticeThresholds.SilentPeakDbfs
            ? "The recording is silent: check that the right microphone is chosen and not muted, then record again."
            : null;
    }

    /// <param name="recognition">What the recognizer heard; null when it could not run (the report then says so through <paramref name="recognitionProblem"/>).</param>
    /// <param name="intendedText">The message the rep meant to say, when given.</param>
    public static TakeReport Review(Pcm pcm, TakeRecognition? recognition, string? intendedText, CoachContext context, string? recognitionProblem = null)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        ArgumentNullException.ThrowIfNull(context);
        var loudness = Loudness.Measure(pcm);
        var levels = Levels.Measure(pcm);
        var pitch = Pitch.Measure(pcm, levels.Spans);
        var findings = new List<CoachFinding>();
        Sound(loudness, levels, pitch, findings);

        var words = recognition?.Words.Where(w => !Fillers.Contains(w.Text)).Select(w => w with { Text = Plain(w.Text) }).ToList() ?? [];
        var intended = string.IsNullOrWhiteSpace(intendedText) ? [] : TakeGrammar.Sentences(intendedText).SelectMany(s => s).ToList();
        var agreement = intended.Count == 0 ? 0 : CommonInOrder(intended, words.Select(w => w.Text).ToList()) / (double)intended.Count;
        var reliable = recognition is { Constrained: true } && words.Count > 0 && agreement >= PracticeThresholds.MinAgreement;
        var transcript = recognition is null ? null : string.Join(' ', words.Select(w => w.Text));
        var numbers = NumberDelivery.Find(words);
        // The words of the intended text when given (a recognizer's stray insertions would inflate the count), over the
        // time with voice in it: the recognizer's word times leave out what it did not follow, so they run short.
        var count = intended.Count > 0 ? intended.Count : words.Count;
        var seconds = levels.SpeechSeconds;
        double? pace = count > 0 && seconds > 0 ? Math.Round(count * 60 / seconds) : null;

        var spoken = levels.Spans.Count > 0 ? levels.Spans[^1].End - levels.Spans[0].Start : 0;
        if (spoken > MessageCoach.MaxSeconds)
        {
            findings.Add(Found(CoachRules.TooLongToSay, $"The take runs {spoken:0.0} s from the first word to the last: more than {MessageCoach.MaxSeconds:0} s."));
        }

        // Without a transcript to trust, the pace is the sound's: the intended words over the voiced time, when the
        // take's syllable nuclei say it holds about those words (in any voice); the number's pace from where the
        // alignment of the text to the nuclei puts its digits. Otherwise neither is judged.
        if (!reliable && intended.Count > 0)
        {
            var nuclei = SpeechRate.Nuclei(pcm, levels);
            var syllables = SpeechRate.Syllables(intended);
            if (syllables > 0 && nuclei.Count >= MinNucleiShare * syllables && nuclei.Count <= MaxNucleiShare * syllables)
            {
                TooFast(pace, findings);
                DigitPace(SpeechRate.NumbersAligned(intended, nuclei), findings);
            }
        }

        if (reliable)
        {
            Words(pace, numbers, context, findings);
            var coached = MessageCoach.Review(transcript!, context);
            findings.AddRange(coached.Findings.Where(f => !NotFromTranscript.Contains(f.Rule)));
        }
        else if (recognition is null && !string.IsNullOrWhiteSpace(intendedText))
        {
            // Without a recognizer the typed message is still coached, as on the composer.
            findings.AddRange(MessageCoach.Review(intendedText, context).Findings);
        }

        if (!reliable)
        {
            findings.Add(Found(PracticeRules.RecognitionUnsure, Unsure(recognition, recognitionProblem, intended.Count, agreement)));
        }

        return new TakeReport(Math.Round(pcm.Seconds, 2), Round(loudness.IntegratedLufs), Math.Round(Math.Max(-100, loudness.PeakDbfs), 1),
            Math.Round(levels.SnrDb, 1), Math.Round(levels.NoiseFloorDbfs, 1), pitch.MedianHz, pace, Math.Round(levels.SpeechSeconds, 2),
            transcript, reliable, numbers, findings);
    }

    private static void Sound(LoudnessReading loudness, LevelsReading levels, PitchReading pitch, List<CoachFinding> findings)
    {
        if (loudness.IntegratedLufs is { } lufs && lufs < PracticeThresholds.TooQuietLufs)
        {
            findings.Add(Found(PracticeRules.TooQuiet,
                $"The take's loudness is {lufs:0.0} LUFS; a voicemail should be at least {PracticeThresholds.TooQuietLufs:0} LUFS."));
        }

        if (loudness.ClippedRuns > 0)
        {
            findings.Add(Found(PracticeRules.Clipping,
                $"The recording hit full scale {loudness.ClippedRuns} {(loudness.ClippedRuns == 1 ? "time" : "times")}: those words are clipped."));
        }

        if (levels.SnrDb < PracticeThresholds.MinSnrDb)
        {
            findings.Add(Found(PracticeRules.BackgroundNoise,
                $"Your voice is only {levels.SnrDb:0} dB above the background (noise at {levels.NoiseFloorDbfs:0} dBFS in the pauses); aim for {PracticeThresholds.MinSnrDb:0} dB or more."));
        }

        if (pitch.MedianHz is { } hz && hz < PracticeThresholds.LowPitchHz)
        {
            var lost = Enumerable.Range(1, 5).Select(n => n * hz).TakeWhile(f => f < TelephoneLine.LowHz).Select(f => $"{f:0}").ToList();
            findings.Add(Found(PracticeRules.LowPitch,
                $"Your voice centres on {hz:0} Hz. The line carries nothing below {TelephoneLine.LowHz:0} Hz, so it drops your voice's lowest {lost.Count} tones ({string.Join(", ", lost)} Hz) and the rest sounds thin."));
        }
    }

    /// <summary>
    /// How far a take's syllable nuclei may fall from the intended text's syllables and still be taken as saying it:
    /// across flite's four voices and espeak-ng's at 100–205 words a minute the count ran 0.82–1.32 of the text's.
    /// </summary>
    private const double MinNucleiShare = 0.7;

    private const double MaxNucleiShare = 1.45;

    private static void TooFast(double? pace, List<CoachFinding> findings)
    {
        if (pace > PracticeThresholds.TooFastWordsPerMinute)
        {
            findings.Add(Found(PracticeRules.TooFast,
                $"You spoke at {pace:0} words a minute; the coached pace is about {PracticeThresholds.CoachedWordsPerMinute:0}."));
        }
    }

    private static void DigitPace(IReadOnlyList<NumberSaid> numbers, List<CoachFinding> findings)
    {
        foreach (var number in numbers.Where(n => n.DigitsPerSecond > PracticeThresholds.MaxDigitsPerSecond))
        {
            findings.Add(Found(PracticeRules.NumberTooFast,
                $"The number at {number.Start:0.0} s went by at {number.DigitsPerSecond:0.0} digits a second ({number.Digits.Length} digits in {number.End - number.Start:0.0} s); no one writes faster than {PracticeThresholds.MaxDigitsPerSecond:0.0}."));
        }
    }

    private static void Words(double? pace, IReadOnlyList<NumberSaid> numbers, CoachContext context, List<CoachFinding> findings)
    {
        TooFast(pace, findings);

        DigitPace(numbers, findings);

        var mine = context.CallerNumbers.Select(n => n.TrimStart('+')).ToList();
        var target = mine.FirstOrDefault(m => numbers.Any(n => NumberDelivery.SameNumber(n.Digits, m))) ?? (numbers.Count > 0 ? numbers[0].Digits : null);
        // Said once only when the take holds one number: a second one heard with other digits is the same number misheard
        // as often as it is another, and "you said it once" to a rep who said it twice is the one wrong thing to say.
        if (target is not null && numbers.Count == 1 && numbers.Count(n => NumberDelivery.SameNumber(n.Digits, target)) == 1)
        {
            findings.Add(Found(PracticeRules.NumberSaidOnce, "Your number was said once; say it again before you close."));
        }
    }

    private static string Unsure(TakeRecognition? recognition, string? problem, int intended, double agreement) => recognition switch
    {
        null => $"{problem ?? "Speech recognition did not run"}: wording, pace and the number were not checked in the take.",
        { Constrained: false } => "Without the message you meant to say, recognition is too rough to judge the wording, the pace or the number.",
        _ => $"Only {Math.Round(agreement * intended)} of the {intended} words of your message were recognized in order: the take says something else, or is hard to hear. Wording, pace and the number were not judged.",
    };

    /// <summary>How many of the intended words were heard in order (longest common subsequence).</summary>
    private static int CommonInOrder(List<string> intended, List<string> heard)
    {
        var row = new int[heard.Count + 1];
        foreach (var word in intended)
        {
            var diagonal = 0;
            for (var j = 1; j <= heard.Count; j++)
            {
                var above = row[j];
                row[j] = word == heard[j - 1] ? diagonal + 1 : Math.Max(row[j], row[j - 1]);
                diagonal = above;
            }
        }

        return row[heard.Count];
    }

    /// <summary>"five(2)" is pocketsphinx's second pronunciation of "five".</summary>
    private static string Plain(string word) => word.IndexOf('(', StringComparison.Ordinal) is > 0 and var at ? word[..at] : word;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static CoachFinding Found(CoachRule rule, string message) => new(rule.Id, rule.Severity, message, rule.Tip);
}
