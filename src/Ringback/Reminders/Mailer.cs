using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MimeKit;
using Ringback.Data;
using Ringback.Data.Secrets;

namespace Ringback.Reminders;

/// <summary>
/// The way out to the SMTP server (<c>Ringback:Smtp</c>), for reminders, digests and invitations alike: connects with
/// the chosen security and signs in with the configured password, or the one <c>ringback smtp password</c> stored
/// encrypted. Failures come back as words without secrets.
/// </summary>
public sealed class Mailer(IOptions<SmtpOptions> options, IOptions<StorageOptions> storage, IDataProtectionProvider protection)
{
    public SmtpOptions Settings => options.Value;

    public bool Configured => options.Value.Configured;

    /// <summary>A connected, signed-in client; throws what MailKit throws when the server is down or refuses.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
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

    /// <summary>Sends one message; null when it went, else what went wrong, in words for the rep.</summary>
    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var client = await ConnectAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
            or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            return $"the mail server {options.Value.Host}:{options.Value.Port} said: {e.Message}";
        }
    }

    /// <summary>The password <c>ringback smtp password</c> stored encrypted, used when the configuration gives none.</summary>
    private async Task<string?> StoredPasswordAsync(CancellationToken cancellationToken)
    {
        await using var db = Storage.NewContext(storage.Value, null);
        var protector = protection.CreateProtector(ServerSecrets.Purpose);
        return await ServerSecrets.ReadAsync(db, ServerSecrets.SmtpPassword, protector.Unprotect, cancellationToken);
    }
}
