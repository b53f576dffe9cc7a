using System.CommandLine;
using Microsoft.AspNetCore.DataProtection;
using Ringback.Data.Secrets;

namespace Ringback.Cli;

/// <summary><c>ringback smtp password</c>: the mail server's password, kept encrypted in the database rather than in a settings file.</summary>
public static class SmtpCommands
{
    public static Command Create() => new("smtp", "The mail server reminders and digests go through (Ringback:Smtp)") { Password() };

    private static Command Password()
    {
        var clear = new Option<bool>("--clear") { Description = "Forget the stored password" };
        var command = new Command("password", "Store the SMTP password encrypted, read from standard input (used when Ringback:Smtp:Password is not set)") { clear };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (parse.GetValue(clear))
            {
                Console.WriteLine(await ServerSecrets.RemoveAsync(cli.Db, ServerSecrets.SmtpPassword, ct)
                    ? "The stored SMTP password is forgotten." : "No SMTP password was stored.");
                return 0;
            }

            if (!Console.IsInputRedirected)
            {
                Console.Write("SMTP password: ");
            }

            var password = Console.IsInputRedirected ? await Console.In.ReadLineAsync(ct) : ReadHidden();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("ringback smtp password: no password given on standard input; nothing stored.");
                return 2;
            }

            var protector = cli.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ServerSecrets.Purpose);
            await ServerSecrets.SetAsync(cli.Db, ServerSecrets.SmtpPassword, password, protector.Protect, cli.Now, ct);
            Console.WriteLine("SMTP password stored, encrypted. Reminders use it from the next mail on.");
            return 0;
        });
        return command;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return text.ToString();
    }
}
