using Microsoft.Extensions.Options;
using MimeKit;
using Ringback.Data.Reminders;
using Ringback.Hosting;

namespace Ringback.Reminders;

/// <summary>The banner on every open page: delivered the moment it is made, shown until the rep closes it.</summary>
public sealed class AppChannel : IReminderChannel
{
    public ReminderChannel Channel => ReminderChannel.App;

    public bool Ready => true;

    public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<Outgoing> batch, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeliveryOutcome>>([.. batch.Select(o => new DeliveryOutcome(o.Delivery.Id, true))]);
}

/// <summary>
/// Email through any SMTP server with MailKit, one connection for a whole batch. Each mail's Message-ID is made
/// from its reminder, so if a process dies after the server took a mail and before it was recorded, the resend
/// another process makes is recognisably the same message.
/// </summary>
public sealed class EmailChannel(Mail.IMailer mailer, IOptions<RingbackOptions> ringback) : IReminderChannel
{
    public ReminderChannel Channel => ReminderChannel.Email;

    public bool Ready => mailer.Configured;

    /// <summary>Connections used side by side for a big batch (a team's 9:00): a mail server takes several at once.</summary>
    private const int Connections = 4;

    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<Outgoing> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var size = Math.Max(50, (batch.Count + Connections - 1) / Connections);
        var slices = await Task.WhenAll(batch.Chunk(size).Select(slice => SendOverOneConnectionAsync(slice, cancellationToken)));
        return [.. slices.SelectMany(s => s)];
    }

    private async Task<IReadOnlyList<DeliveryOutcome>> SendOverOneConnectionAsync(IReadOnlyList<Outgoing> batch, CancellationToken cancellationToken)
    {
        var failures = await mailer.SendAllAsync([.. batch.Select(item => Message(item, mailer.From, ringback.Value.PublicUrl))], cancellationToken);
        return [.. batch.Zip(failures, (item, failure) => new DeliveryOutcome(item.Delivery.Id, failure is null, failure is null ? null : $"SMTP: {failure}"))];
    }

    /// <summary>The mail: subject, plain text and HTML with the number as a tel: link and a link to the contact.</summary>
    public static MimeMessage Message(Outgoing item, string from, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(from);
        var reminder = item.Reminder;
        var message = new MimeMessage
        {
            MessageId = $"reminder-{reminder.Id:N}@ringback",
            Subject = reminder.Title ?? "Ringback reminder",
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(item.Rep.Name, item.Rep.Email));
        message.Headers.Add("X-Ringback-Reminder", reminder.Id.ToString());
        var site = (publicUrl ?? WebHost.DefaultUrl).TrimEnd('/');
        var contactUrl = reminder.ContactId is { } id ? $"{site}/contacts/{id}" : $"{site}/today";
        var text = (reminder.Text ?? string.Empty) + (reminder.TelUri is { } tel ? $"\n\nDial: {tel}" : "") + $"\nOpen in Ringback: {contactUrl}\n";
        var html = "<p>" + string.Join("<br>", (reminder.Text ?? string.Empty).Split('\n').Select(System.Net.WebUtility.HtmlEncode)) + "</p>"
            + (reminder.TelUri is { } dial ? $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(dial)}\">Dial {System.Net.WebUtility.HtmlEncode(dial[4..])}</a></p>" : "")
            + $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(contactUrl)}\">Open in Ringback</a></p>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
