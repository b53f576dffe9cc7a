using Ringback.Coach;
using Ringback.Practice;
using static Ringback.Domain.Tests.Practice.Signals;

namespace Ringback.Domain.Tests.Practice;

public class TakeGrammarTests
{
    [Fact]
    public void The_grammar_holds_the_sentences_in_order_with_skippable_words_and_any_digits_between_them()
    {
        var grammar = TakeGrammar.Build("Hi Sue, this is Greg Zyxwv at 415-616-2407. I'll call Thursday at 8:15.", w => w != "zyxwv");

        grammar.ShouldContain("public <take> = [<number>] <s0> [<number>] <s1> [<number>];");
        grammar.ShouldContain("<s0> = [hi] [sue] [this] [is] [greg] [at] [four] [one] [five] [six] [one] [six] [two] [four] [oh] [seven];");
        grammar.ShouldContain("<s1> = [i'll] [call] [thursday] [at] [eight] [fifteen];");
        grammar.ShouldContain("<number> = ( zero | oh | one | two | three | four | five | six | seven | eight | nine )+;");
        grammar.ShouldNotContain("zyxwv", Case.Insensitive);
    }
}

public class NumberDeliveryTests
{
    private static List<RecognizedWord> Said(double start, double perWord, params string[] words) =>
        [.. words.Select((w, i) => new RecognizedWord(w, start + (i * perWord), start + ((i + 1) * perWord) - 0.02))];

    [Fact]
    public void Digits_in_a_row_are_a_number_and_a_word_or_a_long_silence_ends_it()
    {
        var words = Said(0, 0.4, "call", "me", "at", "nine", "oh", "one", "five", "five", "five", "two", "one", "two", "oh", "thanks")
            .Concat(Said(10, 0.3, "nine", "oh", "one")).Concat(Said(13, 0.3, "five", "five", "five", "two")).ToList();

        var numbers = NumberDelivery.Find(words);

        numbers.ShouldHaveSingleItem().Digits.ShouldBe("9015552120", "three digits, then 2.1 s of silence: no number");
        numbers[0].DigitsPerSecond.ShouldBe(10 / ((9 * 0.4) + 0.38), 0.01);
    }

    [Theory]
    [InlineData("9015552120", true)]
    [InlineData("19015552120", true)]
    [InlineData("901555212", true)]
    [InlineData("90155582120", true)]
    [InlineData("5552120", true)]
    [InlineData("4156162407", false)]
    [InlineData("9015550000", false)]
    public void The_same_number_is_recognised_with_or_without_its_country_code_and_a_slip_or_two(string heard, bool same)
    {
        NumberDelivery.SameNumber(heard, "19015552120").ShouldBe(same);
    }
}

public class PracticeReviewTests
{
    private const string Text = "Hi Sue, this is Freda at 901-555-2120. I'm calling about how we can cut your fleet's overtime costs, "
        + "and I'll call you again Thursday at 10. Again, 901-555-2120.";
    private static readonly CoachContext Freda = new() { CallerName = "Freda", CallerNumbers = ["+19015552120"] };

    /// <summary>A take's sound: 20 s of a 165 Hz voice at a sensible level, with pauses; the words come from the test.</summary>
    private static Pcm Sound() => Pcm(Join(Silence(0.5, 16000), [.. Enumerable.Range(0, 10).SelectMany(_ => Join(Voice(165, 2.0, 16000), Silence(0.4, 16000)))], Silence(0.5, 16000)));

    /// <summary>The text's words said one after another from <paramref name="start"/>, <paramref name="perWord"/> seconds each.</summary>
    private static List<RecognizedWord> Saying(string text, double perWord, double start = 0.5) =>
        [.. TakeGrammar.Sentences(text).SelectMany(s => s).Select((w, i) => new RecognizedWord(w, start + (i * perWord), start + ((i + 1) * perWord) - 0.01))];

