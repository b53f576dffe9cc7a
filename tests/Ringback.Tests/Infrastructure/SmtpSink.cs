using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd, on loopback, keeping every message it accepts in a Maildir,
/// read back and parsed with MimeKit. Stopping it and starting it again on the same port is a mail server that went
/// down and came back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("ringback-mail-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    public static async Task<SmtpSink> StartAsync()
    {
        await DebianPython.RequireModuleAsync("aiosmtpd", "python3-aiosmtpd");
        var sink = new SmtpSink();
        // A Maildir is these three folders; Python's mailbox makes them only for a folder that does not exist yet.
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(sink._maildir, folder));
        }

        await sink.UpAsync();
        return sink;
    }

    public async Task UpAsync()
    {
        var start = new ProcessStartInfo(DebianPython.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("aiosmtpd did not start: " + await _process.StandardError.ReadToEndAsync());
    }

    public async Task DownAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The settings that send Ringback's mail here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Ringback:Smtp:Host"] = "127.0.0.1",
        ["Ringback:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ringback:Smtp:Security"] = "None",
        ["Ringback:Smtp:From"] = "Ringback <ringback@abc.example>",
    };

    /// <summary>The first message to <paramref name="to"/> whose subject has <paramref name="subject"/>, waiting up to 15 s for it.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject) => (await WaitForAsync(to, subject, 1))[0];

    /// <summary>The messages to <paramref name="to"/> whose subject has <paramref name="subject"/>, once there are <paramref name="count"/>; up to 15 s.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, string subject, int count)
    {
        List<MimeMessage> found = [];
        for (var i = 0; i < 300; i++)
        {
            found = [.. Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == to) && (m.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal))];
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{count} mails to {to} about \"{subject}\" did not arrive; got: {string.Join(", ", Messages().Select(m => m.Subject))}");
    }

    /// <summary>The path of the first Ringback link in a message's text ("/invite/…", "/reset/…").</summary>
    public static string LinkPath(MimeMessage message, string prefix)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty, "https?://[^/\\s]+(" + System.Text.RegularExpressions.Regex.Escape(prefix) + "[A-Za-z0-9_-]+)");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No {prefix} link in: {message.TextBody}");
    }

    /// <summary>Every message the server accepted, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return !Directory.Exists(folder) ? []
            : [.. Directory.GetFiles(folder).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time).ThenBy(f => f.File, StringComparer.Ordinal)
                .Select(f => MimeMessage.Load(f.File))];
    }

    public async ValueTask DisposeAsync()
    {
        await DownAsync();
        _process?.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
