using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Ringback.Accounts;

namespace Ringback.Hosting;

/// <summary>
/// Optimistic concurrency over HTTP (RFC 9110 §13): a record's ETag is its version, and a change sent with
/// <c>If-Match</c> lands only on that version; a record changed meanwhile answers 412 and is left as it is.
/// </summary>
public static class Versions
{
    public static string ETagOf(int version) => $"\"{version}\"";

    /// <summary>Sends the record's version as its ETag.</summary>
    public static void Tag(HttpContext http, IVersioned record)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(record);
        http.Response.Headers.ETag = ETagOf(record.Version);
    }

    /// <summary>
    /// The version the request may change: null when it sent no <c>If-Match</c> (or <c>*</c>), so the change is
    /// unconditional. An ETag that is not one of ours cannot match any version, so it is answered 412 like a stale one.
    /// </summary>
    public static bool TryExpected(HttpRequest request, out int? version)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        // A weak ETag never matches for If-Match (strong comparison), and a list matches when any member does:
        // ours are all strong, so the first strong, readable one is the version asked for.
        if (EntityTagHeaderValue.TryParseList([header], out var tags))
        {
            foreach (var tag in tags.Where(t => !t.IsWeak))
            {
                if (int.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    version = parsed;
                    return true;
                }
            }
        }

        return false;
    }

    public static ProblemHttpResult Stale(string what) => TypedResults.Problem(
        $"This {what} was changed by someone else since you read it. Read it again (GET), then send your change with its new ETag in If-Match.",
        statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed since you read it");
}
