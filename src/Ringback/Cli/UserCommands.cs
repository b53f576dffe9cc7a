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
            var apiOnly = secret is null && parse.GetValue(withToken);
            if (secret is null && !apiOnly && !Console.IsInputRedirected)
            {
                secret = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            }

            if (secret is null && !apiOnly)
            {
                await Console.Error.WriteLineAsync("ringback: give a password with --password-stdin or --password (or --token for a user of the API only)");
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

            Console.WriteLine($"Added {user.Name} <{user.Email}> as {user.Role.ToString().ToLowerInvariant()}."
                + (apiOnly ? " No password was given, so they use the API with this token; web sign-in needs a password." : string.Empty));
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

        var listEmail = new Option<string>("--email") { Description = "Whose tokens", Required = true };
        var tokenList = new Command("list", "List a user's tokens by name and prefix (the tokens themselves are not stored)") { listEmail };
        tokenList.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var accounts = cli.Services.GetRequiredService<AccountService>();
            if (await FindAsync(accounts, parse.GetValue(listEmail)!, ct) is not { } owner)
            {
                return 1;
            }

            foreach (var token in await accounts.TokensOfAsync(owner, ct))
            {
                Console.WriteLine($"{token.Prefix}…\t{token.Name}\t{(token.RevokedAt is null ? "active" : "revoked")}");
            }

            return 0;
        });

        var revokeEmail = new Option<string>("--email") { Description = "Whose token", Required = true };
        var prefix = new Argument<string>("prefix") { Description = "The token's first characters, as `user token list` shows them" };
        var tokenRevoke = new Command("revoke", "Revoke a token at once; requests with it are refused from then on") { revokeEmail, prefix };
        tokenRevoke.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var accounts = cli.Services.GetRequiredService<AccountService>();
            if (await FindAsync(accounts, parse.GetValue(revokeEmail)!, ct) is not { } owner)
            {
                return 1;
            }

            var wanted = parse.GetValue(prefix)!.TrimEnd('…', '.');
            if (!await accounts.RevokeTokenAsync(owner, wanted, ct))
            {
                await Console.Error.WriteLineAsync($"ringback: {owner.Email} has no active token starting {wanted}");
                return 1;
            }

            Console.WriteLine($"Revoked {wanted}….");
            return 0;
        });

        var user = new Command("user", "Manage users and API tokens") { add, list, new Command("token", "API tokens") { tokenAdd, tokenList, tokenRevoke } };
        return user;
    }

    private static async Task<User?> FindAsync(AccountService accounts, string email, CancellationToken ct)
    {
        var user = await accounts.FindByEmailAsync(email, ct);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"ringback: no user has the email {email}");
        }

        return user;
    }
}
