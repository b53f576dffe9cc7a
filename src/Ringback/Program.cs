using Ringback.Cli;

try
{
    return await CliApp.RunAsync(args);
}
catch (Exception e) when (e is not HostAbortedException && e is not OperationCanceledException)
{
    // A person at a terminal gets what went wrong in one line, not a stack trace; RINGBACK_DEBUG=1 shows it all.
    await Console.Error.WriteLineAsync(Environment.GetEnvironmentVariable("RINGBACK_DEBUG") == "1" ? e.ToString() : $"ringback: {e.Message}");
    return 70;
}

/// <summary>The entry point; public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
