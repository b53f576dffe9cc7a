using System.Diagnostics;

namespace Ringback.Hosting;

/// <summary>What a Debian program run as a process answered.</summary>
public sealed record ToolOutput(int ExitCode, byte[] Output, string Errors);

/// <summary>
/// The Debian programs Ringback runs as processes (espeak-ng, ffmpeg, pocketsphinx): found by a configured path or on
/// the PATH, run with a time limit, killed with their children when it passes or the request is cancelled.
/// </summary>
public static class Tools
{
    /// <summary>The program at <paramref name="configured"/> when set (null when it is not there), else <paramref name="name"/> on the PATH.</summary>
    public static string? Find(string name, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<ToolOutput> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }

            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await copy;
            return new ToolOutput(process.ExitCode, output.ToArray(), await errors);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {limit.TotalSeconds:0} s.");
            }

            throw;
        }
    }
}
