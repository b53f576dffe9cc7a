using System.Text;
using Microsoft.Extensions.Hosting;
using Ringback.Cli;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// Runs a <c>ringback</c> command inside the test process, as <c>Program</c> does (the same one line for an error), with
/// its output captured: a cold process costs several times a whole in-memory host. Console output is routed per
/// asynchronous flow, so commands run by tests in parallel each capture only their own.
/// </summary>
internal static class InProcessCli
{
    private static readonly AsyncLocal<TextWriter?> Out = new();
    private static readonly AsyncLocal<TextWriter?> Error = new();

    private static readonly Lazy<bool> Installed = new(() =>
    {
        // Installed at the first command, after the test runner has set up its own console, and before any command
        // (Spectre.Console) keeps a reference to Console.Out.
        Console.SetOut(new Routed(Console.Out, Out));
        Console.SetError(new Routed(Console.Error, Error));
        return true;
    });

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        _ = Installed.Value;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Out.Value = output;
        Error.Value = error;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (name, value) in environment)
        {
            settings[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        CliApp.Environment.Value = settings;
        int exitCode;
        try
        {
            exitCode = await CliApp.RunAsync([.. args]);
        }
        catch (Exception e) when (e is not HostAbortedException and not OperationCanceledException)
        {
            await error.WriteLineAsync($"ringback: {e.Message}");
            exitCode = 70;
        }

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Writes to the writer of the flow that set one, else to the console as before.</summary>
    private sealed class Routed(TextWriter console, AsyncLocal<TextWriter?> current) : TextWriter
    {
        private TextWriter Target => current.Value ?? console;

        public override Encoding Encoding => console.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void WriteLine() => Target.WriteLine();

        public override Task WriteAsync(string? value) => Target.WriteAsync(value);

        public override Task WriteLineAsync(string? value) => Target.WriteLineAsync(value);

        public override Task WriteLineAsync() => Target.WriteLineAsync();

        public override void Flush() => Target.Flush();

        public override Task FlushAsync() => Target.FlushAsync();
    }
}
