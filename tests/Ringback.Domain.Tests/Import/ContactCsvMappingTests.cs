using Ringback.Import;

namespace Ringback.Domain.Tests.Import;

public class ContactCsvMappingTests
{
    [Fact]
    public void HubSpot_headers_are_recognised()
    {
        var mapping = ContactCsvMapping.FromHeader(["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title", "Lead Status"]);

        mapping.Source.ShouldBe("HubSpot");
        mapping.HeaderOf(ContactColumn.DirectPhone).ShouldBe("Phone Number");
        mapping.HeaderOf(ContactColumn.MobilePhone).ShouldBe("Mobile Phone Number");
        mapping.HeaderOf(ContactColumn.Status).ShouldBe("Lead Status");
        mapping.Ignored.ShouldBe(["Record ID"]);
    }

    [Fact]
    public void Outlook_title_is_the_salutation_and_the_assistant_is_a_gatekeeper()
    {
        var mapping = ContactCsvMapping.FromHeader(["Title", "First Name", "Last Name", "Company", "Job Title", "Business Phone", "Assistant's Phone", "Assistant's Name", "E-mail Address"]);

        mapping.Source.ShouldBe("Outlook");
        mapping.HeaderOf(ContactColumn.Salutation).ShouldBe("Title");
        mapping.HeaderOf(ContactColumn.Title).ShouldBe("Job Title");
        mapping.HeaderOf(ContactColumn.GatekeeperName).ShouldBe("Assistant's Name");
        mapping.HeaderOf(ContactColumn.GatekeeperPhone).ShouldBe("Assistant's Phone");
    }

    [Fact]
    public void Salesforce_title_is_the_job_title()
    {
        var mapping = ContactCsvMapping.FromHeader(["Salutation", "First Name", "Last Name", "Title", "Account Name", "Phone", "Mobile", "Email"]);

        mapping.Source.ShouldBe("Salesforce");
        mapping.HeaderOf(ContactColumn.Title).ShouldBe("Title");
        mapping.HeaderOf(ContactColumn.Company).ShouldBe("Account Name");
    }

    [Fact]
    public void Google_numbered_phone_pairs_are_kept_with_their_slot()
    {
        var mapping = ContactCsvMapping.FromHeader(["Given Name", "Family Name", "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "E-mail 1 - Value"]);

        mapping.Source.ShouldBe("Google Contacts");
        mapping.Columns.Where(c => c.Column == ContactColumn.PhoneValue).Select(c => c.Slot).ShouldBe([1, 2]);
        ContactCsvMapping.PhoneKind("Mobile").ShouldBe(ContactColumn.MobilePhone);
        ContactCsvMapping.PhoneKind("Home").ShouldBe(ContactColumn.AfterHoursPhone);
        ContactCsvMapping.PhoneKind("Work").ShouldBe(ContactColumn.DirectPhone);
        ContactCsvMapping.PhoneKind("Work Fax").ShouldBeNull();
    }

    [Fact]
    public void A_second_column_for_the_same_field_is_reported_not_merged()
    {
        var mapping = ContactCsvMapping.FromHeader(["Last Name", "Phone", "Business Phone"]);

        mapping.HeaderOf(ContactColumn.DirectPhone).ShouldBe("Phone");
        mapping.Ignored.ShouldBe(["Business Phone"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+14156162407", "'+14156162407")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Sue", "Sue")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_are_escaped_and_read_back(string value, string escaped)
    {
        CsvCells.Escape(value).ShouldBe(escaped);
        CsvCells.Unescape(escaped).ShouldBe(value);
    }
}
