using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;

namespace Ringback.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.WebHost.SignInLimit)]
public sealed class SignInModel(AccountService accounts, Sessions sessions, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>What went wrong, said the same for an unknown email and a wrong password.</summary>
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await throttle.WaitAsync(Email, cancellationToken) is { } wait)
        {
            Problem = $"Too many wrong passwords for this email. Try again in {SignInThrottle.Hold(Response, wait)}, or reset your password.";
            return Page();
        }

        var user = await accounts.CheckPasswordAsync(Email, Password, cancellationToken);

        // One message for an unknown email and a wrong password, so the form does not reveal who has an account.
        if (user is null)
        {
            await throttle.FailedAsync(Email, cancellationToken);
            Problem = "That email and password do not match an account.";
            return Page();
        }

        await throttle.SucceededAsync(Email, cancellationToken);
        if (!user.IsActive)
        {
            // Said only to someone who knows the password: they need to hear why, and it tells an attacker nothing new.
            Problem = "This account has been deactivated. Ask your organization's owner or manager.";
            return Page();
        }

        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/today";
        if (user.HasTwoFactor)
        {
            TwoFactorPending.Start(HttpContext, user.Id);
            return LocalRedirect("/signin/code?returnUrl=" + Uri.EscapeDataString(next));
        }

        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        return LocalRedirect(next);
    }
}
