using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Planner;
using Ringback.Data.Reminders;

namespace Ringback.Reminders;

/// <summary>What a notification's "Snooze 5 min" posts: the token the push payload carried.</summary>
public sealed record SnoozeRequest(string? Token);

public static class ReminderEndpoints
{
    /// <summary>
    /// <c>POST /reminders/snooze</c>, from the service worker when the rep taps "Snooze 5 min" on a locked phone. The
    /// request needs no session (a phone's may have expired): the token in the payload, made for this reminder and
    /// rep and good for 12 hours, is the credential.
    /// </summary>
    public static IEndpointRouteBuilder MapReminderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reminders/snooze", SnoozeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> SnoozeAsync(SnoozeRequest? request, RingbackDbContext db, IDataProtectionProvider protection, IClock clock,
        IOptions<PlannerOptions> planner, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = protection.CreateProtector(PushChannel.SnoozePurpose).ToTimeLimitedDataProtector().Unprotect(request?.Token ?? string.Empty);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Results.Problem("This snooze link has expired or is not Ringback's.", statusCode: StatusCodes.Status400BadRequest);
        }

        var parts = text.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var reminderId) || !Guid.TryParseExact(parts[1], "N", out var userId))
        {
            return Results.Problem("This snooze link is not Ringback's.", statusCode: StatusCodes.Status400BadRequest);
        }

        var refused = await ReminderBook.SnoozeAsync(db, userId, reminderId, clock.GetCurrentInstant(), planner.Value.Settings.PromiseTolerance, cancellationToken);
        return refused is null ? Results.NoContent() : Results.Problem(refused, statusCode: StatusCodes.Status409Conflict);
    }
}
