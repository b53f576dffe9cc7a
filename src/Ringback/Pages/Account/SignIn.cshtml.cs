using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;

namespace Ringback.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.WebHost.SignInLimit)]
public sealed class SignInModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await accounts.FindByEmailAsync(Email, cancellationToken);

        // One message for an unknown email and a wrong password, so the form does not reveal who has an account.
        if (user is null || !AccountService.VerifyPassword(user, Password ?? string.Empty))
        {
            Failed = true;
            return Page();
        }

        await SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/today");
    }

    public static Task SignInAsync(HttpContext http, User user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            RingbackClaims.For(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
}
