using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;

namespace Ringback.Contacts;

/// <summary>Clients a rep may mention to prospects in the same industry.</summary>
public static class ReferenceClientsApi
{
    public static void MapReferenceClientsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/reference-clients").WithTags("Reference clients");
        group.MapGet("/", ListAsync).WithName("ListReferenceClients").WithSummary("Reference clients, optionally of one industry");
        group.MapPost("/", CreateAsync).WithName("CreateReferenceClient");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateReferenceClient");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteReferenceClient");
    }

    public static async Task<Ok<List<ReferenceClientResponse>>> ListAsync(RingbackDbContext db, string? industry = null, CancellationToken cancellationToken = default)
    {
        var query = db.ReferenceClients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(industry))
        {
            var wanted = industry.Trim();
            query = query.Where(c => c.Industry == wanted);
        }

        var list = await query.OrderBy(c => c.Industry).ThenBy(c => c.CompanyName).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(ReferenceClientResponse.From).ToList());
    }

    public static async Task<Results<Created<ReferenceClientResponse>, ValidationProblem>> CreateAsync(
        ReferenceClientDraft request, RingbackDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        var fields = ReferenceClientRules.Check(request);
        if (!fields.IsValid)
        {
            return TypedResults.ValidationProblem(fields.Errors.ToDictionary());
        }

        var now = clock.GetCurrentInstant();
        var client = new ReferenceClient { Id = Guid.CreateVersion7(), CompanyName = fields.Value!.CompanyName, Industry = fields.Value.Industry, CreatedAt = now, UpdatedAt = now };
        fields.Value.ApplyTo(client);
        db.ReferenceClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/reference-clients/{client.Id}", ReferenceClientResponse.From(client));
    }

    public static async Task<Results<Ok<ReferenceClientResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, ReferenceClientDraft request, RingbackDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        var client = await db.ReferenceClients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        var fields = ReferenceClientRules.Check(request);
        if (!fields.IsValid)
        {
            return TypedResults.ValidationProblem(fields.Errors.ToDictionary());
        }

        fields.Value!.ApplyTo(client);
        client.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ReferenceClientResponse.From(client));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, RingbackDbContext db, CancellationToken cancellationToken) =>
        await db.ReferenceClients.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
}
