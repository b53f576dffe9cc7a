using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>
/// A rep's promised callbacks and appointments as an iCalendar feed at a secret URL. Calendar apps cannot sign in,
/// so the URL carries a random secret; only its SHA-256 is stored, and making a new one revokes the old.
/// </summary>
public static class CalendarFeed
{
    private const string Prefix = "cal_";

    /// <summary>How far back the feed reaches, so a calendar keeps the recent past.</summary>
    public static readonly Duration History = Duration.FromDays(30);

    /// <summary>The feed's address for calendar apps, under the address the world reaches Ringback at.</summary>
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/calendar/{token}.ics";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new secret for the rep's feed; the previous one stops working at once. Shown once.</summary>
    public static async Task<string> RenewAsync(RingbackDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.CalendarTokenHash = Hash(token);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static async Task RevokeAsync(RingbackDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.CalendarTokenHash = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The rep a feed secret belongs to, across organizations (the request is anonymous), or null.</summary>
    public static async Task<User?> OwnerAsync(RingbackDbContext db, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.Users.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.CalendarTokenHash == hash, cancellationToken);
    }

    /// <summary>The rep's promised calls and appointments from <see cref="History"/> ago on, as calendar text.</summary>
    public static async Task<string> WriteAsync(RingbackDbContext db, User rep, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rep);
        var since = now - History;
        var rows = await (from f in db.FollowUps.IgnoreQueryFilters()
                          where f.OrganizationId == rep.OrganizationId && f.UserId == rep.Id && f.DueAt >= since
                                && (f.Kind == FollowUpKind.Promise || f.Kind == FollowUpKind.Appointment)
                          join c in db.Contacts.IgnoreQueryFilters() on f.ContactId equals c.Id
                          join call in db.Calls.IgnoreQueryFilters() on f.SourceCallId equals call.Id into calls
                          from call in calls.DefaultIfEmpty()
                          orderby f.DueAt
                          select new
                          {
                              ContactId = c.Id, CallId = call == null ? (Guid?)null : call.Id, f.Kind, f.DueAt, f.Why, c.FirstName, c.LastName, c.Salutation, c.DirectPhone, c.MobilePhone,
                              End = call == null ? null : call.AppointmentEnd, Place = call == null ? null : call.AppointmentPlace,
                              Directions = call == null ? null : call.AppointmentDirections
                          })
            .Take(2000).ToListAsync(cancellationToken);

        // Each event alarms at the rep's reminder lead, so a calendar on any device reminds them too.
        var lead = rep.Reminders.Lead;
        var events = rows.Select(r =>
        {
            var name = r.FirstName is null ? r.LastName : $"{r.FirstName} {r.LastName}";
            var phone = r.DirectPhone ?? r.MobilePhone;
            var greeting = r.FirstName ?? (r.Salutation is null ? r.LastName : $"{r.Salutation} {r.LastName}");
            // The UID names the call itself, not the plan row (rewritten at every replan), so a calendar keeps one event per call.
            return r.Kind == FollowUpKind.Promise
                ? new CalendarEvent($"promise-{r.ContactId:N}-{r.DueAt.ToUnixTimeSeconds()}@ringback", r.DueAt, r.DueAt + Duration.FromMinutes(15), $"Call {name} (as promised)",
                    Openers.For(FollowUpKind.Promise, greeting, rep.Name, rep.CompanyName) + $"\n{r.Why}" + (phone is null ? string.Empty : $"\nCall {phone}"),
                    phone is null ? null : "tel:" + phone, lead)
                : new CalendarEvent(AppointmentUid(r.CallId, r.ContactId, r.DueAt), r.DueAt, r.End ?? r.DueAt + Duration.FromHours(1), $"Meeting: {name}",
                    r.Directions is null ? r.Why : $"{r.Why}\nDirections: {r.Directions}", r.Place, lead);
        });
        return ICalendar.Write($"Ringback: {rep.Name}", events, now);
    }

    /// <summary>An appointment's UID: the call that booked it, the same in the rep's feed and in the invitation the prospect got.</summary>
    public static string AppointmentUid(Guid? callId, Guid contactId, Instant start) =>
        callId is { } id ? $"appointment-{id:N}@ringback" : $"appointment-{contactId:N}-{start.ToUnixTimeSeconds()}@ringback";
}
