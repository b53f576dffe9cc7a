using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MimeKit;
using Ringback.Data;
using Ringback.Data.Secrets;

namespace Ringback.Mail;

/// <summary>
/// The mail port's adapter for any SMTP server (<c>Ringback:Smtp</c>): connects with the chosen security and signs in
/// with the configured password, or the one <c>ringback smtp password</c> stored encrypted. Failures come back as
/// words without secrets.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options, IOptions<StorageOptions> storage, IDataProtectionProvider protection) : IMailer
{
    public bool Configured => options.Value.Configured;

    public string From => options.Value.From;

    /// <summary>A connected, signed-in client; throws what MailKit throws when the server is down or refuses.</summary>
    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? await StoredPasswordAsync(cancellationToken) ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken) => (await SendAllAsync([message], cancellationToken))[0];

    public async Task<IReadOnlyList<string?>> SendAllAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var smtp = options.Value;
        SmtpClient client;
        try
        {
            client = await ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (IsMailFailure(e))
        {
            // The server is down or refuses us: every message fails the same way; nothing secret in the words.
            return [.. messages.Select(_ => $"the mail server {smtp.Host}:{smtp.Port} said: {e.Message}")];
        }

        using var connected = client;
        var outcomes = new List<string?>();
        foreach (var message in messages)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
                outcomes.Add(null);
            }
            catch (Exception e) when (IsMailFailure(e) || e is ParseException)
            {
                outcomes.Add($"the mail server {smtp.Host}:{smtp.Port} said: {e.Message}");
                if (!client.IsConnected)
                {
                    outcomes.AddRange(Enumerable.Repeat<string?>($"the mail server {smtp.Host}:{smtp.Port} closed the connection", messages.Count - outcomes.Count));
                    break;
                }
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        return outcomes;
    }

    private static bool IsMailFailure(Exception e) => e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
        or AuthenticationException or SslHandshakeException or TimeoutException;

    /// <summary>The password <c>ringback smtp password</c> stored encrypted, used when the configuration gives none.</summary>
    private async Task<string?> StoredPasswordAsync(CancellationToken cancellationToken)
    {
        await using var db = Storage.NewContext(storage.Value, null);
        var protector = protection.CreateProtector(ServerSecrets.Purpose);
        return await ServerSecrets.ReadAsync(db, ServerSecrets.SmtpPassword, protector.Unprotect, cancellationToken);
    }
}
