using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

public class PlannerCommandTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Today_dnc_import_cadence_and_calendar_work_from_the_terminal()
    {
        await DebianPython.RequireModuleAsync("icalendar", "python3-icalendar");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        (await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda Whitehouse", "--password", Password, "--time-zone", "America/New_York")).ExitCode.ShouldBe(0);
        var csv = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(csv, "First Name,Last Name,Phone\nSue,Jones,(212) 555-0147\nAnn,Lee,(212) 555-0148\nBob,Ray,(212) 555-0149\n");
        (await ringback.RunAsync("import", "contacts", csv)).ExitCode.ShouldBe(0);

        // A list with a bad line imports nothing and names the line; the good list keeps Bob out of the queue.
        // Relative to the real clock the CLI reads: a fresh registry copy, and a moment by which the first cadence step is due.
        var now = TestEnvironment.WallClock.GetCurrentInstant();
        var copyDate = now.InUtc().Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var at = NodaTime.Text.InstantPattern.ExtendedIso.Format(now + NodaTime.Duration.FromDays(3));
        var dnc = Path.Combine(database.Directory, "dnc.txt");
        await File.WriteAllTextAsync(dnc, "212-555-0149\nnot a number 12\n");
        var bad = await ringback.RunAsync("dnc", "import", dnc, "--name", "US National DNC", "--copy-date", copyDate);
        bad.ExitCode.ShouldBe(1);
        bad.Error.ShouldContain("dnc.txt: line 2: 'not a number 12' is not a phone number");
        await File.WriteAllTextAsync(dnc, "212-555-0149\n");
        var good = await ringback.RunAsync("dnc", "import", dnc, "--name", "US National DNC", "--copy-date", copyDate);
        good.ExitCode.ShouldBe(0, good.Error);
        good.Out.ShouldStartWith($"Imported 1 number into \"US National DNC\" (copy of {copyDate})");

        await using (var db = database.NewContext())
        {
            // The imported contacts have no owner yet; give them to Freda so they are hers to call.
            var freda = await db.Users.IgnoreQueryFilters().SingleAsync();
            await db.Contacts.IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(c => c.OwnerId, freda.Id));
        }

        var list = await ringback.RunAsync("cadence", "list");
        list.Out.ShouldContain("Seven touches in a month  (up to 7 attempts)");
        var sueId = await SueIdAsync(database);
        var enrolled = await ringback.RunAsync("cadence", "enroll", "--cadence", "seven touches in a month", "--contact", sueId.ToString());
        enrolled.ExitCode.ShouldBe(0, enrolled.Error);

        var today = await ringback.RunAsync("today", "--json", "--at", at);
        today.ExitCode.ShouldBe(0, today.Error);
        var items = JsonNode.Parse(today.Out)!["items"]!.AsArray();
        items.Select(i => i!["contact"]!.GetValue<string>()).ShouldBe(["Sue Jones", "Ann Lee"], ignoreOrder: false);
        items[0]!["kind"]!.GetValue<string>().ShouldBe("cadence-step");
        items[1]!["kind"]!.GetValue<string>().ShouldBe("new-contact");

        var logged = await ringback.RunAsync("log-call", "--contact", "(212) 555-0147", "--outcome", "voicemail-left", "--promise", "2030-01-02 08:15");
        logged.ExitCode.ShouldBe(0, logged.Error);
        var refused = await ringback.RunAsync("log-call", "--contact", "(212) 555-0149", "--outcome", "no-answer");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("dncOverrideReason: +12125550149 is on US National DNC");

        var calendar = await ringback.RunAsync("calendar", "export");
        calendar.ExitCode.ShouldBe(0, calendar.Error);
        var (exitCode, parsed, errors) = await DebianPython.RunScriptAsync(Path.Combine("Planner", "icalendar_check.py"), calendar.Out);
        exitCode.ShouldBe(0, errors);
        var events = JsonNode.Parse(parsed)!["events"]!.AsArray();
        events.ShouldHaveSingleItem()!["start"]!.GetValue<string>().ShouldBe("2030-01-02T13:15:00+00:00");
    }

    private static async Task<Guid> SueIdAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Contacts.IgnoreQueryFilters().Where(c => c.LastName == "Jones").Select(c => c.Id).SingleAsync();
    }
}
