using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Spectre.Console;

namespace Ringback.Cli;

/// <summary><c>ringback user add|list</c> and <c>ringback token add</c>.</summary>
public static class UserCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "Sign-in email", Required = true };
        var name = new Option<string>("--name") { Description = "Your name, as said in your messages", Required = true };
        var password = new Option<string?>("--password") { Description = "Password (prefer --password-stdin: command lines are logged)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input" };
        var organization = new Option<string?>("--org") { Description = "Organization to create or join (default: the only one, or a new one)" };
        var company = new Option<string?>("--company") { Description = "The company you sell for" };
        var phone = new Option<string?>("--phone") { Description = "Your callback number" };
        var zone = new Option<string?>("--time-zone") { Description = "Your IANA time zone, e.g. America/Chicago" };
        var hours = new Option<string?>("--hours") { Description = "When you can be reached, e.g. \"Mon-Fri 09:00-12:00\"" };
        var withToken = new Option<bool>("--token") { Description = "Also make an API token and print it once" };

        var add = new Command("add", "Add a user; the first one is the organization's owner")
        {
            email, name, password, passwordStdin, organization, company, phone, zone, hours, withToken,
        };
        add.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : parse.GetValue(password);
            if (secret is null && !Console.IsInputRedirected)
            {
                secret = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            }

            if (secret is null)
            {
                await Console.Error.WriteLineAsync("ringback: give a password with --password-stdin or --password");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            var accounts = cli.Services.GetRequiredService<AccountService>();
            var (user, errors) = await accounts.AddUserAsync(new NewUser
            {
                Email = parse.GetValue(email)!,
                Name = parse.GetValue(name)!,
                Password = secret,
                Organization = parse.GetValue(organization),
                CompanyName = parse.GetValue(company),
                CallbackPhone = parse.GetValue(phone),
                TimeZone = parse.GetValue(zone),
                ReachableHours = parse.GetValue(hours),
            }, ct);
            if (user is null)
            {
                foreach (var field in errors.Fields)
                {
                    foreach (var message in errors.For(field))
                    {
                        await Console.Error.WriteLineAsync($"ringback: {field}: {message}");
                    }
                }

                return 1;
            }

            Console.WriteLine($"Added {user.Name} <{user.Email}> as {user.Role.ToString().ToLowerInvariant()}.");
            if (parse.GetValue(withToken))
            {
                Console.WriteLine(await accounts.CreateTokenAsync(user, "cli", ct));
            }

            return 0;
        });

        var list = new Command("list", "List users");
        list.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var users = await cli.Db.Users.IgnoreQueryFilters().AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
            foreach (var u in users)
            {
                Console.WriteLine($"{u.Email}\t{u.Name}\t{u.Role.ToString().ToLowerInvariant()}");
            }

            return 0;
        });

        var tokenName = new Option<string>("--name") { Description = "What the token is for", DefaultValueFactory = _ => "api" };
        var tokenEmail = new Option<string>("--email") { Description = "Whose token", Required = true };
        var tokenAdd = new Command("add", "Make a personal API token; it is printed once and stored only as a hash") { tokenEmail, tokenName };
        tokenAdd.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var accounts = cli.Services.GetRequiredService<AccountService>();
            var user = await accounts.FindByEmailAsync(parse.GetValue(tokenEmail)!, ct);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"ringback: no user has the email {parse.GetValue(tokenEmail)}");
                return 1;
            }

            Console.WriteLine(await accounts.CreateTokenAsync(user, parse.GetValue(tokenName)!, ct));
            return 0;
        });

        var user = new Command("user", "Manage users and API tokens") { add, list, new Command("token", "API tokens") { tokenAdd } };
        return user;
    }
}
