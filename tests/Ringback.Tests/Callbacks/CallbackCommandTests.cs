using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

public class CallbackCommandTests
{
    private const string Password = "correct horse battery staple";
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static async Task<RingbackProcess> ReadyAsync(TestDatabase database)
    {
        var ringback = new RingbackProcess(database);
        (await ringback.RunAsync("user", "add", "--email", "f@abc.example", "--name", "Freda Whitehouse", "--password", Password, "--time-zone", "America/New_York")).ExitCode.ShouldBe(0);
        var csv = Path.Combine(database.Directory, "contacts.csv");
        await File.WriteAllTextAsync(csv, "First Name,Last Name,Phone\nSue,Jones,(212) 555-0147\nAnn,Lee,(212) 555-0148\n");
        (await ringback.RunAsync("import", "contacts", csv)).ExitCode.ShouldBe(0);
        return ringback;
    }

    /// <summary>A vague voicemail to Sue two hours ago, logged through the same path as every call.</summary>
    private static async Task<Guid> MessageSueAsync(TestDatabase database, Instant at)
    {
        await using var db = database.NewContext();
        var freda = await db.Users.IgnoreQueryFilters().SingleAsync();
        db.OrganizationId = freda.OrganizationId;
        var sue = await db.Contacts.SingleAsync(c => c.LastName == "Jones");
        var result = await CallLog.LogAsync(db, sue.Id, freda.Id, new CallDraft { Outcome = "voicemail-left", Strategy = "vague", StartedAt = at },
            null, TestEnvironment.WallClock.GetCurrentInstant(), default, new PlannerOptions());
        result.IsValid.ShouldBeTrue(result.Errors.ToString());
        return result.Call!.Id;
    }

    private static string Local(Instant instant) => instant.InZone(NewYork).ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A Master.csv line as cdr_csv writes it: every field quoted, caller ID with its own quotes doubled.</summary>
    private static string Cdr(string src, string dst, string context, string clid, Instant start, int billsec, string disposition, string? uniqueId)
    {
        var fields = new List<string> { "", src, dst, context, clid, $"SIP/trunk-0000{billsec % 10}", "SIP/201-00000001", "Dial", "SIP/201,30", Local(start),
            disposition == "ANSWERED" ? Local(start + Duration.FromSeconds(3)) : "", Local(start + Duration.FromSeconds(billsec + 3)),
            (billsec + 3).ToString(CultureInfo.InvariantCulture), billsec.ToString(CultureInfo.InvariantCulture), disposition, "DOCUMENTATION" };
        if (uniqueId is not null)
        {
            fields.Add(uniqueId);
            fields.Add("");
        }

        return string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    [Fact]
    public async Task Asterisk_records_are_imported_all_or_nothing_matched_credited_and_never_twice()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = await ReadyAsync(database);
        var now = TestEnvironment.WallClock.GetCurrentInstant();
        var message = await MessageSueAsync(database, now - Duration.FromHours(2));
        var back = now - Duration.FromHours(1);
        string[] good =
        [
            Cdr("2125550147", "201", "from-pstn", "\"JONES SUE\" <2125550147>", back, 184, "ANSWERED", "1763820000.12"),
            Cdr("201", "12125550148", "from-internal", "\"Freda\" <201>", back + Duration.FromMinutes(5), 0, "NO ANSWER", null),
            Cdr("201", "202", "from-internal", "\"Freda\" <201>", back + Duration.FromMinutes(6), 40, "ANSWERED", "1763820000.14"),
            Cdr("6465550111", "201", "from-pstn", "\"PAT QUINN\" <6465550111>", back + Duration.FromMinutes(7), 0, "NO ANSWER", "1763820000.15"),
        ];
        var file = Path.Combine(database.Directory, "Master.csv");

        // Bad lines: nothing is imported, and each is named by line and column.
        await File.WriteAllLinesAsync(file, [good[0], "\"\",\"2125550147\",\"201\"", good[1].Replace(Local(back + Duration.FromMinutes(5)), "yesterday", StringComparison.Ordinal), good[3].Replace("NO ANSWER", "MAYBE", StringComparison.Ordinal)]);
        var refused = await ringback.RunAsync("import", "cdr", file, "--zone", "America/New_York");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("Master.csv: line 2: has 3 columns; a Master.csv line has 16 to 18");
        refused.Error.ShouldContain("Master.csv: line 3, column start: 'yesterday' is not a time like 2026-11-20 14:03:11");
        refused.Error.ShouldContain("Master.csv: line 4, column disposition: 'MAYBE' is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION");
        refused.Error.ShouldContain("nothing imported (3 bad lines; --skip-bad-rows imports the rest)");
        await using (var db = database.NewContext())
        {
            (await db.Calls.IgnoreQueryFilters().CountAsync()).ShouldBe(1, "only the message");
        }

        var skipped = await ringback.RunAsync("import", "cdr", file, "--zone", "America/New_York", "--skip-bad-rows");
        skipped.ExitCode.ShouldBe(0, skipped.Error);
        skipped.Out.ShouldStartWith("Logged 1 calls; 0 from unknown numbers are in the inbox; 0 were already logged; 0 were not with a prospect; 3 bad lines skipped.");

        await File.WriteAllLinesAsync(file, good);
        var imported = await ringback.RunAsync("import", "cdr", file, "--zone", "America/New_York");
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Out.ShouldStartWith("Logged 1 calls; 1 from unknown numbers are in the inbox; 1 were already logged; 1 were not with a prospect.");
        var again = await ringback.RunAsync("import", "cdr", file, "--zone", "America/New_York");
        again.Out.ShouldStartWith("Logged 0 calls; 0 from unknown numbers are in the inbox; 3 were already logged; 1 were not with a prospect.");

        await using (var db = database.NewContext())
        {
            var calls = await db.Calls.IgnoreQueryFilters().OrderBy(c => c.StartedAt).ToListAsync();
            calls.Count.ShouldBe(3);
            var callback = calls.Single(c => c.ExternalId == "cdr:1763820000.12");
            (callback.Direction, callback.Outcome, callback.DurationSeconds, callback.CreditedCallId).ShouldBe((CallDirection.Inbound, CallOutcome.Connected, 184, message));
            callback.StartedAt.ShouldBe(Instant.FromUnixTimeSeconds(back.ToUnixTimeSeconds()), "the server's local time, read in its zone");
            var toAnn = calls.Single(c => c.Direction == CallDirection.Outbound && c.Id != message);
            (toAnn.Outcome, toAnn.AttemptNumber).ShouldBe((CallOutcome.NoAnswer, 1));
            toAnn.ExternalId.ShouldStartWith("cdr:");
            var inbox = await db.UnmatchedCalls.IgnoreQueryFilters().SingleAsync();
            (inbox.FromNumber, inbox.CallerName, inbox.Answered, inbox.Source).ShouldBe(("+16465550111", "PAT QUINN", false, "cdr"));
        }
    }

