using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Contacts;
using Ringback.Data.Import;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Import;

public class ContactImportTests
{
    private static readonly TestClock Clock = new(Instant.FromUtc(2026, 11, 22, 9, 0));

    private static async Task<(ImportReport Report, List<Contact> Contacts)> ImportAsync(
        DatabaseProvider provider, byte[] file, bool dryRun = false, bool skipBadRows = false, string region = "US")
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var path = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllBytesAsync(path, file);
        var importer = new ContactImporter(database.Storage, Clock);
        var report = await importer.ImportAsync(path, new ImportOptions
        {
            OrganizationId = rep.OrganizationId,
            OwnerId = rep.Id,
            DefaultRegion = region,
            DryRun = dryRun,
            SkipBadRows = skipBadRows,
        });
        await using var db = database.NewContext(rep.OrganizationId);
        var contacts = await db.Contacts.Include(c => c.Company).Include(c => c.Gatekeepers).OrderBy(c => c.LastName).ToListAsync();
        return (report, contacts);
    }

    private static byte[] Utf8(string text, bool bom = false) =>
        (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []).Concat(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"))).ToArray();

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_HubSpot_export_with_a_BOM_and_quoted_newlines_imports_whole(DatabaseProvider provider)
    {
        var csv = Utf8(""""
            Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,Industry,Lead Status,Notes
            101,Sue,Jones,sue@xyz.example,(415) 616-2407,,XYZ Company,COO,Chemicals,Attempted to contact,"Met at the expo.
            Wants the bid by Friday, ""firm"""
            102,Steve,Fields,steve@fields.example,415.616.2498 x12,+1 703 555 8047,XYZ company,CEO,Chemicals,New,
            """", bom: true);

        var (report, contacts) = await ImportAsync(provider, csv);

        report.Errors.ShouldBeEmpty();
        report.Mapping.Source.ShouldBe("HubSpot");
        report.ContactsImported.ShouldBe(2);
        report.CompaniesCreated.ShouldBe(1, "company names match without regard to case");
        report.Committed.ShouldBeTrue();
        var sue = contacts.Single(c => c.LastName == "Jones");
        sue.FirstName.ShouldBe("Sue", "the BOM is not part of the first header");
        sue.DirectPhone.ShouldBe("+14156162407");
        sue.Status.ShouldBe(ContactStatus.Working);
        sue.Notes.ShouldBe("Met at the expo.\r\nWants the bid by Friday, \"firm\"");
        sue.Company!.Name.ShouldBe("XYZ Company");
        var steve = contacts.Single(c => c.LastName == "Fields");
        (steve.DirectPhone, steve.DirectExtension, steve.MobilePhone).ShouldBe(("+14156162498", "12", "+17035558047"));
        steve.CompanyId.ShouldBe(sue.CompanyId);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_Outlook_export_in_Windows_1252_keeps_accents_and_makes_the_assistant_a_gatekeeper(DatabaseProvider provider)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = """
            "Title","First Name","Middle Name","Last Name","Company","Job Title","Business Phone","Home Phone","Mobile Phone","Assistant's Phone","E-mail Address","Assistant's Name","Notes"
            "Mr.","René","","Lefèvre","Société Générale","Directeur","020 7946 0958","020 7946 0000","07400 123456","020 7946 0959","rene@sg.example","Amélie",""
            """.ReplaceLineEndings("\r\n");
        var (report, contacts) = await ImportAsync(provider, Encoding.GetEncoding(1252).GetBytes(text), region: "GB");

        report.Errors.ShouldBeEmpty();
        report.EncodingName.ShouldBe("windows-1252");
        report.Mapping.Source.ShouldBe("Outlook");
        var rene = contacts.Single();
        (rene.Salutation, rene.FirstName, rene.LastName, rene.Title).ShouldBe(("Mr.", "René", "Lefèvre", "Directeur"));
        rene.Company!.Name.ShouldBe("Société Générale");
        (rene.DirectPhone, rene.AfterHoursPhone, rene.MobilePhone).ShouldBe(("+442079460958", "+442079460000", "+447400123456"));
        var amelie = rene.Gatekeepers.Single();
        (amelie.Name, amelie.Relationship, amelie.Phone).ShouldBe(("Amélie", GatekeeperRelationship.Assistant, "+442079460959"));
        report.GatekeepersImported.ShouldBe(1);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_Google_Contacts_export_reads_typed_phone_pairs(DatabaseProvider provider)
    {
        var csv = Utf8("""
            Name,Given Name,Family Name,Organization 1 - Name,Organization 1 - Title,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Phone 3 - Type,Phone 3 - Value
            Greg Pitcher,Greg,Pitcher,Pitcher Inc,VP,greg@pitcher.example,Mobile,415-616-2407 ::: 415-616-2499,Work,415-616-2498,Work Fax,415-616-2000
            """);

        var (report, contacts) = await ImportAsync(provider, csv);

        report.Errors.ShouldBeEmpty();
        report.Mapping.Source.ShouldBe("Google Contacts");
        var greg = contacts.Single();
        (greg.MobilePhone, greg.DirectPhone).ShouldBe(("+14156162407", "+14156162498"));
        greg.Notes.ShouldNotBeNull();
        greg.Notes.ShouldContain("415-616-2499", customMessage: "a second number of one type is kept, not dropped");
        greg.Notes.ShouldContain("415-616-2000", customMessage: "a fax number is kept in the notes");
        greg.Title.ShouldBe("VP");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Semicolon_and_tab_separated_files_are_detected(DatabaseProvider provider)
    {
        var (semi, semiContacts) = await ImportAsync(provider, Utf8("Last Name;First Name;Phone\nMüller;Jürgen;030 1234567\n"), region: "DE");
        var (tab, tabContacts) = await ImportAsync(provider, Utf8("Last Name\tFirst Name\tPhone\nDupont\tJean\t01 23 45 67 89\n"), region: "FR");

        (semi.Delimiter, tab.Delimiter).ShouldBe((';', '\t'));
        semiContacts.Single().DirectPhone.ShouldBe("+49301234567");
        tabContacts.Single().DirectPhone.ShouldBe("+33123456789");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_row_in_the_middle_means_nothing_is_imported_and_every_error_is_named(DatabaseProvider provider)
    {
        var rows = new StringBuilder("First Name,Last Name,Phone Number,Email,Time Zone\n");
        for (var i = 0; i < 2500; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"Rep{i},Good{i},415-616-{i % 10000:0000},r{i}@x.example,America/New_York\n");
            if (i == 1200)
            {
                rows.Append("Bad,,555-12,not-an-email,Mars/Base\n");
            }

            if (i == 1800)
            {
                rows.Append("\"Quoted\nName\",Also Bad,415-016-2407,,\n");
            }
        }

        var (report, contacts) = await ImportAsync(provider, Utf8(rows.ToString()));

        contacts.ShouldBeEmpty("all or nothing: nothing from before or after the bad rows was kept");
        report.Committed.ShouldBeFalse();
        report.ContactsImported.ShouldBe(0);
        report.RowsRead.ShouldBe(2502);
        report.BadRows.ShouldBe(2);
        report.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "line 1203, column 'Phone Number': '555-12' is too short for a +1 (US) number: 5 digits after the country code, at least 10 expected",
            "line 1203, column 'Email': 'not-an-email' is not an email address",
            "line 1203, column 'Time Zone': 'Mars/Base' is not a time zone; use an IANA name such as America/New_York or Europe/London",
            "line 1804, column 'Phone Number': '415-016-2407' has exchange 016; the three digits after the area code never start with 0 or 1",
        ]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Skip_bad_rows_imports_the_good_ones_and_still_reports_the_bad(DatabaseProvider provider)
    {
        var csv = Utf8("Last Name,Phone\nGood,415-616-2407\nBad,12\nAlsoGood,\n");

        var (report, contacts) = await ImportAsync(provider, csv, skipBadRows: true);

        contacts.Select(c => c.LastName).ShouldBe(["AlsoGood", "Good"]);
        report.Errors.Single().Line.ShouldBe(3);
        report.Committed.ShouldBeTrue();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_dry_run_checks_everything_and_writes_nothing(DatabaseProvider provider)
    {
        var (report, contacts) = await ImportAsync(provider, Utf8("Last Name,Phone\nGood,415-616-2407\n"), dryRun: true);

        report.RowsRead.ShouldBe(1);
        report.Errors.ShouldBeEmpty();
        report.Committed.ShouldBeFalse();
        contacts.ShouldBeEmpty();
    }

    /// <summary>Three batches have gone to the bulk writer when the bad row is read: they are not kept either.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_row_four_batches_in_stops_the_whole_import_and_skipping_it_keeps_every_good_row(DatabaseProvider provider)
    {
        var rows = new StringBuilder("First Name,Last Name,Phone Number,Email\n");
        for (var i = 0; i < 9000; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"Rep{i},Good{i},415-616-{i:0000},r{i}@x.example\n");
            if (i == 7000)
            {
                rows.Append("Bad,Row,415-016-2407,bad@x.example\n");
            }
        }

        var file = Utf8(rows.ToString());
        var (stopped, none) = await ImportAsync(provider, file);
        var (skipped, all) = await ImportAsync(provider, file, skipBadRows: true);

        none.ShouldBeEmpty();
        stopped.Committed.ShouldBeFalse();
        stopped.RowsRead.ShouldBe(9001);
        stopped.Errors.Select(e => e.ToString()).ShouldBe(["line 7003, column 'Phone Number': '415-016-2407' has exchange 016; the three digits after the area code never start with 0 or 1"]);
        skipped.Committed.ShouldBeTrue();
        skipped.ContactsImported.ShouldBe(9000);
        all.Count.ShouldBe(9000);
        all.Select(c => c.LastName).ShouldBe(Enumerable.Range(0, 9000).Select(i => $"Good{i}"), ignoreOrder: true);
        all.Single(c => c.LastName == "Good8999").DirectPhone.ShouldBe("+14156168999");
    }

    /// <summary>Cancelled partway through the file (some batches written, none committed): the import stops and keeps nothing.</summary>
    [Fact]
    public async Task An_import_cancelled_halfway_through_the_file_stops_and_keeps_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var rep = await database.AddUserAsync();
        var path = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(path, "Last Name,Phone\n" + string.Concat(Enumerable.Range(0, 20000).Select(i => $"Name{i},415-616-{i % 10000:0000}\n")));
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAt(0.4, cancel);

        await Should.ThrowAsync<OperationCanceledException>(() => new ContactImporter(database.Storage, Clock).ImportAsync(path, new ImportOptions
        {
            OrganizationId = rep.OrganizationId, OwnerId = rep.Id, DefaultRegion = "US", Duplicates = DuplicateHandling.New,
        }, progress, cancel.Token));

        progress.Highest.ShouldBeGreaterThanOrEqualTo(0.4);
        progress.Highest.ShouldBeLessThan(1.0);
        await using var db = database.NewContext(rep.OrganizationId);
        (await db.Contacts.CountAsync()).ShouldBe(0);
    }

    /// <summary>Cancels the import once it reports it has read <c>fraction</c> of the file.</summary>
    private sealed class CancelAt(double fraction, CancellationTokenSource cancel) : IProgress<double>
    {
        public double Highest { get; private set; }

        public void Report(double value)
        {
            Highest = Math.Max(Highest, value);
            if (value >= fraction)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public async Task A_file_without_a_name_column_is_refused_before_any_row_is_read()
    {
        var error = await Should.ThrowAsync<ImportFileException>(() => ImportAsync(DatabaseProvider.Sqlite, Utf8("Email,Phone\na@b.example,415-616-2407\n")));

        error.Message.ShouldContain("no column holds a name or a company");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_is_safe_in_a_spreadsheet_and_imports_back_unchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        await using (var db = database.NewContext(rep.OrganizationId))
        {
            db.Contacts.Add(new Contact
            {
                Id = Guid.CreateVersion7(), FirstName = "=cmd|' /C calc'!A0", LastName = "Evil", DirectPhone = "+14156162407", DirectExtension = "9",
                Notes = "@SUM(1+1)\nsecond line", Status = ContactStatus.Nurture, ReferredByName = "Joe Sampson", CreatedAt = Clock.Now, UpdatedAt = Clock.Now,
                Gatekeepers = [new Gatekeeper { Id = Guid.CreateVersion7(), Name = "Pat", Relationship = GatekeeperRelationship.Receptionist, Phone = "+14156162400", AvailabilityNote = "mornings", CreatedAt = Clock.Now, UpdatedAt = Clock.Now }],
            });
            await db.SaveChangesAsync();
        }

        var exported = new StringWriter();
        await using (var db = database.NewContext(rep.OrganizationId))
        {
            (await ContactExporter.WriteAsync(db, exported, default)).ShouldBe(1);
        }

        var text = exported.ToString();
        text.ShouldContain("'=cmd");
        text.ShouldContain("'@SUM");
        text.ShouldNotContain(",=", Case.Sensitive);

        var (report, contacts) = await ImportAsync(provider, Encoding.UTF8.GetBytes(text));
        report.Errors.ShouldBeEmpty();
        var evil = contacts.Single();
        (evil.FirstName, evil.DirectPhone, evil.DirectExtension, evil.Status, evil.ReferredByName).ShouldBe(("=cmd|' /C calc'!A0", "+14156162407", "9", ContactStatus.Nurture, "Joe Sampson"));
        evil.Notes.ShouldBe("@SUM(1+1)\nsecond line");
        var pat = evil.Gatekeepers.Single();
        (pat.Name, pat.Relationship, pat.Phone, pat.AvailabilityNote).ShouldBe(("Pat", GatekeeperRelationship.Receptionist, "+14156162400", "mornings"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task Imports_restore_every_index_and_trigger_and_fill_the_search_table_or_leave_all_untouched(bool allGood, bool large)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var rep = await database.AddUserAsync();
        var path = Path.Combine(database.Directory, "big.csv");
        await File.WriteAllTextAsync(path, "Last Name,Phone,Assistant's Name\nOne,415-616-2407,Pat\n" + (allGood ? "Two,415-616-2408,\n" : "Two,12,\n"));
        await using (var before = database.NewContext())
        {
            var schemaBefore = await SchemaReader.ReadAsync(before);

            var report = await new ContactImporter(database.Storage, Clock).ImportAsync(path, new ImportOptions
            {
                OrganizationId = rep.OrganizationId, OwnerId = rep.Id, DefaultRegion = "US", LargeFileBytes = large ? 1 : long.MaxValue,
            });

            report.Committed.ShouldBe(allGood);
            await using var after = database.NewContext(rep.OrganizationId);
            (await SchemaReader.ReadAsync(after)).ShouldBe(schemaBefore);
            (await after.Contacts.CountAsync()).ShouldBe(allGood ? 2 : 0);
            (await after.Contacts.Filter(after, new ContactFilter { Query = "(415) 616-2407" }, "US").Select(c => c.LastName).ToListAsync())
                .ShouldBe(allGood ? ["One"] : []);
            (await after.Contacts.Filter(after, new ContactFilter { Query = "ONE" }, "US").Select(c => c.LastName).ToListAsync())
                .ShouldBe(allGood ? ["One"] : [], "the search table has the imported contacts");
            var triggers = await after.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contacts'").SingleAsync();
            triggers.ShouldBe(3);
        }
    }
}
