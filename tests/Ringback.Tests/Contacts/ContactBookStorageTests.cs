using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Contacts;
using Ringback.Scheduling;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Contacts;

public class ContactBookStorageTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 15, 30, 12) + Duration.FromMilliseconds(345);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_contact_with_gatekeeper_and_call_round_trips_exactly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        var contactId = Guid.CreateVersion7();
        var gatekeeperId = Guid.CreateVersion7();
        await using (var db = database.NewContext(rep.OrganizationId))
        {
            var company = await db.FindOrAddCompanyAsync("XYZ Company", "Chemicals", default);
            db.Contacts.Add(new Contact
            {
                Id = contactId, LastName = "Jones", FirstName = "Sue", Salutation = "Ms.", Company = company, Industry = "Chemicals",
                DirectPhone = "+14156162407", DirectExtension = "12", MobilePhone = "+14156162498", TimeZone = "America/Los_Angeles",
                Status = ContactStatus.Working, OwnerId = rep.Id, ReferredByName = "Joe Sampson", ReferralNote = "golf partner",
                CreatedAt = Now, UpdatedAt = Now,
            });
            db.Gatekeepers.Add(new Gatekeeper
            {
                Id = gatekeeperId, ContactId = contactId, Name = "Pat", Relationship = GatekeeperRelationship.Assistant, Phone = "+14156162400",
                AvailabilityNote = "mornings before the stand-up", AvailableHours = WeeklyWindows.Parse("Mon-Fri 08:00-10:00; Thu 14:00-17:00"),
                CreatedAt = Now, UpdatedAt = Now,
            });
            db.Calls.Add(new Call
            {
                Id = Guid.CreateVersion7(), ContactId = contactId, UserId = rep.Id, Direction = CallDirection.Outbound, StartedAt = Now,
                DurationSeconds = 42, Outcome = CallOutcome.GatekeeperMessage, AnsweredByGatekeeperId = gatekeeperId, Strategy = Strategy.AsPromised,
                MessageText = "Hi Sue, I'm calling as promised.", PromisedNextCallAt = Now + Duration.FromHours(17),
                AppointmentStart = Now + Duration.FromDays(3), AppointmentEnd = Now + Duration.FromDays(3) + Duration.FromHours(1),
                AppointmentPlace = "XYZ, 3rd floor", AppointmentDirections = "Park at the back", Commitments = "Send the bid", CreatedAt = Now,
            });
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext(rep.OrganizationId);
        var contact = await read.Contacts.Include(c => c.Company).Include(c => c.Gatekeepers).SingleAsync();
        contact.Company!.Name.ShouldBe("XYZ Company");
        contact.DirectExtension.ShouldBe("12");
        contact.Status.ShouldBe(ContactStatus.Working);
        contact.CreatedAt.ShouldBe(Now);
        contact.Gatekeepers.Single().AvailableHours.ToString().ShouldBe("Mon-Fri 08:00-10:00; Thu 14:00-17:00");
        var call = await read.Calls.SingleAsync();
        call.StartedAt.ShouldBe(Now);
        call.PromisedNextCallAt.ShouldBe(Now + Duration.FromHours(17));
        call.Strategy.ShouldBe(Strategy.AsPromised);
        call.Outcome.ShouldBe(CallOutcome.GatekeeperMessage);
        call.AppointmentDirections.ShouldBe("Park at the back");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_organization_never_sees_or_writes_another_organizations_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var alice = await database.AddUserAsync("alice@a.example", "A Corp");
        var bob = await database.AddUserAsync("bob@b.example", "B Corp");
        await using (var db = database.NewContext(alice.OrganizationId))
        {
            db.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), LastName = "Secret", CreatedAt = Now, UpdatedAt = Now });
            await db.SaveChangesAsync();
        }

        await using var bobs = database.NewContext(bob.OrganizationId);
        (await bobs.Contacts.CountAsync()).ShouldBe(0);
        (await bobs.Users.Select(u => u.Email).ToListAsync()).ShouldBe(["bob@b.example"]);

        var stolen = await bobs.Contacts.IgnoreQueryFilters().SingleAsync();
        stolen.LastName = "Changed";
        Should.Throw<InvalidOperationException>(() => bobs.SaveChangesAsync()).Message.ShouldContain("another organization");

        await using var nobody = database.NewContext(organizationId: null);
        (await nobody.Contacts.CountAsync()).ShouldBe(0, "a context without an organization sees nothing");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_contact_is_found_by_any_number_written_any_way_and_by_words(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        await using var db = database.NewContext(rep.OrganizationId);
        var company = await db.FindOrAddCompanyAsync("Boheme Chemicals", null, default);
        db.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), FirstName = "Greg", LastName = "Pitcher", DirectPhone = "+14156162407", CreatedAt = Now, UpdatedAt = Now });
        db.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), FirstName = "Sally", LastName = "LeQuota", AfterHoursPhone = "+14156162498", Email = "sally@boheme.example", Company = company, CreatedAt = Now, UpdatedAt = Now });
        db.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), FirstName = "Dave", LastName = "Dialer_100%", MobilePhone = "+17035558047", CreatedAt = Now, UpdatedAt = Now });
        await db.SaveChangesAsync();

        async Task<List<string>> Find(string q) =>
            await db.Contacts.Filter(db, new ContactFilter { Query = q }, "US").Select(c => c.LastName).OrderBy(n => n).ToListAsync();

        foreach (var written in new[] { "(415) 616-2407", "415.616.2407", "+1 415 616 2407", "1-415-616-2407" })
        {
            (await Find(written)).ShouldBe(["Pitcher"], written);
        }

        (await Find("415 616 2498")).ShouldBe(["LeQuota"], "after-hours numbers count");
        (await Find("703-555-8047")).ShouldBe(["Dialer_100%"], "mobile numbers count");
        (await Find("(415) 616")).ShouldBe(["LeQuota", "Pitcher"], "part of a number narrows as it is typed");
        (await Find("415.616.240")).ShouldBe(["Pitcher"]);
        (await Find("703-555")).ShouldBe(["Dialer_100%"]);
        (await Find("PITCHER")).ShouldBe(["Pitcher"], "case does not matter");
        (await Find("sally boheme")).ShouldBe(["LeQuota"], "every word must match name, email or company");
        (await Find("boheme chem")).ShouldBe(["LeQuota"], "company names are searched");
        (await Find("100%")).ShouldBe(["Dialer_100%"], "LIKE wildcards are taken literally");
        (await Find("r_1")).ShouldBe(["Dialer_100%"]);
        (await Find("%")).ShouldBe(["Dialer_100%"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_timeline_is_newest_first_and_deleting_a_contact_removes_its_calls_and_gatekeepers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        await using var db = database.NewContext(rep.OrganizationId);
        var contact = await AddFieldsAsync(db);
        foreach (var (hoursAgo, outcome) in new[] { (48, "no-answer"), (1, "connected"), (24, "voicemail-left") })
        {
            var result = await CallLog.LogAsync(db, contact.Id, rep.Id, new CallDraft { Outcome = outcome, StartedAt = Now - Duration.FromHours(hoursAgo) }, null, Now, default);
            result.IsValid.ShouldBeTrue(result.Errors.ToString());
        }

        var timeline = await CallLog.Timeline(db, contact.Id).ToListAsync();
        timeline.Select(e => e.Call.Outcome).ShouldBe([CallOutcome.Connected, CallOutcome.VoicemailLeft, CallOutcome.NoAnswer]);
        timeline.ShouldAllBe(e => e.RepName == "Freda Whitehouse");
        (await db.Contacts.SingleAsync()).Status.ShouldBe(ContactStatus.Engaged);

        db.Gatekeepers.Add(new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = contact.Id, Name = "Pat", CreatedAt = Now, UpdatedAt = Now });
        await db.SaveChangesAsync();
        await db.Contacts.Where(c => c.Id == contact.Id).ExecuteDeleteAsync();
        (await db.Calls.CountAsync()).ShouldBe(0);
        (await db.Gatekeepers.CountAsync()).ShouldBe(0);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Logging_the_same_call_id_twice_records_it_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rep = await database.AddUserAsync();
        await using var db = database.NewContext(rep.OrganizationId);
        var contact = await AddFieldsAsync(db);
        var id = Guid.CreateVersion7();

        var first = await CallLog.LogAsync(db, contact.Id, rep.Id, new CallDraft { Outcome = "busy" }, id, Now, default);
        var retry = await CallLog.LogAsync(db, contact.Id, rep.Id, new CallDraft { Outcome = "busy" }, id, Now + Duration.FromSeconds(3), default);

        first.Created.ShouldBeTrue();
        retry.Created.ShouldBeFalse();
        retry.Call!.Id.ShouldBe(id);
        (await db.Calls.CountAsync()).ShouldBe(1);
    }

    private static async Task<Contact> AddFieldsAsync(RingbackDbContext db)
    {
        var contact = new Contact { Id = Guid.CreateVersion7(), LastName = "Fields", CreatedAt = Now, UpdatedAt = Now };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }
}
