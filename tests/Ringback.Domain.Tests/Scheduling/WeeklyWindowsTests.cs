using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Scheduling;

public class WeeklyWindowsTests
{
    [Theory]
    [InlineData("Mon-Fri 09:00-12:00", "Mon-Fri 09:00-12:00")]
    [InlineData("monday-friday 9:00-12:00", "Mon-Fri 09:00-12:00")]
    [InlineData("Tue,Thu 14:00-17:00; Mon-Fri 9-12", "Tue,Thu 14:00-17:00; Mon-Fri 09:00-12:00")]
    [InlineData("Fri-Mon 08:00-10:00", "Mon,Fri-Sun 08:00-10:00")]
    [InlineData("Sat 10:00-24:00", "Sat 10:00-24:00")]
    [InlineData("", "")]
    public void Text_is_read_and_written_back_in_one_canonical_form(string text, string canonical)
    {
        WeeklyWindows.Parse(text).ToString().ShouldBe(canonical);
    }

    [Theory]
    [InlineData("Mon-Fri", "needs days and hours")]
    [InlineData("Funday 09:00-12:00", "is not a day")]
    [InlineData("Mon 12:00-09:00", "ends (09:00) before it starts (12:00)")]
    [InlineData("Mon 25:00-26:00", "is not a range of hours")]
    [InlineData("Mon 09:5-10:00", "is not a range of hours")]
    public void Bad_text_says_which_part_is_wrong(string text, string reason)
    {
        WeeklyWindows.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.ShouldContain(reason);
    }

    [Fact]
    public void Contains_is_inclusive_at_the_start_and_exclusive_at_the_end()
    {
        var hours = WeeklyWindows.Parse("Mon-Fri 09:00-12:00");
        var monday = new LocalDate(2026, 11, 23);

        hours.Contains(monday.At(new LocalTime(9, 0))).ShouldBeTrue();
        hours.Contains(monday.At(new LocalTime(11, 59))).ShouldBeTrue();
        hours.Contains(monday.At(new LocalTime(12, 0))).ShouldBeFalse();
        hours.Contains(monday.PlusDays(5).At(new LocalTime(10, 0))).ShouldBeFalse();
    }

    [Fact]
    public void Equal_windows_written_differently_are_equal()
    {
        WeeklyWindows.Parse("mon-fri 9:00-12:00").ShouldBe(WeeklyWindows.Parse("Mon,Tue,Wed,Thu,Fri 09:00-12:00"));
    }
}
