namespace Ringback.Practice;

/// <summary>
/// How fast a take is spoken, from the sound alone: its syllable nuclei (the peaks of loudness that each vowel makes,
/// as de Jong and Wempe count them), so the pace is known in any voice, whatever a recognizer made of the words.
/// </summary>
public static class SpeechRate
{
    private const double Hop = 0.01;
    private const double Window = 0.03;

    /// <summary>A nucleus stands at least this far above the dips on either side of it.</summary>
    private const double MinDipDb = 2.0;

    /// <summary>Nuclei count from this far under the take's loud level; quieter bumps are consonants and breath.</summary>
    private const double BelowLoudDb = 25;

    /// <summary>The syllable nuclei in the take's voiced spans, at their times in seconds.</summary>
    public static IReadOnlyList<double> Nuclei(Pcm pcm, LevelsReading levels)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        ArgumentNullException.ThrowIfNull(levels);
        var hop = (int)(Hop * pcm.SampleRate);
        var window = (int)(Window * pcm.SampleRate);
        var frames = Math.Max(0, (pcm.Samples.Length - window) / hop);
        var db = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            double previous = 0;
            foreach (var x in pcm.Samples.AsSpan(f * hop, window))
            {
                // A first difference tilts the spectrum towards the vowels' formants and away from hum and rumble.
                var y = x - (0.95 * previous);
                previous = x;
                sum += y * y;
            }

            db[f] = 10 * Math.Log10((sum / window) + 1e-12);
        }

        var smooth = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            var (from, to) = (Math.Max(0, f - 2), Math.Min(frames - 1, f + 2));
            double s = 0;
            for (var k = from; k <= to; k++)
            {
                s += db[k];
            }

            smooth[f] = s / (to - from + 1);
        }

        if (frames == 0)
        {
            return [];
        }

        var sorted = smooth.Order().ToArray();
        var loud = sorted[(int)(0.99 * (sorted.Length - 1))];
        var floor = sorted[(int)(0.10 * (sorted.Length - 1))];
        var threshold = Math.Max(loud - BelowLoudDb, floor + 6);
        var nuclei = new List<(int Frame, double Db)>();
        var dip = double.PositiveInfinity;
        for (var f = 1; f < frames - 1; f++)
        {
            dip = Math.Min(dip, smooth[f]);
            if (!(smooth[f] >= smooth[f - 1] && smooth[f] > smooth[f + 1]) || smooth[f] < threshold || !InSpans(f * Hop + (Window / 2), levels.Spans))
            {
                continue;
            }

            if (nuclei.Count > 0 && (Math.Min(nuclei[^1].Db, smooth[f]) - dip < MinDipDb || f - nuclei[^1].Frame < 8))
            {
                // No real dip since the last peak: one syllable, at the louder of the two.
                if (smooth[f] > nuclei[^1].Db)
                {
                    nuclei[^1] = (f, smooth[f]);
                }

                continue;
            }

            nuclei.Add((f, smooth[f]));
            dip = double.PositiveInfinity;
        }

        return [.. nuclei.Select(n => Math.Round((n.Frame * Hop) + (Window / 2), 2))];
    }

    /// <summary>
    /// The numbers of the intended text located in the take by an alignment of the text's syllables to the take's
    /// nuclei, in order and in proportion: the digits of a number that is the 40th to 50th syllables of 66 sit among
    /// the corresponding nuclei, whatever a recognizer heard. Each runs from its first digit's nucleus to its last's, plus
    /// one syllable's time (a nucleus is the middle of a syllable).
    /// </summary>
    public static IReadOnlyList<NumberSaid> NumbersAligned(IReadOnlyList<string> intended, IReadOnlyList<double> nuclei)
    {
        ArgumentNullException.ThrowIfNull(intended);
        ArgumentNullException.ThrowIfNull(nuclei);
        var total = Syllables(intended);
        if (total == 0 || nuclei.Count < 2)
        {
            return [];
        }

        var scale = nuclei.Count / (double)total;
        var syllable = (nuclei[^1] - nuclei[0]) / (nuclei.Count - 1);
        var found = new List<NumberSaid>();
        var at = 0;
        var runStart = -1;
        var digits = new System.Text.StringBuilder();
        for (var i = 0; i <= intended.Count; i++)
        {
            var digit = i < intended.Count ? DigitOf(intended[i]) : null;
            if (digit is { } d)
            {
                if (digits.Length == 0)
                {
                    runStart = at;
                }

                digits.Append(d);
            }
            else
            {
                if (digits.Length >= NumberDelivery.MinDigits)
                {
                    var first = Math.Clamp((int)Math.Floor(runStart * scale), 0, nuclei.Count - 1);
                    var last = Math.Clamp((int)Math.Ceiling(at * scale) - 1, first, nuclei.Count - 1);
                    found.Add(new NumberSaid(digits.ToString(), nuclei[first], nuclei[last] + syllable));
                }

                digits.Clear();
            }

            at += i < intended.Count ? Syllables([intended[i]]) : 0;
        }

        return found;
    }

    private static char? DigitOf(string word) => word switch
    {
        "zero" or "oh" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        _ => null,
    };

    /// <summary>Syllables in words as written: each run of vowels is one, a final silent e none ("make", "five"), every word at least one.</summary>
    public static int Syllables(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var total = 0;
        foreach (var raw in words)
        {
            var word = raw.ToLowerInvariant().Trim('\'', '.', ',', '!', '?');
            var count = 0;
            var inVowel = false;
            for (var i = 0; i < word.Length; i++)
            {
                var vowel = "aeiouy".Contains(word[i], StringComparison.Ordinal);
                if (vowel && !inVowel && !(word[i] == 'e' && i == word.Length - 1 && count > 0))
                {
                    count++;
                }

                inVowel = vowel;
            }

            total += Math.Max(1, count);
        }

        return total;
    }

    private static bool InSpans(double t, IReadOnlyList<(double Start, double End)> spans) => spans.Any(s => t >= s.Start && t <= s.End);
}
