using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Data;

namespace Ringback.Pages.Account;

/// <summary>The second step of signing in: a code from the rep's authenticator app, or a recovery code.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.WebHost.SignInLimit)]
public sealed class SignInCodeModel(RingbackDbContext db, TwoFactor twoFactor, Sessions sessions, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => TwoFactorPending.Read(HttpContext) is null ? Redirect("/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (TwoFactorPending.Read(HttpContext) is not { } userId)
        {
            return Redirect("/signin");
        }

        var user = await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == userId && u.DeactivatedAt == null, cancellationToken);
        if (user is null)
        {
            return Redirect("/signin");
        }

        // Codes count against the same per-account limit as passwords: six digits are guessed faster than a password.
        if (await throttle.WaitAsync(user.Email, cancellationToken) is { } wait)
        {
            Problem = $"Too many wrong codes. Try again in {SignInThrottle.Hold(Response, wait)}.";
            return Page();
        }

        if (!await twoFactor.CheckAsync(user, Code, cancellationToken))
        {
            await throttle.FailedAsync(user.Email, cancellationToken);
            ModelState.AddModelError(nameof(Code), "is not the current code from your app, nor an unused recovery code");
            return Page();
        }

        await throttle.SucceededAsync(user.Email, cancellationToken);
        TwoFactorPending.End(HttpContext);
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/today");
    }
}
