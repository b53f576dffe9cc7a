using MimeKit;

namespace Ringback.Mail;

/// <summary>
/// The way out for mail. Accounts (resets, invitations), appointments and reminders send through this port, never to
/// a mail server themselves; <see cref="SmtpMailer"/> is its adapter for any SMTP server.
/// </summary>
public interface IMailer
{
    /// <summary>Whether a mail server is set (<c>Ringback:Smtp:Host</c>): without one nothing is mailed, and the pages say so.</summary>
    bool Configured { get; }

    /// <summary>Who mails come from: "Ringback &lt;reminders@example.com&gt;".</summary>
    string From { get; }

    /// <summary>Sends one message; null when it went, else what went wrong, in words for the rep.</summary>
    Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Sends messages in order over one connection; for each, null when it went, else what went wrong.</summary>
    Task<IReadOnlyList<string?>> SendAllAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}