    [Fact]
    public void A_take_that_says_the_text_with_the_number_at_writing_speed_twice_has_no_findings_from_its_words()
    {
        var report = PracticeReview.Review(Sound(), new TakeRecognition(Saying(Text, 0.45), Constrained: true), Text, Freda);

        report.TranscriptReliable.ShouldBeTrue();
        report.Numbers.Count.ShouldBe(2);
        report.Findings.Select(f => f.Rule).ShouldBeEmpty();
    }

    [Fact]
    public void Digits_faster_than_someone_writes_are_too_fast_and_one_mention_is_said_once()
    {
        var once = "Hi Sue, this is Freda. I'll call you Thursday at 10, or call me at 901-555-2120.";
        var words = Saying(once, 0.45);
        var fast = words.Select((w, i) => w.Text is "nine" or "oh" or "one" or "five" or "two" && i > 10 ? w with { End = w.Start + 0.2 } : w).ToList();
        var squeezed = new List<RecognizedWord>();
        var at = 0.5;
        foreach (var w in fast)
        {
            squeezed.Add(new RecognizedWord(w.Text, at, at + (w.End - w.Start)));
            at += (w.End - w.Start) + 0.01;
        }

        var report = PracticeReview.Review(Sound(), new TakeRecognition(squeezed, Constrained: true), once, Freda);

        report.Has("number-too-fast").ShouldBeTrue(string.Join(", ", report.Numbers.Select(n => n.DigitsPerSecond)));
        report.Has("number-said-once").ShouldBeTrue();
    }

    [Fact]
    public void Nothing_is_judged_from_words_that_do_not_follow_the_text_or_were_never_heard()
    {
        var offScript = PracticeReview.Review(Sound(), new TakeRecognition(Saying("the weather in paris was lovely", 0.4), Constrained: true), Text, Freda);
        var noRecognizer = PracticeReview.Review(Sound(), null, Text, Freda, "pocketsphinx is not installed");
        var free = PracticeReview.Review(Sound(), new TakeRecognition(Saying(Text, 0.45), Constrained: false), null, Freda);

        offScript.Findings.Select(f => f.Rule).ShouldBe(["recognition-unsure"]);
        offScript.Findings[0].Message.ShouldStartWith($"Only 0 of the {TakeGrammar.Sentences(Text).Sum(s => s.Count)} words");
        noRecognizer.Findings.Select(f => f.Rule).ShouldBe(["recognition-unsure"], "the typed text has no findings of its own");
        noRecognizer.Findings[0].Message.ShouldStartWith("pocketsphinx is not installed:");
        free.Findings.Select(f => f.Rule).ShouldBe(["recognition-unsure"]);
        free.WordsPerMinute.ShouldNotBeNull();
    }

    [Fact]
    public void The_sound_is_judged_whatever_the_words()
    {
        var quietBass = Pcm([.. Sound().Samples.Select(x => x * 0.02f)]);
        var bass = Pcm(Join(Silence(0.5, 16000), Voice(95, 5, 16000), Silence(0.5, 16000)));

        PracticeReview.Review(quietBass, null, null, Freda).Has("too-quiet").ShouldBeTrue();
        var low = PracticeReview.Review(bass, null, null, Freda);
        low.Has("low-pitch").ShouldBeTrue();
        low.Findings.Single(f => f.Rule == "low-pitch").Message.ShouldContain("lowest 3 tones (95, 190, 285 Hz)");
        PracticeReview.Review(Sound(), null, null, Freda).Has("low-pitch").ShouldBeFalse();
    }

    [Theory]
    [InlineData(0.5, "at least 1 second")]
    [InlineData(181, "longer than 3 minutes")]
    public void A_take_too_short_or_too_long_is_refused(double seconds, string why)
    {
        PracticeReview.Refusal(Pcm(Tone(200, 0.3, seconds, 8000), 8000)).ShouldNotBeNull().ShouldContain(why);
        PracticeReview.Refusal(Pcm(Silence(3, 8000), 8000)).ShouldNotBeNull().ShouldContain("silent");
        PracticeReview.Refusal(Pcm(Tone(200, 0.3, 3, 8000), 8000)).ShouldBeNull();
    }
}