    [Fact]
    public async Task A_callback_and_the_stats_work_from_the_terminal()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = await ReadyAsync(database);
        await MessageSueAsync(database, TestEnvironment.WallClock.GetCurrentInstant() - Duration.FromMinutes(90));

        var logged = await ringback.RunAsync("callback", "+1 (212) 555-0147", "--duration", "200");
        logged.ExitCode.ShouldBe(0, logged.Error);
        logged.Out.ShouldContain("Logged a call from Sue Jones (contact-number).");
        logged.Out.ShouldContain("(vague, attempt 1), 1 h 30 min later.");
        var unknown = await ringback.RunAsync("callback", "646-555-0100");
        unknown.Out.ShouldStartWith("In the inbox: +16465550100 (no contact has this number).");
        var bad = await ringback.RunAsync("callback", "12");
        bad.ExitCode.ShouldBe(1);
        bad.Error.ShouldStartWith("ringback callback: from: ");

        var recomputed = await ringback.RunAsync("credits", "recompute");
        recomputed.ExitCode.ShouldBe(0, recomputed.Error);
        recomputed.Out.ShouldStartWith("Recomputed 1 contacts with a 14-day window: 1 calls in are credited to a message.");

        var json = await ringback.RunAsync("stats", "--json");
        json.ExitCode.ShouldBe(0, json.Error);
        var stats = JsonNode.Parse(json.Out)!;
        stats["callbackRate"]!["successes"]!.GetValue<int>().ShouldBe(1);
        stats["callbackRate"]!["trials"]!.GetValue<int>().ShouldBe(1);
        stats["strategies"]![0]!["name"]!.GetValue<string>().ShouldBe("vague");
        // Returned a few seconds over 90 min after the message: within the 2 h bucket's bound.
        stats["timeToCallback"]!["medianSeconds"]!.GetValue<long>().ShouldBe(2 * 3600);
        stats["whose"]!.GetValue<string>().ShouldBe("the team");

        var csv = await ringback.RunAsync("stats", "--csv", "--rep", "me");
        csv.Out.ShouldStartWith("table,key,successes,trials,rate,ci_low,ci_high,too_few_to_conclude\ncallbacks,all,1,1,1,0.2065,1,True\n");
        var text = await ringback.RunAsync("stats");
        text.Out.ShouldContain("Callbacks for the team, ");
        text.Out.ShouldContain("Too few messages to say which strategy gets calls returned");

        var wrong = await ringback.RunAsync("stats", "--from", "last week", "--rep", "nobody@abc.example");
        wrong.ExitCode.ShouldBe(2);
        wrong.Error.ShouldContain("--from: 'last week' is not a date like 2026-11-01");
        wrong.Error.ShouldContain("--rep: 'nobody@abc.example' is not a rep here");

