using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Contacts;
using Ringback.Data.Demo;
using Ringback.Data.Planner;

namespace Ringback.Cli;

/// <summary><c>ringback demo --contacts N --months M</c>: a living dashboard for a new user, and data for the benchmarks.</summary>
public static class DemoCommand
{
    public const string Organization = "Ringback Demo";

    /// <summary>How many recently worked contacts get a planned follow-up, so Today has something on it.</summary>
    public const int Replanned = 300;

    public static Command Create()
    {
        var contacts = new Option<int>("--contacts") { Description = "How many contacts (up to 2,000,000)", DefaultValueFactory = _ => 2000 };
        var months = new Option<int>("--months") { Description = "How many months of calls before today", DefaultValueFactory = _ => 6 };
        var reps = new Option<int>("--reps") { Description = "How many reps work them", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "The same seed makes the same data", DefaultValueFactory = _ => 1 };
        var cadences = new Option<double>("--cadences")
        {
            Description = "How many cadences each contact is worked through over the months, on average (1 to 5; about 4.3 calls each)",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("demo", "Fill an empty database with plausible reps, contacts, calls, messages and callbacks") { contacts, months, reps, seed, cadences };
        command.SetAction(async (parse, ct) =>
        {
            var (n, m, r) = (parse.GetValue(contacts), parse.GetValue(months), parse.GetValue(reps));
            if (n is < 1 or > 2_000_000 || m is < 1 or > 36 || r is < 1 or > 200 || parse.GetValue(cadences) is < 1 or > 5)
            {
                await Console.Error.WriteLineAsync("ringback demo: --contacts must be 1 to 2,000,000, --months 1 to 36, --reps 1 to 200, --cadences 1 to 5");
                return 2;
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            var db = cli.Db;
            if (await db.Contacts.IgnoreQueryFilters().AnyAsync(ct))
            {
                await Console.Error.WriteLineAsync("ringback demo: this database already has contacts; the demo fills an empty one (use --data-dir for a new one)");
                return 1;
            }

            var accounts = cli.Services.GetRequiredService<AccountService>();
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
            var team = new List<User>();
            for (var i = 1; i <= r; i++)
            {
                var (user, errors) = await accounts.AddUserAsync(new NewUser
                {
                    Email = i == 1 ? "owner@demo.ringback.example" : $"rep{i}@demo.ringback.example",
                    Name = DemoNames[(i - 1) % DemoNames.Length] + (i > DemoNames.Length ? $" {i}" : ""),
                    Password = password,
                    Organization = Organization,
                    CompanyName = "Ringback Demo Co",
                    CallbackPhone = $"+1901555{(100 + i) % 200:0000}",
                    TimeZone = "America/Chicago",
                }, ct);
                if (user is null)
                {
                    await Console.Error.WriteLineAsync($"ringback demo: {errors}");
                    return 1;
                }

                team.Add(user);
            }

            var organizationId = team[0].OrganizationId;
            db.OrganizationId = organizationId;
            var now = cli.Services.GetRequiredService<IClock>().GetCurrentInstant();
            foreach (var industry in DemoGenerator.Industries)
            {
                db.ReferenceClients.Add(new ReferenceClient
                {
                    Id = Guid.CreateVersion7(), CompanyName = $"{industry} Leaders Inc.", Industry = industry, MayName = true,
                    Result = "cut the time spent on employee conflicts by a third", CreatedAt = now, UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync(ct);
            var generator = new DemoGenerator(cli.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
            var planner = cli.Services.GetRequiredService<IOptions<PlannerOptions>>().Value;
            var result = await generator.FillAsync(organizationId, [.. team.Select(u => new DemoRep(u.Id, u.Name))],
                new DemoOptions(n, m, parse.GetValue(seed), now, planner.CreditWindow, planner.Settings.PromiseTolerance, parse.GetValue(cadences)), null, ct);

            var recent = await db.Calls.AsNoTracking().OrderByDescending(c => c.StartedAt).Select(c => c.ContactId).Take(Replanned * 4).ToListAsync(ct);
            foreach (var contactId in recent.Distinct().Take(Replanned))
            {
                await Settlement.SettleAsync(db, contactId, Change.Contact, now, planner, ct);
            }

            Console.WriteLine($"Made {result.Contacts:N0} contacts at {result.Companies:N0} companies ({result.Gatekeepers:N0} gatekeepers) and {result.Calls:N0} calls: " +
                $"{result.Messages:N0} messages, {result.Callbacks:N0} callbacks, {result.Meetings:N0} meetings, in {result.Elapsed.TotalSeconds:0.0} s.");
            Console.WriteLine($"Sign in as owner@demo.ringback.example (or rep2@…rep{r}@demo.ringback.example) with the password {password}");
            var report = await CallbackStats.ReportAsync(db, new StatsQuery(now.InUtc().Date.PlusDays(-m * 31), now.InUtc().Date, null), now, planner, ct);
            Console.WriteLine(report.Verdict);
            return 0;
        });
        return command;
    }

    private static readonly string[] DemoNames =
    [
        "Freda Whitehouse", "Sam Okafor", "Priya Raman", "Lucas Moreau", "Hana Sato", "Diego Alvarez", "Ingrid Olsen", "Tom Becker", "Aisha Bello", "Mateo Rossi",
        "Grace Kim", "Oskar Nowak",
    ];
}
