using Microsoft.EntityFrameworkCore;
using Ringback.Data;

namespace Ringback.Hosting;

/// <summary>
/// On a fresh install every page leads to the first-run page, which creates the owner; once anyone exists the
/// first-run page is closed for good. Remembers "someone exists" so the check costs nothing after that.
/// </summary>
public sealed class SetupGate
{
    public const string SetupPath = "/setup";
    private volatile bool _hasUsers;

    public async Task<bool> HasUsersAsync(RingbackDbContext db, CancellationToken cancellationToken)
    {
        if (!_hasUsers)
        {
            _hasUsers = await db.Users.IgnoreQueryFilters().AnyAsync(cancellationToken);
        }

        return _hasUsers;
    }

    public void UserCreated() => _hasUsers = true;

    internal sealed class Middleware(RequestDelegate next, SetupGate gate)
    {
        public async Task InvokeAsync(HttpContext context, RingbackDbContext db)
        {
            var path = context.Request.Path;
            var isPage = !path.StartsWithSegments("/api") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/openapi")
                && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") && !path.StartsWithSegments(SetupPath);
            if (isPage && !await gate.HasUsersAsync(db, context.RequestAborted))
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next(context);
        }
    }
}
