using Ringback.Phones;

namespace Ringback.Tests.Phones;

public class PhoneFormatTests
{
    [Fact]
    public void A_number_reads_the_same_every_time_it_is_shown_though_only_so_many_are_kept()
    {
        // Shown numbers are kept to spare libphonenumber's work; more than are kept, in two regions and with an
        // extension, must still read as they did the first time, and as the region they are read from says.
        var numbers = Enumerable.Range(0, 5000).Select(i => $"+1212555{i:D4}").ToList();
        var first = numbers.Select(n => (PhoneFormat.Shown(n, "US"), PhoneFormat.Shown(n, "DE"), PhoneFormat.Shown(n, "12", "US"))).ToList();
        var again = numbers.Select(n => (PhoneFormat.Shown(n, "US"), PhoneFormat.Shown(n, "DE"), PhoneFormat.Shown(n, "12", "US"))).ToList();

        again.ShouldBe(first);
        first[147].ShouldBe(("(212) 555-0147", "+1 212-555-0147", "(212) 555-0147 ext. 12"));
        PhoneFormat.Shown("+493090182000", "DE").ShouldBe("030 90182000");
        PhoneFormat.Shown("not a number", "US").ShouldBe("not a number");
    }
}