        // The tallies counted again from the calls give the same figures.
        var rebuilt = await ringback.RunAsync("stats", "rebuild");
        rebuilt.ExitCode.ShouldBe(0, rebuilt.Error);
        rebuilt.Out.ShouldMatch(@"^Rebuilt the Stats tallies from the calls: \d+ rows in \d+\.\d s\.");
        JsonNode.Parse((await ringback.RunAsync("stats", "--json")).Out)!.ToJsonString().ShouldBe(stats.ToJsonString());
    }

    [Fact]
    public async Task The_demo_fills_an_empty_database_with_strategies_that_really_differ()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);

        var demo = await ringback.RunAsync("demo", "--contacts", "4000", "--months", "4", "--reps", "3");
        demo.ExitCode.ShouldBe(0, demo.Error);
        demo.Out.ShouldStartWith("Made 4,000 contacts at ");
        demo.Out.ShouldContain("Sign in as owner@demo.ringback.example");

        var json = await ringback.RunAsync("stats", "--json", "--as", "owner@demo.ringback.example", "--from",
            TestEnvironment.WallClock.GetCurrentInstant().InUtc().Date.PlusMonths(-5).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        json.ExitCode.ShouldBe(0, json.Error);
        var stats = JsonNode.Parse(json.Out)!;
        var strategies = stats["strategies"]!.AsArray().Select(s => (Name: s!["name"]!.GetValue<string>(), Low: s["callbackRate"]!["low"]!.GetValue<double>(),
            High: s["callbackRate"]!["high"]!.GetValue<double>(), Trials: s["callbackRate"]!["trials"]!.GetValue<int>())).ToList();
        strategies.Count.ShouldBe(7);
        strategies.ShouldAllBe(s => s.Trials >= 30);
        new[] { "referral", "as-promised" }.ShouldContain(strategies[0].Name);
        strategies[^1].Name.ShouldBe("straight-ahead-pitch");
        strategies[0].Low.ShouldBeGreaterThan(strategies[^1].High, "the best and the worst strategy are told apart");
        stats["reps"]!.AsArray().Count.ShouldBe(3);
        stats["hours"]!.AsArray().Count.ShouldBeGreaterThan(40);
        stats["promiseKeeping"]!["trials"]!.GetValue<int>().ShouldBeGreaterThan(0);

        await using (var db = database.NewContext())
        {
            // Credits agree with the calls: every credited callback points at an earlier message on the same contact.
            var bad = await (from callback in db.Calls.IgnoreQueryFilters()
                             where callback.CreditedCallId != null && callback.Direction == CallDirection.Inbound
                             join m in db.Calls.IgnoreQueryFilters() on callback.CreditedCallId equals m.Id
                             where m.ContactId != callback.ContactId || m.StartedAt >= callback.StartedAt || m.CalledBackAt == null
                             select callback.Id).CountAsync();
            bad.ShouldBe(0);
            (await db.FollowUps.IgnoreQueryFilters().CountAsync()).ShouldBeGreaterThan(0, "Today has something on it");
        }

        var twice = await ringback.RunAsync("demo", "--contacts", "10");
        twice.ExitCode.ShouldBe(1);
        twice.Error.ShouldContain("this database already has contacts");
    }

    [Fact]
    public async Task The_demo_works_contacts_through_several_cadences_when_asked_so_a_book_can_carry_ten_calls_a_contact()
    {
        async Task<(int Contacts, int Calls, int Bad)> DemoAsync(string cadences)
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            var demo = await new RingbackProcess(database).RunAsync("demo", "--contacts", "1500", "--months", "12", "--cadences", cadences);
            demo.ExitCode.ShouldBe(0, demo.Error);
            await using var db = database.NewContext();
            var calls = db.Calls.IgnoreQueryFilters();
            // Each cadence's messages are credited within the contact, as in a single cadence.
            var bad = await (from callback in calls
                             where callback.CreditedCallId != null && callback.Direction == CallDirection.Inbound
                             join m in calls on callback.CreditedCallId equals m.Id
                             where m.ContactId != callback.ContactId || m.StartedAt >= callback.StartedAt
                             select callback.Id).CountAsync();
            return (await db.Contacts.IgnoreQueryFilters().CountAsync(), await calls.CountAsync(), bad);
        }

        var one = await DemoAsync("1");
        var more = await DemoAsync("2.5");
        one.Contacts.ShouldBe(1500);
        more.Contacts.ShouldBe(1500);
        ((double)more.Calls / one.Calls).ShouldBeInRange(2.0, 3.0, $"{one.Calls} calls with one cadence, {more.Calls} with 2.5");
        more.Bad.ShouldBe(0);

        await using var empty = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var wrong = await new RingbackProcess(empty).RunAsync("demo", "--contacts", "10", "--cadences", "6");
        wrong.ExitCode.ShouldBe(2);
        wrong.Error.ShouldContain("--cadences 1 to 5");
    }
}
