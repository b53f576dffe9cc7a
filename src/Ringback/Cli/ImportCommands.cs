using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data.Accounts;
using Ringback.Data.Import;
using Ringback.Hosting;
using Ringback.Validation;
using Spectre.Console;

namespace Ringback.Cli;

/// <summary><c>ringback import contacts FILE</c>.</summary>
public static class ImportCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV exported from Ringback, HubSpot, Salesforce, Google Contacts or Outlook" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; write nothing" };
        var skipBad = new Option<bool>("--skip-bad-rows") { Description = "Import the good rows even if some are bad (default: all or nothing)" };
        var actAs = CliServices.ActAsOption("the user who will own the contacts");
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding, e.g. utf-8 or windows-1252 (default: detected)" };
        var duplicates = new Option<DuplicateHandling>("--duplicates")
        {
            Description = "Rows that are a contact you have (email, name and company, or a number under the same name): skip them, update those contacts, or import them as new",
            DefaultValueFactory = _ => DuplicateHandling.Skip,
        };
        var rows = new Option<string?>("--rows") { Description = "Single rows decided otherwise, by their line in the file: 3:update,7:new" };

        var contacts = new Command("contacts", "Import contacts from a CSV file: all or nothing unless --skip-bad-rows; contacts you have are skipped unless --duplicates says otherwise")
        {
            file, dryRun, skipBad, duplicates, rows, actAs, encoding,
        };
        contacts.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var user = await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.Import);
            if (user is null)
            {
                return 1;
            }

            Encoding? chosen = null;
            if (parse.GetValue(encoding) is { } name)
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                try
                {
                    chosen = Encoding.GetEncoding(name);
                }
                catch (ArgumentException)
                {
                    await Console.Error.WriteLineAsync($"ringback: '{name}' is not a text encoding");
                    return 2;
                }
            }

            var errors = new ValidationErrors();
            var choices = RowChoices.Parse(errors, "--rows", parse.GetValue(rows));
            if (!errors.IsEmpty)
            {
                await Console.Error.WriteLineAsync($"ringback: --rows {errors.For("--rows")[0]}");
                return 2;
            }

            var options = new ImportOptions
            {
                OrganizationId = user.OrganizationId,
                OwnerId = user.Id,
                DefaultRegion = cli.Services.GetRequiredService<IOptions<RingbackOptions>>().Value.DefaultRegion,
                DryRun = parse.GetValue(dryRun),
                SkipBadRows = parse.GetValue(skipBad),
                Duplicates = parse.GetValue(duplicates),
                RowChoices = choices,
                Encoding = chosen,
            };
            var importer = cli.Services.GetRequiredService<ContactImporter>();
            var path = parse.GetValue(file)!.FullName;
            ImportReport report;
            try
            {
                report = await RunWithProgressAsync(p => importer.ImportAsync(path, options, p, ct));
            }
            catch (ImportFileException e)
            {
                await Console.Error.WriteLineAsync($"ringback: {e.Message}");
                return 1;
            }

            if (report.Committed)
            {
                await cli.Db.RecordAsync(Actor.Of(user), AuditActions.Imported, $"contacts from {Path.GetFileName(path)} (command line)", report.Summary,
                    cli.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant(), ct);
            }

            Print(report);
            return report.ErrorCount == 0 || (report.Committed && options.SkipBadRows) ? 0 : 1;
        });

        return new Command("import", "Import data") { contacts, CallbackCommands.Cdr() };
    }

    private static async Task<ImportReport> RunWithProgressAsync(Func<IProgress<double>?, Task<ImportReport>> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            return await run(null);
        }

        return await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Importing contacts", maxValue: 1);
            return await run(new Progress<double>(fraction => task.Value = fraction));
        });
    }

    private static void Print(ImportReport report)
    {
        var mapping = report.Mapping;
        Console.WriteLine($"Read {Words.Count(report.RowsRead, "row")} ({mapping.Source} format, {report.EncodingName}, '{(report.Delimiter == '\t' ? "\\t" : report.Delimiter)}'-separated).");
        Console.WriteLine("Columns: " + string.Join(", ", mapping.Columns.Select(c => $"{c.Header} → {Words.Of(c.Column).ToLowerInvariant()}")));
        if (mapping.Ignored.Count > 0)
        {
            Console.WriteLine("Ignored columns: " + string.Join(", ", mapping.Ignored));
        }

        foreach (var error in report.Errors)
        {
            Console.Error.WriteLine(error);
        }

        if (report.ErrorCount > report.Errors.Count)
        {
            Console.Error.WriteLine($"… and {report.ErrorCount - report.Errors.Count} more errors.");
        }

        foreach (var match in report.Matches)
        {
            Console.WriteLine(match);
        }

        if (report.UnknownOwners.Count > 0)
        {
            Console.WriteLine($"Owners who are not users here (their contacts are yours): {string.Join(", ", report.UnknownOwners)}.");
        }

        if (report.DryRun)
        {
            Console.WriteLine(report.BadRows == 0
                ? $"Dry run: all {report.RowsRead} rows are good; nothing was written."
                : $"Dry run: {report.BadRows} of {report.RowsRead} rows are bad; nothing was written.");
            Console.WriteLine($"The import will add {Words.Count(report.New, "new contact")}, update {report.Updated} and skip {report.Skipped}"
                + (report.SharesNumber > 0 ? $"; {report.SharesNumber} of the new share a number with someone." : "."));
        }
        else if (report.Committed)
        {
            Console.WriteLine($"Imported {Words.Count(report.ContactsImported, "contact")}, {Words.Count(report.GatekeepersImported, "gatekeeper")}, {Words.Count(report.CompaniesCreated, "new company", "new companies")}."
                + (report.Skipped > 0 ? $" Skipped {Words.Count(report.Skipped, "contact")} you already have." : string.Empty)
                + (report.Updated > 0 ? $" Updated {Words.Count(report.Updated, "contact")} you already had." : string.Empty)
                + (report.BadRows > 0 ? $" Skipped {Words.Count(report.BadRows, "bad row")}." : string.Empty));
        }
        else
        {
            Console.Error.WriteLine($"Nothing was imported: {report.BadRows} of {report.RowsRead} rows are bad. Fix them and run again, or use --skip-bad-rows.");
        }
    }
}
