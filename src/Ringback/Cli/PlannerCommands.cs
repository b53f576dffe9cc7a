using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Ringback.Accounts;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Phones;
using Ringback.Planner;
using Ringback.Validation;

namespace Ringback.Cli;

/// <summary><c>ringback today</c>, <c>ringback dnc import</c>, <c>ringback calendar export</c>, <c>ringback cadence list|enroll</c>.</summary>
public static class PlannerCommands
{
    public static IEnumerable<Command> Create() => [Today(), DncCommand(), CalendarCommand(), CadenceCommand()];

    private static Command Today()
    {
        var at = new Option<string?>("--at") { Description = "The moment to plan for, e.g. 2026-11-23T13:15:00Z (default: now)" };
        var actAs = CliServices.ActAsOption("the rep");
        var json = new Option<bool>("--json") { Description = "Print the queue as JSON" };
        var command = new Command("today", "Today's calls, in the order to make them") { at, actAs, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var rep = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (rep is null)
            {
                return 1;
            }

            var when = cli.Services.GetRequiredService<IClock>().GetCurrentInstant();
            if (parse.GetValue(at) is { } text)
            {
                if (Scheduling.Instants.Parse(text) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync($"ringback today: --at: {Scheduling.Instants.Why(text)}");
                    return 2;
                }

                when = parsed;
            }

            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var region = cli.Services.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion;
            var today = await Data.Planner.Today.ForAsync(cli.Db, rep, when, planner, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    at = when.ToDateTimeOffset(),
                    warnings = today.Warnings,
                    items = today.Items.Select(i => new
                    {
                        kind = i.Kind, contact = i.ContactName, i.Phone, phoneShown = i.Phone is null ? null : PhoneFormat.Shown(i.Phone, region),
                        dueAt = i.DueAt.ToDateTimeOffset(), i.Why, i.Strategy, i.Opener,
                        prospectLocalNow = LocalDateTimePattern.GeneralIso.Format(i.ProspectLocalNow), prospectLocalTime = i.Place.LocalNow,
                        prospectZone = i.Place.Zone, prospectZones = i.Place.Zones, zoneKnown = i.Place.Known, zoneInferred = i.Place.Inferred,
                        zoneExplanation = i.Place.Explanation, i.LawfulNow,
                        nextLawfulAt = i.NextLawfulAt?.ToDateTimeOffset(), i.PhoneTag,
                    }),
                }, CliJson.Options));
                return 0;
            }

            foreach (var warning in today.Warnings)
            {
                Console.WriteLine($"! {warning}");
            }

            if (today.Items.Count == 0)
            {
                Console.WriteLine("Nothing to call today.");
            }

            foreach (var i in today.Items)
            {
                var lawful = i.LawfulNow ? "callable now" : i.NextLawfulAt is { } next ? $"not now ({i.BlockedBy}); next {Describe(next, today.RepZone)} your time" : $"no time to call them in the next two weeks: {i.NoTimeReason ?? i.BlockedBy}";
                Console.WriteLine($"{EnumText.Format(i.Kind),-17} {Describe(i.DueAt, today.RepZone)}  {i.ContactName}{(i.Company is null ? "" : ", " + i.Company)}  {PhoneFormat.Shown(i.Phone, region)}");
                Console.WriteLine($"{"",17} {i.Why}. Their time {i.Place.LocalNow ?? "unknown"} ({(i.Place.Known ? i.Place.Zone + ", " : "")}{i.Place.Explanation}); {lawful}.");
                Console.WriteLine($"{"",17} {(i.Strategy is { } s ? EnumText.Format(s) + ": " : "")}\"{i.Opener}\"{(i.PhoneTag ? "  [phone tag]" : "")}");
            }

            return 0;
        });
        return command;
    }

    private static Command DncCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "One number per line, or CSV with the number in the first column" };
        var name = new Option<string>("--name") { Description = "The list's name, e.g. \"US National DNC Registry\"", Required = true };
        var copyDate = new Option<string>("--copy-date") { Description = "The day the copy was taken from the registry, e.g. 2026-11-01", Required = true };
        var own = new Option<bool>("--own") { Description = "It is your own list, not a registry copy" };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Import the good lines and report the bad ones" };
        var actAs = CliServices.ActAsOption("a user of the organization");
        var import = new Command("import", "Import a do-not-call list") { file, name, copyDate, own, skip, actAs };
        import.SetAction(async (parse, ct) =>
        {
            var (date, problem) = Scheduling.Dates.Day(parse.GetValue(copyDate)!);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"ringback dnc import: --copy-date: {problem}");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.ManageDoNotCall) is not { } user)
            {
                return 1;
            }

            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"ringback dnc import: {path.FullName} does not exist");
                return 1;
            }

            using var reader = new StreamReader(path.FullName);
            var region = cli.Services.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion;
            var result = await DoNotCallRegister.ImportAsync(cli.Db, reader, parse.GetValue(name)!, parse.GetValue(own) ? DoNotCallListKind.Internal : DoNotCallListKind.Registry,
                date!.Value, region, parse.GetValue(skip), Actor.Of(user), cli.Services.GetRequiredService<IClock>().GetCurrentInstant(), ct);
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"ringback dnc import: {path.Name}: {error}");
            }

            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"ringback dnc import: nothing imported ({Validation.Words.Count(result.Errors.Count, "bad line")}; --skip-bad-rows imports the rest)");
                return 1;
            }

            Console.WriteLine($"Imported {Validation.Words.Count(result.Imported, "number")} into \"{result.List!.Name}\" (copy of {LocalDatePattern.Iso.Format(result.List.CopyDate)}){(result.Duplicates > 0 ? $"; {Validation.Words.Count(result.Duplicates, "repeat")} ignored" : "")}.");
            return 0;
        });
        return new Command("dnc", "Do-not-call lists") { import };
    }

    private static Command CalendarCommand()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: standard output)" };
        var actAs = CliServices.ActAsOption("the rep");
        var export = new Command("export", "Your promised calls and appointments as an iCalendar file") { output, actAs };
        export.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var rep = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (rep is null)
            {
                return 1;
            }

            var text = await CalendarFeed.WriteAsync(cli.Db, rep, cli.Services.GetRequiredService<IClock>().GetCurrentInstant(), ct);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
                await Console.Error.WriteLineAsync($"Wrote {file.FullName}.");
            }
            else
            {
                await Console.Out.WriteAsync(text);
            }

            return 0;
        });
        return new Command("calendar", "Calendar") { export };
    }

    private static Command CadenceCommand()
    {
        var actAs = CliServices.ActAsOption("the rep");
        var list = new Command("list", "The organization's cadences") { actAs };
        list.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct) is null)
            {
                return 1;
            }

            foreach (var c in await CadenceBook.ListAsync(cli.Db, cli.Services.GetRequiredService<IClock>().GetCurrentInstant(), ct))
            {
                Console.WriteLine($"{c.Name}  (up to {c.MaxAttempts} attempts)\n    {c.Steps}");
            }

            return 0;
        });

        var cadence = new Option<string>("--cadence") { Description = "The cadence's name", Required = true };
        var allNew = new Option<bool>("--all-new") { Description = "Every contact you own that is still new" };
        var contactIds = new Option<string[]>("--contact") { Description = "A contact id (repeatable)", AllowMultipleArgumentsPerToken = true };
        var keep = new Option<bool>("--keep-after-end") { Description = "Keep contacts after the last step instead of moving on" };
        var enrollAs = CliServices.ActAsOption("the rep who works the cadence");
        var enroll = new Command("enroll", "Enrol contacts in a cadence") { cadence, allNew, contactIds, keep, enrollAs };
        enroll.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var rep = await cli.ActAsAsync(parse.GetValue(enrollAs), ct);
            if (rep is null)
            {
                return 1;
            }

            var now = cli.Services.GetRequiredService<IClock>().GetCurrentInstant();
            var wanted = parse.GetValue(cadence)!;
            var found = (await CadenceBook.ListAsync(cli.Db, now, ct)).FirstOrDefault(c => c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                await Console.Error.WriteLineAsync($"ringback cadence enroll: --cadence: no cadence called '{wanted}' (see ringback cadence list)");
                return 1;
            }

            var ids = new List<Guid>();
            foreach (var text in parse.GetValue(contactIds) ?? [])
            {
                if (!Guid.TryParse(text, out var id))
                {
                    await Console.Error.WriteLineAsync($"ringback cadence enroll: --contact: '{text}' is not a contact id");
                    return 2;
                }

                ids.Add(id);
            }

            if (parse.GetValue(allNew))
            {
                ids.AddRange(await cli.Db.Contacts.Where(c => c.OwnerId == rep.Id && c.Status == Contacts.ContactStatus.New).Select(c => c.Id).ToListAsync(ct));
            }

            if (ids.Count == 0)
            {
                await Console.Error.WriteLineAsync("ringback cadence enroll: name contacts with --contact ID or use --all-new");
                return 2;
            }

            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var result = await CadenceBook.EnrollAsync(cli.Db, found.Id, ids, rep.Id, parse.GetValue(keep), now, planner, ct);
            Console.WriteLine($"Enrolled {result.Enrolled} contacts in \"{found.Name}\".{(result.NotFound.Count > 0 ? $" Not found: {string.Join(", ", result.NotFound)}." : "")}");
            return result.NotFound.Count > 0 ? 1 : 0;
        });
        return new Command("cadence", "Cadences") { list, enroll };
    }

    private static string Describe(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
