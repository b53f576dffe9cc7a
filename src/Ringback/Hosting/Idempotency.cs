using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Requests;

namespace Ringback.Hosting;

/// <summary>
/// <c>Idempotency-Key</c> on any API POST: the first request with a key is answered and its response kept for 24
/// hours; a retry with the same key and the same request gets that response again (marked
/// <c>Idempotent-Replayed: true</c>) and nothing is done twice. The same key on a different request is refused
/// (422), and a retry that arrives while the first is still being answered is told to wait (409).
/// </summary>
/// <remarks>
/// A response of 500 or more is not kept, so a retry after a failure runs again. If the process dies while the
/// first request is being answered, its key is held for two minutes and then a retry runs afresh: the work it
/// does is then protected by the endpoint's own idempotency (a client-chosen id), as it was before.
/// </remarks>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext http, RingbackDbContext db, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var key = http.Request.Headers[Header].ToString().Trim();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || http.User.Identity?.IsAuthenticated != true || db.OrganizationId is null)
        {
            await next(http);
            return;
        }

        if (key.Length > IdempotentRequest.KeyMax)
        {
            await Results.Problem($"{Header} must be at most {IdempotentRequest.KeyMax} characters.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        var user = RingbackClaims.UserOf(http.User);
        var now = clock.GetCurrentInstant();
        var fingerprint = await FingerprintAsync(http.Request);
        await db.IdempotentRequests.Where(r => r.CreatedAt <= now - IdempotentRequest.Kept
                || (r.UserId == user && r.Key == key && r.StatusCode == 0 && r.CreatedAt <= now - IdempotentRequest.InFlight))
            .ExecuteDeleteAsync(http.RequestAborted);
        var earlier = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == user && r.Key == key, http.RequestAborted);
        if (earlier is not null)
        {
            await AnswerAgainAsync(http, earlier, fingerprint);
            return;
        }

        var claim = new IdempotentRequest { Id = Guid.CreateVersion7(), UserId = user, Key = key, Fingerprint = fingerprint, CreatedAt = now };
        db.IdempotentRequests.Add(claim);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Another request with this key claimed it a moment ago.
            await Results.Problem($"A request with this {Header} is still being answered; retry in a moment.", statusCode: StatusCodes.Status409Conflict).ExecuteAsync(http);
            return;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(http);
            if (http.Response.StatusCode < 500 && buffer.Length <= IdempotentRequest.BodyMax)
            {
                var body = buffer.ToArray();
                var status = http.Response.StatusCode;
                var contentType = http.Response.ContentType;
                var location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
                db.ChangeTracker.Clear();
                kept = await db.IdempotentRequests.Where(r => r.Id == claim.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, location).SetProperty(r => r.Body, body), CancellationToken.None) == 1;
            }
        }
        finally
        {
            if (!kept)
            {
                db.ChangeTracker.Clear();
                await db.IdempotentRequests.Where(r => r.Id == claim.Id).ExecuteDeleteAsync(CancellationToken.None);
            }

            http.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static async Task AnswerAgainAsync(HttpContext http, IdempotentRequest earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            await Results.Problem($"This {Header} was used for a different request. Use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity).ExecuteAsync(http);
            return;
        }

        if (earlier.StatusCode == 0)
        {
            await Results.Problem($"A request with this {Header} is still being answered; retry in a moment.", statusCode: StatusCodes.Status409Conflict).ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = earlier.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.ContentType is not null)
        {
            http.Response.ContentType = earlier.ContentType;
        }

        if (earlier.Location is not null)
        {
            http.Response.Headers.Location = earlier.Location;
        }

        if (earlier.Body is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    /// <summary>What makes two requests the same request: method, path, query and body.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
