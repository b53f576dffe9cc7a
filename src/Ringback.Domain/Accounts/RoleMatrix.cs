namespace Ringback.Accounts;

/// <summary>
/// What a role may do. Every endpoint and page handler names the one capability it needs, and a test walks all of
/// them against <see cref="RoleMatrix"/>, so this table, the README's and the server's answers are the same.
/// </summary>
public enum Capability
{
    /// <summary>
    /// The daily work: see the team's contacts, calls and stats; add contacts; log, correct and delete calls and edit
    /// contacts they own (or nobody owns); plan, coach, their own templates and settings; mark a contact "asked not to
    /// be called" (whoever hears the request must be able to honour it).
    /// </summary>
    Work,

    /// <summary>Edit, delete and merge a teammate's contacts and correct or delete a teammate's calls.</summary>
    EditTeamContacts,

    /// <summary>Give contacts (with their promises, cadences, inbox items and reminders) to another rep.</summary>
    Reassign,

    /// <summary>Take the whole contact book out as a file.</summary>
    Export,

    /// <summary>Bring contacts in from a file.</summary>
    Import,

    /// <summary>Import registry copies and manage the do-not-call lists (marking one contact is <see cref="Work"/>).</summary>
    ManageDoNotCall,

    /// <summary>Connect or remove the phone system (Twilio's auth token).</summary>
    PhoneSystem,

    /// <summary>Invite reps, resend and revoke invitations, deactivate and reactivate reps.</summary>
    ManageReps,

    /// <summary>Invite managers and owners, change anyone's role, deactivate managers and owners.</summary>
    ManageRoles,

    /// <summary>The manager's view: every rep's queue, promises and callbacks.</summary>
    TeamView,

    /// <summary>Read the audit log.</summary>
    AuditLog,

    /// <summary>The organization's settings: whether reps edit each other's contacts, whether two-factor is required.</summary>
    OrganizationSettings,
}

public static class RoleMatrix
{
    /// <summary>Whether <paramref name="role"/> has <paramref name="capability"/>; the organization's settings can widen a rep's (see <see cref="MayChange"/>).</summary>
    public static bool Allows(UserRole role, Capability capability) => capability switch
    {
        Capability.Work or Capability.Import => true,
        Capability.EditTeamContacts or Capability.Reassign or Capability.Export or Capability.ManageDoNotCall
            or Capability.ManageReps or Capability.TeamView => role is UserRole.Owner or UserRole.Manager,
        Capability.PhoneSystem or Capability.ManageRoles or Capability.AuditLog or Capability.OrganizationSettings => role is UserRole.Owner,
        _ => false,
    };

    /// <summary>
    /// Whether a person may change a record owned by <paramref name="ownerId"/> (null: nobody's yet): their own, an
    /// unowned one, or a teammate's when their role may or the organization lets reps.
    /// </summary>
    public static bool MayChange(UserRole role, Guid actorId, Guid? ownerId, bool repsEditTeamContacts) =>
        ownerId is null || ownerId == actorId || Allows(role, Capability.EditTeamContacts) || repsEditTeamContacts;

    /// <summary>
    /// Whether a person may make <paramref name="newOwner"/> the owner of a contact owned by <paramref name="currentOwner"/>
    /// (null: nobody, as a contact being added is): keeping the owner, or a manager or an owner giving it to anyone; a
    /// rep may only take for themselves a contact nobody owns, never give one to a teammate.
    /// </summary>
    public static bool MayGive(UserRole role, Guid actorId, Guid? currentOwner, Guid? newOwner) =>
        newOwner == currentOwner || Allows(role, Capability.Reassign) || (currentOwner is null && newOwner == actorId);

    /// <summary>Whether a person of <paramref name="role"/> may give <paramref name="target"/> to someone, or take it away (invite, deactivate).</summary>
    public static bool MayManage(UserRole role, UserRole target) =>
        target == UserRole.Rep ? Allows(role, Capability.ManageReps) : Allows(role, Capability.ManageRoles);

    /// <summary>The roles in the order people read them.</summary>
    public static IReadOnlyList<UserRole> Roles { get; } = [UserRole.Owner, UserRole.Manager, UserRole.Rep];
}
