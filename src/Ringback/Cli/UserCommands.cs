using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Data.Accounts;
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
                await PrintAsync(errors);
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
                Console.WriteLine($"{u.Email}\t{u.Name}\t{u.Role.ToString().ToLowerInvariant()}" + (u.IsActive ? string.Empty : "\tdeactivated"));
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

        var user = new Command("user", "Manage users and API tokens")
        {
            add, list, Invite(), Password(), Role(), Deactivate(reactivate: false), Deactivate(reactivate: true),
            new Command("token", "API tokens") { tokenAdd, tokenList, tokenRevoke },
        };
        return user;
    }

    private static Option<string?> ActAs() => CliServices.ActAsOption("the user who does this");

    /// <summary><c>ringback user invite</c>: the same invitation as the Team page; the link is printed when no mail goes.</summary>
    private static Command Invite()
    {
        var email = new Option<string>("--email") { Description = "Their email", Required = true };
        var role = new Option<string>("--role") { Description = "owner, manager or rep", DefaultValueFactory = _ => "rep" };
        var actAs = ActAs();
        var command = new Command("invite", "Invite someone to your organization by email (the link is printed when no mail server is set)") { email, role, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.ManageReps) is not { } me)
            {
                return 1;
            }

            var invitations = cli.Services.GetRequiredService<Invitations>();
            var (sent, errors) = await invitations.InviteAsync(me, parse.GetValue(email), parse.GetValue(role), ct);
            if (sent is null)
            {
                await PrintAsync(errors);
                return 1;
            }

            if (sent.Mailed)
            {
                Console.WriteLine($"Invitation mailed to {sent.Invitation.Email} as {sent.Invitation.Role.ToString().ToLowerInvariant()}; the link works once, for 7 days.");
            }
            else
            {
                await Console.Error.WriteLineAsync(sent.MailProblem is { } problem
                    ? $"The invitation could not be mailed ({problem}); send this link yourself. It works once, for 7 days:"
                    : "No mail server is set (Ringback:Smtp:Host); send this link yourself. It works once, for 7 days:");
                Console.WriteLine(sent.Link);
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>ringback user password</c>: the server operator's way back in for someone, with no mail server.</summary>
    private static Command Password()
    {
        var email = new Option<string>("--email") { Description = "Whose password", Required = true };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input" };
        var command = new Command("password", "Set a user's password (every browser signed in as them is signed out)") { email, stdin };
        command.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(stdin) ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n')
                : Console.IsInputRedirected ? null : AnsiConsole.Prompt(new TextPrompt<string>("New password:").Secret());
            if (secret is null)
            {
                await Console.Error.WriteLineAsync("ringback: give the password with --password-stdin");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            var accounts = cli.Services.GetRequiredService<AccountService>();
            if (await FindAsync(accounts, parse.GetValue(email)!, ct) is not { } found)
            {
                return 1;
            }

            var target = await cli.Db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == found.Id, ct);
            if (AccountService.SetPassword(target, secret) is { } problem)
            {
                await Console.Error.WriteLineAsync($"ringback: password: {problem}");
                return 1;
            }

            cli.Db.OrganizationId = target.OrganizationId;
            var now = cli.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
            cli.Db.Audit(new Actor(null, "command line"), AuditActions.PasswordReset, target.Email, "set by the server's operator", now);
            await cli.Db.SaveChangesAsync(ct);
            var ended = await cli.Services.GetRequiredService<Sessions>().EndAllAsync(target.Id, cancellationToken: ct);
            Console.WriteLine($"Password set for {target.Email}; {ended} signed-in browser{(ended == 1 ? " was" : "s were")} signed out.");
            return 0;
        });
        return command;
    }

    private static Command Role()
    {
        var email = new Option<string>("--email") { Description = "Whose role", Required = true };
        var role = new Option<string>("--role") { Description = "owner, manager or rep", Required = true };
        var actAs = ActAs();
        var command = new Command("role", "Change someone's role (owners only)") { email, role, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.ManageRoles) is not { } me
                || await MemberAsync(cli, parse.GetValue(email)!, ct) is not { } target)
            {
                return 1;
            }

            var errors = await cli.Services.GetRequiredService<Membership>().ChangeRoleAsync(me, target.Id, parse.GetValue(role), ct);
            if (!errors.IsEmpty)
            {
                await PrintAsync(errors);
                return 1;
            }

            Console.WriteLine($"{target.Email} is now a {parse.GetValue(role)!.ToLowerInvariant()}.");
            return 0;
        });
        return command;
    }

    private static Command Deactivate(bool reactivate)
    {
        var email = new Option<string>("--email") { Description = reactivate ? "Who comes back" : "Who leaves", Required = true };
        var actAs = ActAs();
        var command = reactivate
            ? new Command("reactivate", "Let a deactivated user sign in again") { email, actAs }
            : new Command("deactivate", "Stop someone signing in: their sessions end and their API tokens are refused at once; their data stays") { email, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.ManageReps) is not { } me
                || await MemberAsync(cli, parse.GetValue(email)!, ct) is not { } target)
            {
                return 1;
            }

            var membership = cli.Services.GetRequiredService<Membership>();
            var problem = reactivate ? await membership.ReactivateAsync(me, target.Id, ct) : await membership.DeactivateAsync(me, target.Id, ct);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"ringback: {problem}");
                return 1;
            }

            Console.WriteLine(reactivate ? $"{target.Email} can sign in again." : $"{target.Email} is deactivated; give their contacts to someone with: ringback reassign --from {target.Email} --to EMAIL");
            return 0;
        });
        return command;
    }

    /// <summary>A user of the acting user's organization, by email.</summary>
    private static async Task<User?> MemberAsync(CliServices cli, string email, CancellationToken ct)
    {
        var key = email.Trim().ToLowerInvariant();
        var user = await cli.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == key, ct);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"ringback: nobody in your organization has the email {email}");
        }

        return user;
    }

    private static async Task PrintAsync(Validation.ValidationErrors errors)
    {
        foreach (var field in errors.Fields)
        {
            foreach (var message in errors.For(field))
            {
                await Console.Error.WriteLineAsync($"ringback: {field}: {message}");
            }
        }
    }

    /// <summary><c>ringback reassign</c>: give one rep's contacts (or some contacts) to another.</summary>
    public static Command Reassign()
    {
        var from = new Option<string?>("--from") { Description = "Whose contacts: all they own, with their open cadences and inbox items" };
        var contacts = new Option<Guid[]>("--contact") { Description = "A contact's id (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var to = new Option<string>("--to") { Description = "Who takes them", Required = true };
        var actAs = ActAs();
        var command = new Command("reassign", "Give contacts, with their promises, cadences and reminders, to another rep") { from, contacts, to, actAs };
        command.SetAction(async (parse, ct) =>
        {
            var ids = parse.GetValue(contacts) ?? [];
            if (parse.GetValue(from) is null == (ids.Length == 0))
            {
                await Console.Error.WriteLineAsync("ringback: say whose contacts with --from EMAIL, or which with --contact ID (not both)");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct, Capability.Reassign) is not { } me
                || await MemberAsync(cli, parse.GetValue(to)!, ct) is not { } target)
            {
                return 1;
            }

            if (!target.IsActive)
            {
                await Console.Error.WriteLineAsync($"ringback: --to: {target.Email} is deactivated");
                return 1;
            }

            User? source = null;
            if (parse.GetValue(from) is { } fromEmail && (source = await MemberAsync(cli, fromEmail, ct)) is null)
            {
                return 1;
            }

            var planner = cli.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Data.Planner.PlannerOptions>>().Value;
            var result = await Reassignment.ReassignAsync(cli.Db, ids.Length == 0 ? null : ids, source?.Id, target.Id, Actor.Of(me),
                cli.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant(), planner, ct);
            Console.WriteLine($"{target.Email} now has {result.Contacts} more contacts ({result.Cadences} open cadences, {result.InboxItems} inbox items); their promises and reminders went with them.");
            return 0;
        });
        return command;
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
