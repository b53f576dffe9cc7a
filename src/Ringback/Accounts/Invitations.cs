using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Accounts;

/// <summary>An invitation made or sent again: its link (shown when no mail went) and whether mail went.</summary>
public sealed record InvitationSent(Invitation Invitation, string Link, bool Mailed, string? MailProblem);

/// <summary>
/// Invitations to join an organization: a single-use link, valid 7 days, that names the organization and the role
/// and makes the account on first visit. Mailed when the server has a mail server; the link is shown otherwise.
/// </summary>
public sealed class Invitations(RingbackDbContext db, AccountService accounts, IClock clock, Mail.IMailer mailer, IOptions<RingbackOptions> options)
{
    public const string Path = "/invite/";

    public async Task<(InvitationSent? Sent, ValidationErrors Errors)> InviteAsync(User inviter, string? email, string? role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        var errors = new ValidationErrors();
        var address = Field.Email(errors, "email", email)?.ToLowerInvariant();
        if (address is null && errors.IsEmpty)
        {
            errors.Add("email", "is required");
        }

        var wanted = Field.Enum<UserRole>(errors, "role", role ?? "rep");
        if (wanted is { } r && !RoleMatrix.MayManage(inviter.Role, r))
        {
            errors.Add("role", $"a {inviter.Role.ToString().ToLowerInvariant()} may invite reps only");
        }

        if (address is not null && await accounts.FindByEmailAsync(address, cancellationToken) is not null)
        {
            errors.Add("email", $"{address} already has an account");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var now = clock.GetCurrentInstant();
        // Inviting the same person again replaces the open invitation: one link works at a time.
        await db.Invitations.Where(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = inviter.OrganizationId,
            Email = address!,
            Role = wanted!.Value,
            TokenHash = string.Empty,
            InvitedByUserId = inviter.Id,
            CreatedAt = now,
        };
        var token = Renew(invitation, now);
        db.Invitations.Add(invitation);
        db.Audit(Actor.Of(inviter), AuditActions.UserInvited, address!, $"as {Words.Of(invitation.Role).ToLowerInvariant()}", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await SendAsync(invitation, token, inviter, cancellationToken), errors);
    }

    /// <summary>Pending (and lately expired) invitations, newest first; accepted and revoked ones are history.</summary>
    public Task<List<Invitation>> PendingAsync(CancellationToken cancellationToken = default) =>
        db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.RevokedAt == null).OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>A new link for 7 more days; the old link stops working.</summary>
    public async Task<InvitationSent?> ResendAsync(User actor, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (invitation is null || !RoleMatrix.MayManage(actor.Role, invitation.Role))
        {
            return null;
        }

        var token = Renew(invitation, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return await SendAsync(invitation, token, actor, cancellationToken);
    }

    public async Task<bool> RevokeAsync(User actor, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (invitation is null || !RoleMatrix.MayManage(actor.Role, invitation.Role))
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        invitation.RevokedAt = now;
        db.Audit(Actor.Of(actor), AuditActions.InvitationRevoked, invitation.Email, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The open invitation a link carries, with its organization's name; null when unknown, used, revoked or expired.</summary>
    public async Task<(Invitation Invitation, string Organization, string InvitedBy)?> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = AccountService.HashToken(token);
        var now = clock.GetCurrentInstant();
        var found = await (
            from i in db.Invitations.IgnoreQueryFilters()
            join o in db.Organizations on i.OrganizationId equals o.Id
            join u in db.Users.IgnoreQueryFilters() on i.InvitedByUserId equals u.Id
            where i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now
            select new { Invitation = i, Organization = o.Name, InvitedBy = u.Name }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Invitation, found.Organization, found.InvitedBy);
    }

    /// <summary>Makes the account the invitation names and uses the invitation up; exactly once, even if the form is sent twice.</summary>
    public async Task<(User? User, ValidationErrors Errors)> AcceptAsync(string? token, NewUser details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var open = await OpenAsync(token, cancellationToken);
        if (open is not { } found)
        {
            var gone = new ValidationErrors();
            gone.Add("invitation", "has expired, was used already or was withdrawn: ask for a new one");
            return (null, gone);
        }

        var invitation = found.Invitation;
        var now = clock.GetCurrentInstant();
        return await db.InTransactionAsync(async ct =>
        {
            // Claimed first, by a conditional update: of two submissions at once, one claims it and the other finds it gone.
            var claimed = await db.Invitations.IgnoreQueryFilters().Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed == 0)
            {
                var gone = new ValidationErrors();
                gone.Add("invitation", "was used already");
                return ((User?)null, gone);
            }

            var (user, errors) = await accounts.AddUserAsync(details with { Email = invitation.Email, OrganizationId = invitation.OrganizationId, Role = invitation.Role }, ct);
            if (user is not null)
            {
                db.OrganizationId = invitation.OrganizationId;
                db.Audit(Actor.Of(user), AuditActions.UserJoined, user.Email, $"as {Words.Of(user.Role).ToLowerInvariant()}", now);
                await db.SaveChangesAsync(ct);
            }

            return (user, errors);
        }, r => r.Item1 is not null, cancellationToken);
    }

    private static string Renew(Invitation invitation, Instant now)
    {
        var token = AccountService.NewSecret();
        invitation.TokenHash = AccountService.HashToken(token);
        invitation.ExpiresAt = now + Invitation.Lifetime;
        invitation.Sent++;
        return token;
    }

    private async Task<InvitationSent> SendAsync(Invitation invitation, string token, User inviter, CancellationToken cancellationToken)
    {
        var link = options.Value.LinkBase + Path + token;
        if (!mailer.Configured)
        {
            return new InvitationSent(invitation, link, false, null);
        }

        var organization = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var role = Words.Of(invitation.Role).ToLowerInvariant();
        var message = new MimeMessage { Subject = $"{inviter.Name} invited you to {organization} on Ringback" };
        message.From.Add(MailboxAddress.Parse(mailer.From));
        message.ReplyTo.Add(new MailboxAddress(inviter.Name, inviter.Email));
        message.To.Add(MailboxAddress.Parse(invitation.Email));
        var expires = invitation.ExpiresAt.InUtc().ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"{inviter.Name} invited you to join {organization} on Ringback as a {role}.\n\n" +
                   $"Make your account: {link}\n\nThe link works once and until {expires}. If you did not expect this, ignore it.\n";
        var html = $"<p>{Html(inviter.Name)} invited you to join <strong>{Html(organization)}</strong> on Ringback as a {role}.</p>" +
                   $"<p><a href=\"{Html(link)}\">Make your account</a></p><p>The link works once and until {expires}. If you did not expect this, ignore it.</p>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        var problem = await mailer.SendAsync(message, cancellationToken);
        return new InvitationSent(invitation, link, problem is null, problem);
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
