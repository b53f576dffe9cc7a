using Ringback.Contacts;

namespace Ringback.Domain.Tests.Contacts;

public class ContactRulesTests
{
    private static readonly ContactDraft Valid = new()
    {
        FirstName = " Sue ",
        LastName = "Jones",
        Company = "XYZ Company",
        DirectPhone = "(415) 616-2407 x12",
        MobilePhone = "415.616.2498",
        Email = "sue@xyz.example",
        TimeZone = "America/Los_Angeles",
        Status = "Meeting booked",
    };

    [Fact]
    public void A_valid_draft_is_cleaned_up()
    {
        var result = ContactRules.Check(Valid, "US");

        result.IsValid.ShouldBeTrue(result.Errors.ToString());
        var fields = result.Value!;
        fields.FirstName.ShouldBe("Sue");
        fields.DirectPhone!.Value.E164.ShouldBe("+14156162407");
        fields.DirectPhone!.Value.Extension.ShouldBe("12");
        fields.MobilePhone!.Value.E164.ShouldBe("+14156162498");
        fields.Status.ShouldBe(ContactStatus.MeetingBooked);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var result = ContactRules.Check(Valid with
        {
            FirstName = null,
            LastName = " ",
            Company = null,
            MobilePhone = "415-616-2498 x3",
            Email = "sue at xyz",
            TimeZone = "Pacific",
            Status = "hot",
            ReferralNote = "met at the trade show",
        }, "US");

        result.IsValid.ShouldBeFalse();
        result.Errors.Fields.Order().ShouldBe(["email", "lastName", "mobilePhone", "referredByName", "status", "timeZone"]);
        result.Errors.For("status").Single().ShouldContain("meeting-booked");
        result.Errors.For("lastName").Single().ShouldBe("is required when there is no first name or company");
    }

    [Fact]
    public void Windows_time_zone_names_are_mapped_to_IANA()
    {
        ContactRules.Check(Valid with { TimeZone = "Eastern Standard Time" }, "US").Value!.TimeZone.ShouldBe("America/New_York");
    }

    [Fact]
    public void Too_long_text_says_how_long_it_is_and_what_is_allowed()
    {
        var result = ContactRules.Check(Valid with { Title = new string('x', 201) }, "US");

        result.Errors.For("title").Single().ShouldBe("is 201 characters long; at most 200 are allowed");
    }

    [Theory]
    [InlineData("Sue", null, null, "Sue")]
    [InlineData(null, null, "XYZ Company", "XYZ Company")]
    [InlineData(null, "Jones", null, "Jones")]
    public void A_first_name_or_a_company_alone_is_enough_to_be_a_contact(string? first, string? last, string? company, string shown)
    {
        var result = ContactRules.Check(new ContactDraft { FirstName = first, LastName = last, Company = company }, "US");

        result.IsValid.ShouldBeTrue();
        var contact = new Contact { LastName = string.Empty, Company = company is null ? null : new Company { Name = company, NameKey = Company.KeyOf(company) } };
        result.Value!.ApplyTo(contact);
        contact.DisplayName.ShouldBe(shown);
    }
}
