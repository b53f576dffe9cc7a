using System.CommandLine;
using Microsoft.Extensions.Options;
using Ringback.Data;
using Ringback.Hosting;

namespace Ringback.Cli;

/// <summary>
/// The <c>ringback</c> command line. With no verb (or <c>serve</c>) it runs the web host. Global flags are
/// configuration: <c>--data-dir</c> is <c>Ringback:DataDirectory</c>, <c>--postgres</c> is <c>Ringback:Postgres</c>,
/// <c>--region</c> is <c>Ringback:DefaultRegion</c>, <c>--urls</c> is <c>urls</c>, exactly as in appsettings.json
/// or the environment (<c>Ringback__Postgres</c>).
/// </summary>
public static class CliApp
{
    public static readonly Option<string?> DataDir = new("--data-dir") { Description = "Folder for the SQLite database (Ringback:DataDirectory)", Recursive = true };
    public static readonly Option<string?> Postgres = new("--postgres") { Description = "PostgreSQL connection string; chooses PostgreSQL (Ringback:Postgres)", Recursive = true };
    public static readonly Option<string?> Region = new("--region") { Description = "Region for numbers without a country code, e.g. US, GB (Ringback:DefaultRegion)", Recursive = true };
    public static readonly Option<string?> Urls = new("--urls") { Description = $"Where the web host listens (default {WebHost.DefaultUrl})" };

    /// <summary>
    /// Settings read as if from the environment, for a host that runs commands in its own process (the tests run most
    /// commands this way, with their output captured); keys as configuration names them ("RINGBACK_USER", "Ringback:Smtp:Host").
    /// </summary>
    public static AsyncLocal<IReadOnlyDictionary<string, string?>?> Environment { get; } = new();

    public static async Task<int> RunAsync(string[] args)
    {
        // Unknown --options on the root and serve commands are host settings ("--environment Development"), passed to
        // ASP.NET Core as it would take them; WebApplicationFactory starts the host that way too.
        var root = new RootCommand("Ringback: get your sales calls returned.") { TreatUnmatchedTokensAsErrors = false };
        root.Options.Add(DataDir);
        root.Options.Add(Postgres);
        root.Options.Add(Region);
        root.Options.Add(Urls);

        var serve = new Command("serve", "Run the web app and API (the default)") { TreatUnmatchedTokensAsErrors = false };
        serve.Options.Add(Urls);
        serve.SetAction((parse, ct) => ServeAsync(parse, ct));
        root.SetAction((parse, ct) => ServeAsync(parse, ct));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(UserCommands.Reassign());
        root.Subcommands.Add(ImportCommands.Create());
        root.Subcommands.Add(ExportCommands.Create());
        root.Subcommands.Add(LogCallCommand.Create());
        root.Subcommands.Add(CallCommands.Create());
        root.Subcommands.Add(CoachCommand.Create());
        root.Subcommands.Add(PracticeCommand.Create());
        root.Subcommands.Add(ReminderCommands.Create());
        root.Subcommands.Add(SmtpCommands.Create());
        foreach (var command in CallbackCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in PlannerCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        // A mistake on the command line is said in a line or two, with where to read more, not under a page of help.
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command != root)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"ringback {parsed.CommandResult.Command.Name}: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"See: ringback {string.Join(' ', CommandPath(parsed.CommandResult))} --help");
            return 2;
        }

        // Exceptions propagate (the test host stops Main with one); Program turns the rest into one plain line.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static List<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var at = result; at is not null && at.Parent is not null; at = at.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, at.Command.Name);
        }

        return names;
    }

    /// <summary>The configuration keys the global flags set.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                overrides[key] = value;
            }
        }

        Set("Ringback:DataDirectory", parse.GetValue(DataDir));
        Set("Ringback:Postgres", parse.GetValue(Postgres));
        Set("Ringback:DefaultRegion", parse.GetValue(Region));
        Set("urls", parse.GetValue(Urls));
        return overrides;
    }

    private static async Task<int> ServeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.UnmatchedTokens is [var first, ..] && !first.StartsWith('-'))
        {
            // "ringback imprt contacts x" is a typo, not a request to start the server.
            await Console.Error.WriteLineAsync($"ringback: '{first}' is not a command; see ringback --help");
            return 2;
        }

        var app = WebHost.Build([.. parse.UnmatchedTokens], Overrides(parse));
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"Ringback is running at {url}  (data: {storage.Describe()}; Ctrl+C to stop)");
            }
        });
        try
        {
            await app.RunAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            // Bad settings, an unreachable PostgreSQL, a port in use: say so plainly, without a stack trace.
            await Console.Error.WriteLineAsync($"ringback: cannot start: {e.Message}");
            return 1;
        }

        return 0;
    }
}
