using Ringback.Coach;

namespace Ringback.Domain.Tests.Coach;

public class NumberMentionsTests
{
    [Theory]
    [InlineData("Call 703-555-8047 today.", "7035558047", 3)]
    [InlineData("Call (415) 616-2407 today.", "4156162407", 3)]
    [InlineData("Call 415.616.2498.", "4156162498", 3)]
    [InlineData("Call 1 800 555 0199 today.", "18005550199", 4)]
    [InlineData("Call +44 20 7946 0958 today.", "442079460958", 4)]
    [InlineData("Call +1 (415) 616-2407.", "14156162407", 4)]
    [InlineData("Call 555-8047.", "5558047", 2)]
    [InlineData("It's seven oh three, five five five, eight oh four seven.", "7035558047", 3)]
    [InlineData("Reach me on oh two oh - seven nine four six - oh nine five eight", "02079460958", 3)]
    [InlineData("My number is nine oh one, five double five, two one two oh.", "9015552120", 3)]
    [InlineData("Dial one eight hundred five five five oh one nine nine", "18005550199", 1)]
    [InlineData("It's four one five, six one six, twenty-four oh seven.", "4156162407", 3)]
    public void A_number_is_recognised_in_any_written_or_spoken_form(string text, string digits, int groups)
    {
        var found = NumberMentions.Find(text).ShouldHaveSingleItem();
        found.Digits.ShouldBe(digits);
        found.Groups.ShouldBe(groups);
        text[found.Start..found.End].ShouldNotStartWith(" ");
    }

    [Theory]
    [InlineData("I'll call at 8:15 on the 12th.")]
    [InlineData("We cut costs by 25% in 2024 for 300 clients.")]
    [InlineData("Between 9:00 and 12:00, Monday to Friday.")]
    [InlineData("One of our account managers spoke with you in May, two weeks ago.")]
    [InlineData("Oh, and one more thing: four or five of us will come.")]
    [InlineData("Version 10.0.14 shipped on 2026-11-22.")]
    public void Times_dates_counts_and_stray_digit_words_are_not_numbers(string text)
    {
        NumberMentions.Find(text).ShouldBeEmpty();
    }

    [Fact]
    public void Two_mentions_are_found_in_order()
    {
        var found = NumberMentions.Find("This is Freda at 901-555-2120. Again, that's nine oh one, five five five, two one two oh.");
        found.Select(f => f.Digits).ShouldBe(["9015552120", "9015552120"]);
        found[1].InWords.ShouldBeTrue();
    }
}
