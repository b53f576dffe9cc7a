using Ringback.Phones;

namespace Ringback.Domain.Tests.Phones;

public class PhoneNumberParserTests
{
    [Theory]
    [InlineData("(415) 616-2407")]
    [InlineData("415.616.2407")]
    [InlineData("+1 415 616 2407")]
    [InlineData("1-415-616-2407")]
    [InlineData("4156162407")]
    [InlineData("011 1 415 616 2407")]
    [InlineData("tel:+1-415-616-2407")]
    [InlineData("  415 / 616 - 2407 ")]
    public void Every_common_way_of_writing_a_US_number_gives_the_same_E164(string written)
    {
        var result = PhoneNumberParser.Parse(written, "US");

        result.Error.ShouldBeNull();
        result.Number!.Value.E164.ShouldBe("+14156162407");
    }

    [Theory]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", "US", "+442079460958")]
    [InlineData("0044 20 7946 0958", "DE", "+442079460958")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("01 23 45 67 89", "FR", "+33123456789")]
    [InlineData("(02) 9876 5432", "AU", "+61298765432")]
    [InlineData("0011 44 20 7946 0958", "AU", "+442079460958")]
    [InlineData("098765 43210", "IN", "+919876543210")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    public void National_and_international_forms_are_read_in_the_default_region(string written, string region, string expected)
    {
        PhoneNumberParser.Parse(written, region).Number!.Value.E164.ShouldBe(expected);
    }

    [Theory]
    [InlineData("415-616-2407 x204", "204")]
    [InlineData("415-616-2407 ext. 204", "204")]
    [InlineData("415-616-2407 extension 12", "12")]
    [InlineData("+14156162407;ext=9", "9")]
    [InlineData("(415) 616-2407 #33", "33")]
    public void Extensions_are_kept_apart_from_the_number(string written, string extension)
    {
        var number = PhoneNumberParser.Parse(written, "US").Number!.Value;

        number.E164.ShouldBe("+14156162407");
        number.Extension.ShouldBe(extension);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("555-12", "too short")]
    [InlineData("616-2407", "add the 3-digit area code")]
    [InlineData("415-616-24071", "too long")]
    [InlineData("1-800-FLOWERS", "letter 'F'")]
    [InlineData("415*616*2407", "contains '*'")]
    [InlineData("115-616-2407", "never start with 0 or 1")]
    [InlineData("411-616-2407", "service code")]
    [InlineData("415-016-2407", "exchange 016")]
    [InlineData("+999 123 456 789", "country calling code")]
    [InlineData("415+616", "not at the start")]
    [InlineData("+44 20 7946 09581 2", "too long")]
    public void Bad_numbers_are_rejected_with_the_reason(string written, string reason)
    {
        var result = PhoneNumberParser.Parse(written, "US");

        result.IsValid.ShouldBeFalse();
        result.Error!.ShouldContain(reason);
    }

    [Fact]
    public void An_unknown_default_region_is_a_configuration_error()
    {
        Should.Throw<ArgumentException>(() => PhoneNumberParser.Parse("415 616 2407", "XX")).Message.ShouldContain("XX");
    }

    [Theory]
    [InlineData("+55 11 91234 5678", "US", "+5511912345678")]
    [InlineData("(11) 91234-5678", "BR", "+5511912345678")]
    [InlineData("+52 55 1234 5678", "US", "+525512345678")]
    [InlineData("+7 495 123 4567", "US", "+74951234567")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("+254 712 123456", "US", "+254712123456")]
    public void Every_region_libphonenumber_knows_is_read(string written, string region, string e164)
    {
        PhoneNumberParser.Parse(written, region).Number!.Value.E164.ShouldBe(e164);
    }

    [Theory]
    [InlineData("+33 1 23 45", "too short for a +33 (FR) number")]
    [InlineData("+33 1 23 45 67 89 01", "too long for a +33 (FR) number")]
    [InlineData("+44 99 1234 5678", "not a number in use in +44 (GB)")]
    public void Numbers_abroad_are_rejected_with_the_reason(string written, string reason)
    {
        PhoneNumberParser.Parse(written, "US").Error!.ShouldContain(reason);
    }
}

/// <summary>Numbers typed the national or international way of another country into a book whose default region is elsewhere.</summary>
public class PhoneNumberAbroadTests
{
    [Theory]
    [InlineData("0412 345 678", "US", "is not a North American number; did you mean +61 412 345 678 (Australia) or +31 412 345 678 (Netherlands)?")]
    [InlineData("0049 151 23456789", "US", "is not a North American number; did you mean +49 1512 3456789 (Germany)?")]
    [InlineData("0044 20 7946 0958", "US", "is not a North American number; did you mean +44 20 7946 0958 (United Kingdom)?")]
    [InlineData("0033 1 42 68 53 00", "CA", "is not a Canada number; did you mean +33 1 42 68 53 00 (France)?")]
    public void A_number_written_another_countrys_way_is_suggested(string typed, string region, string error)
    {
        var result = PhoneNumberParser.Parse(typed, region);
        result.Number.ShouldBeNull();
        result.Error.ShouldBe(error);
    }

    [Fact]
    public void Every_suggestion_parses_to_a_valid_number_of_the_country_it_names()
    {
        // Numbers libphonenumber itself gives as examples for each region, written nationally, typed into a US book.
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var suggested = 0;
        foreach (var region in util.GetSupportedRegions().Where(r => util.GetMetadataForRegion(r)?.NationalPrefix == "0"))
        {
            foreach (var type in new[] { PhoneNumbers.PhoneNumberType.MOBILE, PhoneNumbers.PhoneNumberType.FIXED_LINE })
            {
                if (util.GetExampleNumberForType(region, type) is not { } example)
                {
                    continue;
                }

                var national = util.Format(example, PhoneNumbers.PhoneNumberFormat.NATIONAL);
                var e164 = util.Format(example, PhoneNumbers.PhoneNumberFormat.E164);
                var result = PhoneNumberParser.Parse(national, "US");
                if (result.Number is { } parsed)
                {
                    continue;
                }

                if (result.Error!.Contains("did you mean", StringComparison.Ordinal))
                {
                    suggested++;
                    var options = System.Text.RegularExpressions.Regex.Matches(result.Error, @"\+[\d \-]+").Select(m => PhoneNumberParser.Parse(m.Value.Trim(), "US")).ToList();
                    options.ShouldAllBe(o => o.Number != null, result.Error);
                }

                // The same number written with the international prefix most of the world dials is always recognized.
                var idd = PhoneNumberParser.Parse("00" + e164[1..], "US");
                if (idd.Number is null)
                {
                    idd.Error!.ShouldContain($"did you mean {util.Format(example, PhoneNumbers.PhoneNumberFormat.INTERNATIONAL)}");
                }
            }
        }

        suggested.ShouldBeGreaterThan(50);
    }
}
