using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Data;
using Ringback.Hosting;

namespace Ringback.Contacts;

/// <summary>Who answers for a prospect.</summary>
public static class GatekeepersApi
{
    public static void MapGatekeepersApi(this IEndpointRouteBuilder routes)
    {
        var byContact = routes.MapGroup("/contacts/{contactId:guid}/gatekeepers").WithTags("Gatekeepers");
        byContact.MapGet("/", ListAsync).WithName("ListGatekeepers").WithSummary("The gatekeepers who answer for a contact");
        byContact.MapPost("/", CreateAsync).WithName("CreateGatekeeper").WithSummary("Record who answered, their relationship and when the prospect is available");

        var single = routes.MapGroup("/gatekeepers").WithTags("Gatekeepers");
        single.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateGatekeeper");
        single.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteGatekeeper");
    }

    public static async Task<Results<Ok<List<GatekeeperResponse>>, NotFound>> ListAsync(Guid contactId, RingbackDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var list = await db.Gatekeepers.AsNoTracking().Where(g => g.ContactId == contactId).OrderBy(g => g.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(GatekeeperResponse.From).ToList());
    }

    public static async Task<Results<Created<GatekeeperResponse>, NotFound, ValidationProblem>> CreateAsync(
        Guid contactId, GatekeeperDraft request, RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, CancellationToken cancellationToken)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var fields = GatekeeperRules.Check(request, options.Value.DefaultRegion);
        if (!fields.IsValid)
        {
            return TypedResults.ValidationProblem(fields.Errors.ToDictionary());
        }

        var now = clock.GetCurrentInstant();
        var gatekeeper = new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = contactId, Name = fields.Value!.Name, CreatedAt = now, UpdatedAt = now };
        fields.Value.ApplyTo(gatekeeper);
        db.Gatekeepers.Add(gatekeeper);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/gatekeepers/{gatekeeper.Id}", GatekeeperResponse.From(gatekeeper));
    }

    public static async Task<Results<Ok<GatekeeperResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, GatekeeperDraft request, RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, CancellationToken cancellationToken)
    {
        var gatekeeper = await db.Gatekeepers.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (gatekeeper is null)
        {
            return TypedResults.NotFound();
        }

        var fields = GatekeeperRules.Check(request, options.Value.DefaultRegion);
        if (!fields.IsValid)
        {
            return TypedResults.ValidationProblem(fields.Errors.ToDictionary());
        }

        fields.Value!.ApplyTo(gatekeeper);
        gatekeeper.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(GatekeeperResponse.From(gatekeeper));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, RingbackDbContext db, CancellationToken cancellationToken) =>
        await db.Gatekeepers.Where(g => g.Id == id).ExecuteDeleteAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
}
