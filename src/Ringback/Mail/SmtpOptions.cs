namespace Ringback.Mail;

public enum SmtpSecurity
{
    None,
    StartTls,
    Ssl,
}

/// <summary><c>Ringback:Smtp</c>: any SMTP server; reminders and digests by email are on when a host is set.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Ringback:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>"Ringback &lt;reminders@example.com&gt;".</summary>
    public string From { get; set; } = "Ringback <ringback@localhost>";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
