using System.Diagnostics;

namespace Ringback.Tests.Infrastructure;

/// <summary>Runs a checking script with Debian's own Python, where Debian's python3-* modules load (the python3 first on PATH may be another).</summary>
public static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Whether Debian's Python can import a module; when tools are required, its absence fails the test.</summary>
    public static async Task RequireModuleAsync(string module, string package)
    {
        var present = File.Exists(Path) && (await RunAsync(["-c", $"import {module}"], string.Empty)).ExitCode == 0;
        TestEnvironment.RequireTool(present, $"{package} is not installed (apt-get install {package})");
    }

    /// <summary>Runs one of the test project's scripts (copied beside the tests) with the given standard input.</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunScriptAsync(string relativePath, string input) =>
        RunAsync([System.IO.Path.Combine(AppContext.BaseDirectory, relativePath)], input);

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(IEnumerable<string> args, string input)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
