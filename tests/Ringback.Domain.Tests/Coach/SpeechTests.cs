using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

public class SpeechTests
{
    [Fact]
    public void A_north_american_number_is_said_digit_by_digit_in_three_groups()
    {
        PhoneSpeech.Speak("+17035558047").ShouldBe("seven oh three — five five five — eight oh four seven");
        PhoneSpeech.Speak("+17035558047", withCountryCode: true).ShouldBe("one — seven oh three — five five five — eight oh four seven");
        PhoneSpeech.Written("+17035558047").ShouldBe("703-555-8047");
    }

    [Fact]
    public void A_number_elsewhere_starts_with_its_country_code_and_never_leaves_a_lone_digit()
    {
        PhoneSpeech.Written("+442079460958").ShouldBe("+44 207 946 0958");
        PhoneSpeech.Speak("+442079460958").ShouldBe("plus four four — two oh seven — nine four six — oh nine five eight");
        PhoneSpeech.Groups("+6421234567", withCountryCode: true).ShouldAllBe(g => g.TrimStart('+').Length >= 2);
        PhoneSpeech.Groups("+35312345678", withCountryCode: true)[0].ShouldBe("+353");
    }

    [Fact]
    public void Speaking_time_is_130_words_a_minute_with_digits_said_singly_and_pauses_between_groups()
    {
        // 13 words = 6.0 s; the number adds 10 digit-words (4.6 s) and two pauses (1.0 s).
        SpeakingTime.EstimateSeconds("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu").ShouldBe(6.0);
        SpeakingTime.EstimateSeconds("703-555-8047").ShouldBe(Math.Round(10 * 60 / 130.0 + 1.0, 1));
        SpeakingTime.EstimateSeconds("seven oh three, five five five, eight oh four seven").ShouldBe(SpeakingTime.EstimateSeconds("703-555-8047"));
    }

    [Fact]
    public void Times_count_as_the_words_they_are_said_in()
    {
        SpeakingTime.EstimateSeconds("8:15").ShouldBe(Math.Round(2 * 60 / 130.0, 1));
        SpeakingTime.EstimateSeconds("at 10").ShouldBe(Math.Round(2 * 60 / 130.0, 1));
    }

    [Fact]
    public void For_speech_every_written_number_is_said_digit_by_digit_with_pauses()
    {
        PhoneSpeech.ForSpeech("Call (703) 555-8047 at 8:15.").ShouldBe("Call seven oh three, five five five, eight oh four seven at 8:15.");
        PhoneSpeech.ForSpeech("It's nine oh one, five five five, two one two oh.").ShouldBe("It's nine oh one, five five five, two one two oh.");
    }
}
