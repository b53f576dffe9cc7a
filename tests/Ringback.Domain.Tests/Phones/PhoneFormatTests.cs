using Ringback.Phones;

namespace Ringback.Domain.Tests.Phones;

public class PhoneFormatTests
{
    [Theory]
    [InlineData("+13125550186", null, "US", "(312) 555-0186")]
    [InlineData("+13125550186", "12", "US", "(312) 555-0186 ext. 12")]
    [InlineData("+4930901820", null, "US", "+49 30 901820")]
    [InlineData("+4930901820", null, "DE", "030 901820")]
    [InlineData("+442079460958", null, "GB", "020 7946 0958")]
    [InlineData("+442079460958", null, "US", "+44 20 7946 0958")]
    [InlineData("+13125550186", null, "GB", "+1 312-555-0186")]
    [InlineData("+61412345678", null, "AU", "0412 345 678")]
    public void Numbers_are_shown_nationally_at_home_and_internationally_abroad(string e164, string? extension, string home, string shown)
    {
        PhoneFormat.Shown(e164, extension, home).ShouldBe(shown);
    }

    [Fact]
    public void Something_that_is_not_E164_is_shown_as_it_is()
    {
        PhoneFormat.Shown("anonymous", null, "US").ShouldBe("anonymous");
        PhoneFormat.Shown(null, null, "US").ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("+4930901820", LineKind.Landline)]
    [InlineData("+447400123456", LineKind.Mobile)]
    [InlineData("+18003569377", LineKind.TollFree)]
    [InlineData("+13125550186", LineKind.LandlineOrMobile)]
    public void The_kind_of_line_is_known(string e164, LineKind kind)
    {
        PhoneFormat.KindOf(e164).ShouldBe(kind);
    }

    [Theory]
    [InlineData("(312) 555-0186", "US")]
    [InlineData("+49 30 901820", "US")]
    [InlineData("030 901820", "DE")]
    [InlineData("+61 412 345 678", "GB")]
    [InlineData("0412 345 678", "AU")]
    public void A_shown_number_reads_back_as_the_same_number(string written, string region)
    {
        var e164 = PhoneNumberParser.Parse(written, region).Number!.Value.E164;

        PhoneNumberParser.Parse(PhoneFormat.Shown(e164, region), region).Number!.Value.E164.ShouldBe(e164);
    }
}
