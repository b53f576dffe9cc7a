using System.CommandLine;
using System.Text;
using Ringback.Accounts;
using Ringback.Data.Accounts;
using Ringback.Data.Import;

namespace Ringback.Cli;

/// <summary><c>ringback export contacts</c>.</summary>
public static class ExportCommands
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: standard output)" };
        var actAs = CliServices.ActAsOption("the user whose organization to export");
        var contacts = new Command("contacts", "Export contacts as CSV (safe to open in a spreadsheet)") { output, actAs };
        contacts.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.Export) is not { } user)
            {
                return 1;
            }

            // Logged before the data leaves: an export that fails halfway has still shown someone the book.
            await cli.Db.RecordAsync(Actor.Of(user), AuditActions.Exported, "contacts (command line)", parse.GetValue(output)?.FullName ?? "standard output",
                cli.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant(), ct);

            if (parse.GetValue(output) is { } file)
            {
                // Written to a temporary file and moved into place, so a failed export never leaves half a file.
                var temp = file.FullName + ".partial";
                int count;
                await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
                {
                    count = await ContactExporter.WriteAsync(cli.Db, writer, ct);
                }

                File.Move(temp, file.FullName, overwrite: true);
                await Console.Error.WriteLineAsync($"Exported {count} contacts to {file.FullName}.");
            }
            else
            {
                await ContactExporter.WriteAsync(cli.Db, Console.Out, ct);
            }

            return 0;
        });
        return new Command("export", "Export data") { contacts };
    }
}
