using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

public class SentencesTests
{
    private static string[] Split(string text) => [.. Sentences.Split(text).Select(s => s.Text)];

    [Fact]
    public void Titles_do_not_end_a_sentence()
    {
        Split("Hello Mr. Fields, this is Dr. Ann Lee of St. Mary's. Mrs. Park and Ms. Jones suggested I call.")
            .ShouldBe(["Hello Mr. Fields, this is Dr. Ann Lee of St. Mary's.", "Mrs. Park and Ms. Jones suggested I call."]);
    }

    [Fact]
    public void Am_and_pm_end_a_sentence_only_before_a_new_one()
    {
        Split("I'll call at 8 a.m. tomorrow. Talk to you then.").Length.ShouldBe(2);
        Split("I'll call at 8 a.m. Thursday. My number is 555-0100.").Length.ShouldBe(2);
        Split("I'll call at 8 p.m. Please keep your line clear.").ShouldBe(["I'll call at 8 p.m.", "Please keep your line clear."]);
    }

    [Fact]
    public void Times_and_dotted_numbers_stay_inside_their_sentence()
    {
        Split("Call me at 415.616.2498 before 8:15. I'm in until 5.30 today.")
            .ShouldBe(["Call me at 415.616.2498 before 8:15.", "I'm in until 5.30 today."]);
    }

    [Fact]
    public void Questions_exclamations_and_quotes_end_sentences()
    {
        Split("Would Friday at two work? Great! He said \"call her.\" Then I did.")
            .ShouldBe(["Would Friday at two work?", "Great!", "He said \"call her.\"", "Then I did."]);
    }

    [Fact]
    public void An_ellipsis_before_a_lower_case_word_continues_the_sentence()
    {
        Split("I think I know the name but… let me call. Done.").ShouldBe(["I think I know the name but… let me call.", "Done."]);
    }

    [Fact]
    public void Initials_and_abbreviations_do_not_split()
    {
        Split("Joe A. Sampson of Acme Inc. suggested it, e.g. for payroll.").Length.ShouldBe(1);
    }

    [Fact]
    public void A_bare_greeting_joins_the_next_sentence_and_a_bare_sign_off_the_last()
    {
        Split("Hi Sue. This is Greg Pitcher at 415-616-2407. It is Tuesday morning. Thanks!")
            .ShouldBe(["Hi Sue. This is Greg Pitcher at 415-616-2407.", "It is Tuesday morning. Thanks!"]);
        Split("Good morning, Steve. This is Dave.").Length.ShouldBe(1);
    }

    [Fact]
    public void A_greeting_with_content_is_a_sentence_of_its_own()
    {
        Split("Hello, this is Sally LeQuota. I wanted to speak with you.").Length.ShouldBe(2);
    }

    [Fact]
    public void Text_without_a_final_stop_is_still_a_sentence_and_blank_text_is_none()
    {
        Split("Hi Sue, call me at 555-0100").Length.ShouldBe(1);
        Split("   \n ").ShouldBeEmpty();
        Split("First line without a stop\n\nSecond paragraph").Length.ShouldBe(2);
    }
}
