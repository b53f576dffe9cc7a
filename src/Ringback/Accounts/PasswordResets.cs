using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Hosting;

namespace Ringback.Accounts;

/// <summary>
/// "Forgot your password?": a single-use link, valid 30 minutes, mailed to the account's email. Using it sets a new
/// password and ends every session the account had (whoever knew the old password is out).
/// </summary>
public sealed class PasswordResets(RingbackDbContext db, IClock clock, Mail.IMailer mailer, IOptions<RingbackOptions> options, Sessions sessions)
{
    public const string Path = "/reset/";

    /// <summary>Mails a reset link when the email belongs to an active account; says nothing either way (see <see cref="PasswordResetMailer"/>).</summary>
    public async Task<bool> MailAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = email.Trim().ToLowerInvariant();
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Email == key && u.DeactivatedAt == null, cancellationToken);
        if (user is null || !mailer.Configured)
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        var token = AccountService.NewSecret();
        db.PasswordResets.Add(new PasswordReset
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            TokenHash = AccountService.HashToken(token),
            CreatedAt = now,
            ExpiresAt = now + PasswordReset.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        var link = options.Value.LinkBase + Path + token;
        var message = new MimeMessage { Subject = "Reset your Ringback password" };
        message.From.Add(MailboxAddress.Parse(mailer.From));
        message.To.Add(new MailboxAddress(user.Name, user.Email));
        message.Body = new BodyBuilder
        {
            TextBody = $"Someone (we hope you) asked to reset the password of your Ringback account, {user.Email}.\n\n" +
                       $"Choose a new password: {link}\n\nThe link works once, for 30 minutes. If you did not ask, ignore this mail: your password stays as it is.\n",
            HtmlBody = $"<p>Someone (we hope you) asked to reset the password of your Ringback account, {System.Net.WebUtility.HtmlEncode(user.Email)}.</p>" +
                       $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Choose a new password</a></p>" +
                       "<p>The link works once, for 30 minutes. If you did not ask, ignore this mail: your password stays as it is.</p>",
        }.ToMessageBody();
        return await mailer.SendAsync(message, cancellationToken) is null;
    }

    /// <summary>The account an unused, unexpired link resets; null otherwise.</summary>
    public async Task<User?> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = AccountService.HashToken(token);
        var now = clock.GetCurrentInstant();
        return await (
            from r in db.PasswordResets
            join u in db.Users.IgnoreQueryFilters() on r.UserId equals u.Id
            where r.TokenHash == hash && r.UsedAt == null && r.ExpiresAt > now && u.DeactivatedAt == null
            select u).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets the new password and uses the link up (and every other open link of the account); null when done, else why not.</summary>
    public async Task<string?> ResetAsync(string? token, string? password, CancellationToken cancellationToken = default)
    {
        if (await OpenAsync(token, cancellationToken) is not { } found)
        {
            return "This link has expired or was used already: ask for a new one.";
        }

        var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == found.Id, cancellationToken);
        if (AccountService.SetPassword(user, password) is { } problem)
        {
            return "The new password " + problem + ".";
        }

        var now = clock.GetCurrentInstant();
        var hash = AccountService.HashToken(token!);
        return await db.InTransactionAsync(async ct =>
        {
            // Claimed by a conditional update, so the same link sent twice at once resets once.
            if (await db.PasswordResets.Where(r => r.TokenHash == hash && r.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct) == 0)
            {
                return "This link was used already: ask for a new one.";
            }

            await db.PasswordResets.Where(r => r.UserId == user.Id && r.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct);
            db.OrganizationId = user.OrganizationId;
            db.Audit(Actor.Of(user), AuditActions.PasswordReset, user.Email, "by an emailed link", now);
            await db.SaveChangesAsync(ct);
            await sessions.EndAllAsync(user.Id, cancellationToken: ct);
            return (string?)null;
        }, r => r is null, cancellationToken);
    }
}

/// <summary>
/// Reset requests are answered at once and mailed from here, off the request: looking the account up and talking
/// to the mail server take time only when the email has an account, and the answer's timing must not say which.
/// </summary>
public sealed class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private readonly Channel<string> _emails = Channel.CreateBounded<string>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>False when a flood has filled the queue; the request is dropped, as a throttle would.</summary>
    public bool Enqueue(string email) => _emails.Writer.TryWrite(email);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var email in _emails.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PasswordResets>().MailAsync(email, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "A password-reset mail could not be made");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, or a start that failed: the host logs a cancelled service as failed unless it was stopped.
        }
    }
}
