using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ringback.Hosting;

/// <summary>
/// A request the API cannot even read (malformed JSON, a wrong type) gets a problem details answer that says
/// where the problem is, instead of a bare 400.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        var detail = json is null ? bad.Message : $"The request body is not valid JSON for this endpoint: {json.Message}";
        httpContext.Response.StatusCode = bad.StatusCode;

        // A value that cannot be read ("promisedNextCallAt": "next Tuesday") is named like any other bad field.
        var field = json?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var problem = field is null
            ? new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = detail }
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [json!.Message.Split(" Path: ")[0]] })
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = $"{field}: {json.Message.Split(" Path: ")[0]}",
            };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
