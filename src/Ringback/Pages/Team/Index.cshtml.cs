using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Planner;

namespace Ringback.Pages.Team;

/// <summary>The people of the organization: invite, roles, team labels, leaving (with their book handed on), settings.</summary>
[Requires(Capability.TeamView)]
public sealed class IndexModel(RingbackDbContext db, Membership membership, Invitations invitations, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    [BindProperty]
    public string? InviteEmail { get; set; }

    [BindProperty]
    public string? InviteRole { get; set; } = "rep";

    [BindProperty]
    public bool RepsEditTeamContacts { get; set; }

    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>An invitation link to pass on by hand, when this server sends no mail.</summary>
    [TempData]
    public string? InviteLink { get; set; }

    public IReadOnlyList<User> Members { get; private set; } = [];

    public IReadOnlyList<Invitation> Pending { get; private set; } = [];

    /// <summary>How many contacts each member owns: what a leaving rep's reassignment would move.</summary>
    public IReadOnlyDictionary<Guid, int> Owned { get; private set; } = new Dictionary<Guid, int>();

    public User Me { get; private set; } = null!;

    public Instant Now { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Who is acting: all a handler that redirects needs (the page's lists are read only to show the page).</summary>
    private async Task<User> MeAsync(CancellationToken cancellationToken) =>
        Me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetCurrentInstant();
        await MeAsync(cancellationToken);
        Zone = Me.Zone;
        Members = await membership.ListAsync(cancellationToken);
        Pending = await invitations.PendingAsync(cancellationToken);
        Owned = await db.Contacts.Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == Me.OrganizationId, cancellationToken);
        (RepsEditTeamContacts, RequireTwoFactor) = (organization.RepsEditTeamContacts, organization.RequireTwoFactor);
    }

    /// <summary>The roles this person may invite or give.</summary>
    public IEnumerable<UserRole> Grantable => RoleMatrix.Roles.Where(r => RoleMatrix.MayManage(Me.Role, r));

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var (sent, errors) = await invitations.InviteAsync(await MeAsync(cancellationToken), InviteEmail, InviteRole, cancellationToken);
        if (sent is null)
        {
            await LoadAsync(cancellationToken);
            foreach (var field in errors.Fields)
            {
                ModelState.AddModelError(field == "email" ? nameof(InviteEmail) : nameof(InviteRole), string.Join("; ", errors.For(field)));
            }

            return Page();
        }

        Report(sent);
        return Redirect("/team#invitations-heading");
    }

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        await MeAsync(cancellationToken);
        if (await invitations.ResendAsync(Me, id, cancellationToken) is { } sent)
        {
            Report(sent);
        }
        else
        {
            Notice = "That invitation was accepted or withdrawn meanwhile.";
        }

        return Redirect("/team#invitations-heading");
    }

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await MeAsync(cancellationToken);
        Notice = await invitations.RevokeAsync(Me, id, cancellationToken) ? "Invitation withdrawn: its link no longer works." : "That invitation was accepted or withdrawn meanwhile.";
        return Redirect("/team#invitations-heading");
    }

    [Requires(Capability.ManageRoles)]
    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string? role, CancellationToken cancellationToken)
    {
        await MeAsync(cancellationToken);
        var errors = await membership.ChangeRoleAsync(Me, userId, role, cancellationToken);
        Notice = errors.IsEmpty ? "Role changed; it applies from their next click." : "The role was not changed: " + errors;
        return Redirect("/team#members-heading");
    }

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostTeamAsync(Guid userId, string? team, CancellationToken cancellationToken)
    {
        var errors = await membership.SetTeamAsync(userId, team, cancellationToken);
        Notice = errors.IsEmpty ? "Team saved." : "The team was not saved: " + errors;
        return Redirect("/team#members-heading");
    }

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostDeactivateAsync(Guid userId, CancellationToken cancellationToken)
    {
        await MeAsync(cancellationToken);
        var problem = await membership.DeactivateAsync(Me, userId, cancellationToken);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        Notice = problem ?? $"{name} is deactivated: signed out everywhere, their API tokens refused. Their calls stay; give their contacts to someone below.";
        return Redirect("/team#members-heading");
    }

    [Requires(Capability.ManageReps)]
    public async Task<IActionResult> OnPostReactivateAsync(Guid userId, CancellationToken cancellationToken)
    {
        await MeAsync(cancellationToken);
        Notice = await membership.ReactivateAsync(Me, userId, cancellationToken) ?? "Reactivated: they can sign in again.";
        return Redirect("/team#members-heading");
    }

    /// <summary>Everything one rep owns goes to another: contacts, open cadences, what earlier calls owe, inbox items, reminders.</summary>
    [Requires(Capability.Reassign)]
    public async Task<IActionResult> OnPostReassignAsync(Guid from, Guid to, CancellationToken cancellationToken)
    {
        var pair = await db.Users.AsNoTracking().Where(u => u.Id == from || u.Id == to).ToListAsync(cancellationToken);
        var source = pair.FirstOrDefault(m => m.Id == from);
        var target = pair.FirstOrDefault(m => m.Id == to);
        if (source is null || target is null || !target.IsActive || from == to)
        {
            Notice = "Choose an active teammate other than them to give the contacts to.";
            return Redirect("/team#members-heading");
        }

        var result = await Reassignment.ReassignAsync(db, null, from, to, RingbackClaims.ActorOf(User), clock.GetCurrentInstant(), planner.Value, cancellationToken);
        Notice = $"{target.Name} now has {result.Contacts} of {source.Name}'s contacts, {result.Cadences} open cadences and {result.InboxItems} inbox items; their promises and reminders went with them.";
        return Redirect("/team#members-heading");
    }

    [Requires(Capability.OrganizationSettings)]
    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken cancellationToken)
    {
        var organizationId = RingbackClaims.OrganizationOf(User)!.Value;
        var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
        if (organization.RepsEditTeamContacts != RepsEditTeamContacts)
        {
            organization.RepsEditTeamContacts = RepsEditTeamContacts;
            db.Audit(RingbackClaims.ActorOf(User), AuditActions.SettingsChanged, "Reps may edit teammates' contacts", RepsEditTeamContacts ? "on" : "off", clock.GetCurrentInstant());
        }

        if (organization.RequireTwoFactor != RequireTwoFactor)
        {
            organization.RequireTwoFactor = RequireTwoFactor;
            db.Audit(RingbackClaims.ActorOf(User), AuditActions.SettingsChanged, "Two-factor sign-in required", RequireTwoFactor ? "on" : "off", clock.GetCurrentInstant());
        }

        await db.SaveChangesAsync(cancellationToken);

        Notice = "Team settings saved.";
        return Redirect("/team#settings-heading");
    }

    private void Report(InvitationSent sent)
    {
        if (sent.Mailed)
        {
            Notice = $"Invitation mailed to {sent.Invitation.Email}; the link works once, for 7 days.";
        }
        else
        {
            Notice = sent.MailProblem is { } problem
                ? $"The invitation to {sent.Invitation.Email} could not be mailed ({problem}). Send them this link yourself; it works once, for 7 days:"
                : $"This server sends no mail: send {sent.Invitation.Email} this link yourself; it works once, for 7 days:";
            InviteLink = sent.Link;
        }
    }

    public string When(Instant instant) => instant.InZone(Zone).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
