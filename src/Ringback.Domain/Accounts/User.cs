using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Accounts;

/// <summary>What a person may do in their organization; <see cref="RoleMatrix"/> says exactly what each allows.</summary>
public enum UserRole
{
    Owner,
    Manager,
    Rep,
}

/// <summary>A rep: the person whose name, number and hours go into every message they leave.</summary>
public sealed class User : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-cased; unique across the installation because it is what people sign in with.</summary>
    public required string Email { get; set; }

    public UserRole Role { get; set; }

    public string? CompanyName { get; set; }

    /// <summary>E.164. The number said twice in every voicemail.</summary>
    public string? CallbackPhone { get; set; }

    /// <summary>E.164. "In case it's better for you to return the call after hours…".</summary>
    public string? AfterHoursPhone { get; set; }

    /// <summary>IANA zone id.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The zone every time shown to this person is in (<see cref="Planner.Zones.OfPerson"/>).</summary>
    public NodaTime.DateTimeZone Zone => Planner.Zones.OfPerson(TimeZone);

    /// <summary>"Between nine and noon, Monday to Friday", in <see cref="TimeZone"/>.</summary>
    public WeeklyWindows ReachableHours { get; set; } = WeeklyWindows.None;

    /// <summary>When the rep works, in <see cref="TimeZone"/>: no call is planned outside it. Empty means Monday to Friday, 9 to 5.</summary>
    public WeeklyWindows WorkingHours { get; set; } = WeeklyWindows.None;

    /// <summary>SHA-256 of the secret in the rep's calendar feed URL; null when there is no feed.</summary>
    public string? CalendarTokenHash { get; set; }

    /// <summary>ASP.NET Core Identity's PasswordHasher output; never the password.</summary>
    public string? PasswordHash { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// Set when the person left: they can no longer sign in, their sessions and API tokens stop working at once,
    /// and everything they recorded stays (calls keep their rep; contacts are reassigned, not lost).
    /// </summary>
    public Instant? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>The TOTP key, encrypted with the data-protection keys (a code is checked against the key itself, so it cannot be hashed).</summary>
    public string? TotpSecret { get; set; }

    /// <summary>When two-factor sign-in was turned on (a code confirmed); null while off or only being set up.</summary>
    public Instant? TwoFactorEnabledAt { get; set; }

    /// <summary>The time step of the last code accepted: a code is good once, so one seen over a shoulder cannot be replayed.</summary>
    public long TotpLastStep { get; set; }

    public bool HasTwoFactor => TwoFactorEnabledAt is not null;

    /// <summary>A label that groups reps for the manager's view ("East", "Enterprise"); null for none.</summary>
    public string? Team { get; set; }

    /// <summary>Minutes before a promised call or appointment that the rep is reminded.</summary>
    public int ReminderLeadMinutes { get; set; } = Ringback.Reminders.ReminderSettings.DefaultLeadMinutes;

    public bool RemindInApp { get; set; } = true;

    public bool RemindByEmail { get; set; } = true;

    public bool RemindByPush { get; set; } = true;

    /// <summary>No reminders of appointments outside working hours; promised calls are always reminded.</summary>
    public bool RemindInWorkingHoursOnly { get; set; }

    public Ringback.Reminders.ReminderSettings Reminders => new(ReminderLeadMinutes, RemindInApp, RemindByEmail, RemindByPush, RemindInWorkingHoursOnly);
}

/// <summary>A personal API token. Only a SHA-256 hash is kept: the token itself is shown once, when made.</summary>
public sealed class ApiToken : IOrganizationOwned
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole token. Tokens are 256 random bits, so a fast hash is enough.</summary>
    public required string Hash { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? RevokedAt { get; set; }
}
