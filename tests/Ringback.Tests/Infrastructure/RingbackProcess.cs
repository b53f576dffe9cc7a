using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ringback.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>
/// Runs <c>ringback</c> against a test database: a command in the test process (<see cref="InProcessCli"/>) unless it
/// reads standard input or the test asks for <see cref="RealProcess"/>; <c>serve</c> always as the real executable, as a
/// person would start it from a terminal.
/// </summary>
public sealed class RingbackProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "ringback.dll");
    private readonly TestDatabase _database;

    public RingbackProcess(TestDatabase database, bool realProcess = false)
    {
        _database = database;
        RealProcess = realProcess;
    }

    /// <summary>Commands run as the real executable: for what only a process shows (its exit code and output after a crash, a kill).</summary>
    public bool RealProcess { get; }

    private IEnumerable<string> StorageArgs => _database.Storage.Postgres is { } pg
        ? ["--postgres", pg]
        : ["--data-dir", _database.Storage.DataDirectory!];

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        // The web host always starts as the real executable: what binds ports and stops is the process's own.
        if (input is null && !RealProcess && args is not ([] or ["serve", ..]))
        {
            return await InProcessCli.RunAsync([.. args, .. StorageArgs], Environment);
        }

        using var process = Start([.. args, .. StorageArgs], redirectInput: input is not null);
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts <c>ringback serve</c> on a free loopback port and waits until it answers /healthz.</summary>
    public async Task<Server> ServeAsync()
    {
        var server = StartServing();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>Starts <c>ringback serve</c> on a free loopback port without waiting for it.</summary>
    public Server StartServing()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        return new Server(Start(["serve", "--urls", url, .. StorageArgs], redirectInput: false), new Uri(url));
    }

    /// <summary>Environment variables every command this runs gets (e.g. <c>RINGBACK_USER</c>).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    private Process Start(IEnumerable<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed class Server(Process process, Uri url) : IAsyncDisposable
    {
        public HttpClient Client { get; } = new() { BaseAddress = url };

        public async Task WaitUntilHealthyAsync() => await WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        /// <summary>Waits for /healthz to answer 200; false when the time is up first.</summary>
        public async Task<bool> TryWaitUntilHealthyAsync(TimeSpan limit)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < limit)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"ringback serve exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
                }

                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    if ((await Client.GetAsync("/healthz", attempt.Token)).IsSuccessStatusCode)
                    {
                        return true;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(50);
            }

            return false;
        }

        public async Task WaitUntilHealthyAsync(TimeSpan limit)
        {
            if (await TryWaitUntilHealthyAsync(limit))
            {
                return;
            }

            throw new TimeoutException($"ringback serve did not become healthy within {limit.TotalSeconds} s");
        }

        /// <summary>
        /// Stops the server as a service manager or Ctrl+C does (SIGTERM) and waits for it to exit: its exit code, what
        /// it wrote to stderr, and its log (stdout).
        /// </summary>
        public async Task<(int ExitCode, string Error, string Output)> StopAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(limit.Token);
            return (process.ExitCode, await error, await output);
        }

        /// <summary>Kills the process outright, as a power cut or an OOM kill would: no shutdown, no flush.</summary>
        public async Task CrashAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                await CrashAsync();
            }

            Client.Dispose();
            process.Dispose();
        }
    }
}
