using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Coach;
using Ringback.Validation;

namespace Ringback.Coach;

public sealed record TemplateRequest(string? Strategy, string? Name, string? Body);

public sealed record TemplateResponse(Guid? Id, Strategy Strategy, string Name, string Body, bool BuiltIn, IReadOnlyList<string> Fields)
{
    public static TemplateResponse From(TemplateChoice c) =>
        new(c.Id, c.Template.Strategy, c.Template.Name, c.Template.Body, c.BuiltIn, VoicemailTemplates.FieldsIn(c.Template.Body));
}

/// <summary>A rep's own voicemail templates. The built-in ones are listed too, read-only; a rep's own come first.</summary>
public static class TemplatesApi
{
    public static void MapTemplatesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/templates").WithTags("Coach");
        group.MapGet("/", ListAsync).WithName("ListTemplates").WithSummary("Your templates and the built-in ones, optionally for one strategy");
        group.MapGet("/fields", () => TypedResults.Ok(VoicemailTemplates.Fields)).WithName("TemplateFields")
            .WithSummary("The fields a template may use, in braces, and what fills them");
        group.MapPost("/", CreateAsync).WithName("CreateTemplate");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTemplate");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTemplate");
    }

    public static async Task<Results<Ok<List<TemplateResponse>>, ValidationProblem>> ListAsync(
        RingbackDbContext db, HttpContext http, string? strategy = null, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var wanted = Field.Enum<Strategy>(errors, "strategy", strategy);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var list = await VoicemailDesk.TemplatesAsync(db, RingbackClaims.UserOf(http.User), wanted, cancellationToken);
        return TypedResults.Ok(list.Select(TemplateResponse.From).ToList());
    }

    public static async Task<Results<Created<TemplateResponse>, ValidationProblem>> CreateAsync(
        TemplateRequest request, RingbackDbContext db, IClock clock, HttpContext http, CancellationToken cancellationToken)
    {
        var checkedTemplate = VoicemailTemplates.Check(request.Strategy, request.Name, request.Body);
        if (!checkedTemplate.IsValid)
        {
            return TypedResults.ValidationProblem(checkedTemplate.Errors.ToDictionary());
        }

        var saved = await TemplateStore.AddAsync(db, RingbackClaims.UserOf(http.User), checkedTemplate.Value!, clock.GetCurrentInstant(), cancellationToken);
        return TypedResults.Created($"/api/v1/templates/{saved.Id}", TemplateResponse.From(new TemplateChoice(saved.Id, saved.ToTemplate())));
    }

    public static async Task<Results<Ok<TemplateResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, TemplateRequest request, RingbackDbContext db, IClock clock, HttpContext http, CancellationToken cancellationToken)
    {
        var checkedTemplate = VoicemailTemplates.Check(request.Strategy, request.Name, request.Body);
        if (!checkedTemplate.IsValid)
        {
            return TypedResults.ValidationProblem(checkedTemplate.Errors.ToDictionary());
        }

        var saved = await TemplateStore.UpdateAsync(db, RingbackClaims.UserOf(http.User), id, checkedTemplate.Value!, clock.GetCurrentInstant(), cancellationToken);
        return saved is null ? TypedResults.NotFound() : TypedResults.Ok(TemplateResponse.From(new TemplateChoice(saved.Id, saved.ToTemplate())));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, RingbackDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        await TemplateStore.DeleteAsync(db, RingbackClaims.UserOf(http.User), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
