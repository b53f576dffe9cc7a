using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Data;
using Ringback.Hosting;

namespace Ringback.Accounts;

public sealed record ProfileResponse(
    Guid Id, string Name, string Email, UserRole Role, string? CompanyName, string? CallbackPhone, string? AfterHoursPhone, string TimeZone, string ReachableHours, string WorkingHours);


/// <summary>The rep's own details: what goes into every message they leave.</summary>
public static class ProfileApi
{
    public static void MapProfileApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me").WithTags("Profile");
        group.MapGet("/", GetAsync).WithName("GetProfile");
        group.MapPut("/", UpdateAsync).WithName("UpdateProfile")
            .WithSummary("Name, company, callback and after-hours numbers, time zone and the hours you can be reached");
    }

    public static async Task<Ok<ProfileResponse>> GetAsync(RingbackDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        return TypedResults.Ok(ToResponse(me));
    }

    public static async Task<Results<Ok<ProfileResponse>, ValidationProblem>> UpdateAsync(
        ProfileDraft request, RingbackDbContext db, IOptions<RingbackOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var errors = ProfileRules.Apply(me, request, options.Value.DefaultRegion);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(me));
    }

    private static ProfileResponse ToResponse(User u) =>
        new(u.Id, u.Name, u.Email, u.Role, u.CompanyName, u.CallbackPhone, u.AfterHoursPhone, u.TimeZone, u.ReachableHours.ToString(), u.WorkingHours.ToString());
}
