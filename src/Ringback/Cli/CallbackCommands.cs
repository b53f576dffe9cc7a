using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Cli;

/// <summary><c>ringback callback</c>, <c>ringback import cdr</c>, <c>ringback stats</c>.</summary>
public static class CallbackCommands
{
    public static IEnumerable<Command> Create() => [Callback(), Stats(), CreditsCommand(), DemoCommand.Create()];

    private static Command CreditsCommand()
    {
        var actAs = CliServices.ActAsOption("a user of the organization");
        var recompute = new Command("recompute", "Credit every callback already logged by the current window (after changing Ringback:Callbacks:CreditDays)") { actAs };
        recompute.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct) is null)
            {
                return 1;
            }

            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var (contacts, credited) = await Credits.RecomputeAllAsync(cli.Db, planner, ct);
            Console.WriteLine($"Recomputed {contacts} contacts with a {planner.Callbacks.CreditDays}-day window: {credited} calls in are credited to a message.");
            return 0;
        });
        return new Command("credits", "Callback credits") { recompute };
    }

    private static Command Callback()
    {
        var from = new Argument<string>("from") { Description = "The number that called, written any way" };
        var at = new Option<string?>("--at") { Description = "When they called, e.g. 2026-11-23T13:15:00Z (default: now)" };
        var duration = new Option<int?>("--duration") { Description = "How long the call lasted, in seconds" };
        var missed = new Option<bool>("--missed") { Description = "Nobody picked up: it still counts as a callback" };
        var notes = new Option<string?>("--notes") { Description = "What was said" };
        var actAs = CliServices.ActAsOption("the rep who took it");
        var command = new Command("callback", "Log a call from a prospect: matched by number and credited to the message that earned it") { from, at, duration, missed, notes, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var rep = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (rep is null)
            {
                return 1;
            }

            Instant? startedAt = null;
            if (parse.GetValue(at) is { } text)
            {
                if (Scheduling.Instants.Parse(text) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync($"ringback callback: --at: {Scheduling.Instants.Why(text)}");
                    return 2;
                }

                startedAt = parsed;
            }

            var region = cli.Services.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion;
            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var result = await Inbound.CaptureAsync(cli.Db, new InboundCall
            {
                From = parse.GetValue(from),
                UserId = rep.Id,
                StartedAt = startedAt,
                DurationSeconds = parse.GetValue(duration),
                Answered = !parse.GetValue(missed),
                Notes = parse.GetValue(notes),
                Source = "cli",
            }, region, cli.Services.GetRequiredService<IClock>().GetCurrentInstant(), planner, ct);
            if (!result.IsValid)
            {
                await Console.Error.WriteLineAsync($"ringback callback: {result.Errors}");
                return 1;
            }

            if (result.Call is not { } call)
            {
                Console.WriteLine(result.Candidates.Count > 1
                    ? $"In the inbox: {result.Inbox!.FromNumber} ({result.Inbox.Reason}). Say who it was on the Inbox page; it is credited then."
                    : $"In the inbox: {result.Inbox!.FromNumber} ({result.Inbox.Reason}). Make it a contact on the Inbox page.");
                return 0;
            }

            var contact = await cli.Db.Contacts.FindAsync([call.ContactId], ct);
            var credit = await Credits.OfAsync(cli.Db, call, ct);
            var zone = rep.Zone;
            Console.WriteLine($"Logged a call from {contact!.DisplayName} ({EnumText.Format(result.MatchedBy!.Value)}).");
            Console.WriteLine(credit is null
                ? "Not credited to a message: none was left in the window before it."
                : $"Credited to {credit.Describe(zone)}.");
            return 0;
        });
        return command;
    }

    /// <summary><c>ringback import cdr Master.csv</c>.</summary>
    public static Command Cdr()
    {
        var file = new Argument<FileInfo>("file") { Description = "Asterisk's Master.csv (cdr_csv), with or without uniqueid" };
        var zone = new Option<string>("--zone") { Description = "The Asterisk server's time zone, e.g. America/New_York (UTC if it writes usegmtime=yes)", DefaultValueFactory = _ => "UTC" };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Import the good lines and report the bad ones" };
        var actAs = CliServices.ActAsOption("the rep who gets calls no number says are someone's");
        var command = new Command("cdr", "Import Asterisk call detail records: calls with prospects logged and credited, all or nothing") { file, zone, skip, actAs };
        command.SetAction(async (parse, ct) =>
        {
            var serverZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parse.GetValue(zone)!);
            if (serverZone is null)
            {
                await Console.Error.WriteLineAsync($"ringback import cdr: --zone: '{parse.GetValue(zone)}' is not an IANA time zone like America/New_York");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            var rep = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (rep is null)
            {
                return 1;
            }

            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"ringback import cdr: {path.FullName} does not exist");
                return 1;
            }

            using var reader = new StreamReader(path.FullName);
            var options = new CdrImportOptions
            {
                ServerZone = serverZone,
                DefaultRegion = cli.Services.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion,
                ImportingUserId = rep.Id,
                SkipBadRows = parse.GetValue(skip),
            };
            var result = await CdrImport.ImportAsync(cli.Db, reader, options, cli.Services.GetRequiredService<IClock>().GetCurrentInstant(),
                cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value, ct);
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"ringback import cdr: {path.Name}: line {error.Line}{(error.Column is null ? "" : $", column {error.Column}")}: {error.Message}");
            }

            if (!result.Imported)
            {
                await Console.Error.WriteLineAsync($"ringback import cdr: nothing imported ({result.Errors.Count} bad lines; --skip-bad-rows imports the rest)");
                return 1;
            }

            Console.WriteLine($"Logged {result.Logged} calls; {result.ToInbox} from unknown numbers are in the inbox; " +
                $"{result.AlreadyLogged} were already logged; {result.Ignored} were not with a prospect{(result.Errors.Count > 0 ? $"; {result.Errors.Count} bad lines skipped" : "")}.");
            return 0;
        });
        return command;
    }

    private static Command Stats()
    {
        var from = new Option<string?>("--from") { Description = "First day, e.g. 2026-09-01 (default: 90 days before --to)" };
        var to = new Option<string?>("--to") { Description = "Last day, included (default: today)" };
        var rep = new Option<string?>("--rep") { Description = "team (default), me, or a rep's email" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (the API's form)" };
        var csv = new Option<bool>("--csv") { Description = "Print the figures as CSV" };
        var actAs = CliServices.ActAsOption("the user asking");
        var command = new Command("stats", "Which strategy, attempt and hour get calls returned, and how sure we are") { from, to, rep, json, csv, actAs, Rebuild() };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var me = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (me is null)
            {
                return 1;
            }

            var now = cli.Services.GetRequiredService<IClock>().GetCurrentInstant();
            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var errors = new ValidationErrors();
            var scope = await StatsScope.ResolveAsync(cli.Db, me, parse.GetValue(rep), parse.GetValue(from), parse.GetValue(to), now, errors, ct);
            if (scope is null)
            {
                await Console.Error.WriteLineAsync($"ringback stats: {string.Join("; ", errors.Fields.SelectMany(f => errors.For(f).Select(m => $"--{f}: {m}")))}");
                return 2;
            }

            var report = await CallbackStats.ReportAsync(cli.Db, scope.Query, now, planner, ct);
            if (parse.GetValue(csv))
            {
                Console.Write(ReportCsv.Write(report));
                return 0;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(StatsResponse.Of(report, scope, planner), CliJson.Options));
                return 0;
            }

            Print(report, scope);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The tallies the report reads, counted again from the calls (every organization, one transaction): after
    /// restoring a backup taken without them, or to check them — the figures do not change if they were right.
    /// </summary>
    private static Command Rebuild()
    {
        var command = new Command("rebuild", "Count the Stats report's daily tallies again from the calls themselves");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var rows = await StatsRollups.RebuildAsync(cli.Db, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuilt the Stats tallies from the calls: {rows:N0} rows in {started.Elapsed.TotalSeconds:0.0} s."));
            return 0;
        });
        return command;
    }

    private static void Print(CallbackReport report, StatsScope scope)
    {
        Console.WriteLine($"Callbacks for {scope.Whose}, {scope.Period}");
        Console.WriteLine(report.Verdict);
        Console.WriteLine();
        Console.WriteLine($"{"Strategy",-22} {"Messages",8} {"Back",6} {"Rate",6}  95% interval");
        foreach (var s in report.Strategies)
        {
            Console.WriteLine(Line(s.Name, s.CallbackRate));
        }

        Console.WriteLine();
        Console.WriteLine($"{"Attempt",-22} {"Messages",8} {"Back",6} {"Rate",6}  95% interval");
        foreach (var a in report.Attempts)
        {
            Console.WriteLine(Line(a.Attempt, a.CallbackRate));
        }

        Console.WriteLine();
        var best = report.Hours.Where(h => !h.CallbackRate.TooFewToConclude).OrderByDescending(h => h.CallbackRate.Value).Take(3).ToList();
        Console.WriteLine(best.Count == 0
            ? "Hours: too few messages in any one hour to compare them."
            : "Best prospect-local hours: " + string.Join("; ", best.Select(h => $"{h.Day} {h.Hour:00}:00 {CallbackReport.Describe(h.CallbackRate)}")));
        var time = report.TimeToCallback;
        Console.WriteLine(time.Count == 0
            ? "Time to callback: no callbacks yet."
            : $"Time to callback: median {Credit.Span(time.Median!.Value)}, 90% within {Credit.Span(time.Percentile90!.Value)} ({time.Count} callbacks).");
        Console.WriteLine($"Connect rate: {CallbackReport.Describe(report.ConnectRate)}. Promises kept: {CallbackReport.Describe(report.PromiseKeeping)}.");
        if (report.Reps.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine($"{"Rep",-22} {"Messages",8} {"Back",6} {"Rate",6}  95% interval  Connects  Promises kept");
            foreach (var r in report.Reps)
            {
                Console.WriteLine($"{Line(r.Name, r.CallbackRate)}  {Pct(r.ConnectRate),8}  {Pct(r.PromiseKeeping)}");
            }
        }
    }

    private static string Line(string name, Rate rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-22} {rate.Trials,8} {rate.Successes,6} {Pct(rate),6}  {CallbackReport.Percent(rate.Low)}–{CallbackReport.Percent(rate.High)}{(rate.TooFewToConclude ? "  (too few to conclude)" : "")}");

    private static string Pct(Rate rate) => rate.Value is { } v ? CallbackReport.Percent(v) : "–";
}
