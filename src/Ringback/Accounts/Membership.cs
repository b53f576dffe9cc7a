using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Validation;

namespace Ringback.Accounts;

/// <summary>
/// People in an organization: their role, their team label, leaving and coming back. Each change is checked against
/// the role matrix for the person making it and recorded in the audit log.
/// </summary>
public sealed class Membership(RingbackDbContext db, Sessions sessions, IClock clock)
{
    /// <summary>Everyone in the organization, active first, then by name.</summary>
    public Task<List<User>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().OrderBy(u => u.DeactivatedAt != null).ThenBy(u => u.Name).ToListAsync(cancellationToken);

    public async Task<ValidationErrors> ChangeRoleAsync(User actor, Guid userId, string? role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new ValidationErrors();
        var wanted = Field.Enum<UserRole>(errors, "role", role);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            errors.Add("user", "is not in your organization");
        }

        if (!errors.IsEmpty || wanted is not { } newRole || user is null || user.Role == newRole)
        {
            return errors;
        }

        if (!RoleMatrix.Allows(actor.Role, Capability.ManageRoles))
        {
            errors.Add("role", "only an owner may change roles");
        }
        else if (user.Role == UserRole.Owner && await ActiveOwnersAsync(cancellationToken) == 1)
        {
            errors.Add("role", $"{user.Name} is the only owner: make someone else an owner first");
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        db.Audit(Actor.Of(actor), AuditActions.RoleChanged, user.Email, $"{Words.Of(user.Role)} → {Words.Of(newRole)}", clock.GetCurrentInstant());
        user.Role = newRole;
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>They can no longer sign in; their sessions end now and their tokens are refused from the next request. Their data stays.</summary>
    public async Task<string?> DeactivateAsync(User actor, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return "That person is not an active member of your organization.";
        }

        if (user.Id == actor.Id)
        {
            return "You cannot deactivate yourself.";
        }

        if (!RoleMatrix.MayManage(actor.Role, user.Role))
        {
            return $"Only an owner may deactivate a {user.Role.ToString().ToLowerInvariant()}.";
        }

        if (user.Role == UserRole.Owner && await ActiveOwnersAsync(cancellationToken) == 1)
        {
            return $"{user.Name} is the only owner.";
        }

        var now = clock.GetCurrentInstant();
        user.DeactivatedAt = now;
        db.Audit(Actor.Of(actor), AuditActions.UserDeactivated, user.Email, null, now);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id, cancellationToken: cancellationToken);
        return null;
    }

    public async Task<string?> ReactivateAsync(User actor, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.IsActive)
        {
            return "That person is not a deactivated member of your organization.";
        }

        if (!RoleMatrix.MayManage(actor.Role, user.Role))
        {
            return $"Only an owner may reactivate a {user.Role.ToString().ToLowerInvariant()}.";
        }

        var now = clock.GetCurrentInstant();
        user.DeactivatedAt = null;
        db.Audit(Actor.Of(actor), AuditActions.UserReactivated, user.Email, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The team label that groups reps in the manager's view; empty clears it.</summary>
    public async Task<ValidationErrors> SetTeamAsync(Guid userId, string? team, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var label = Field.Text(errors, "team", team, 100);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            errors.Add("user", "is not in your organization");
        }

        if (errors.IsEmpty)
        {
            user!.Team = string.IsNullOrWhiteSpace(label) ? null : label;
            await db.SaveChangesAsync(cancellationToken);
        }

        return errors;
    }

    private Task<int> ActiveOwnersAsync(CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.Role == UserRole.Owner && u.DeactivatedAt == null, cancellationToken);
}
