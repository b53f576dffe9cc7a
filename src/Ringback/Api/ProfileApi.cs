using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Validation;

namespace Ringback.Api;

public sealed record ProfileResponse(
    Guid Id, string Name, string Email, UserRole Role, string? CompanyName, string? CallbackPhone, string? AfterHoursPhone, string TimeZone, string ReachableHours);

public sealed record ProfileRequest(string? Name, string? CompanyName, string? CallbackPhone, string? AfterHoursPhone, string? TimeZone, string? ReachableHours);

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
        ProfileRequest request, RingbackDbContext db, IOptions<RingbackOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var errors = new ValidationErrors();
        var region = options.Value.DefaultRegion;
        var name = Field.Text(errors, "name", request.Name, 100, required: true);
        var company = Field.Text(errors, "companyName", request.CompanyName, 200);
        var callback = Field.Phone(errors, "callbackPhone", request.CallbackPhone, region, allowExtension: false);
        var afterHours = Field.Phone(errors, "afterHoursPhone", request.AfterHoursPhone, region, allowExtension: false);
        var zone = Field.TimeZone(errors, "timeZone", request.TimeZone);
        if (zone is null && !errors.For("timeZone").Any())
        {
            errors.Add("timeZone", "is required");
        }

        var hours = Field.Windows(errors, "reachableHours", request.ReachableHours);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        me.Name = name!;
        me.CompanyName = company;
        me.CallbackPhone = callback?.E164;
        me.AfterHoursPhone = afterHours?.E164;
        me.TimeZone = zone!;
        me.ReachableHours = hours;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(me));
    }

    private static ProfileResponse ToResponse(User u) =>
        new(u.Id, u.Name, u.Email, u.Role, u.CompanyName, u.CallbackPhone, u.AfterHoursPhone, u.TimeZone, u.ReachableHours.ToString());
}
