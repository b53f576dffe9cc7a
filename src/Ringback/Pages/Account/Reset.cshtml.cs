using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;

namespace Ringback.Pages.Account;

/// <summary>The page a reset link opens: a new password, then sign in with it.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.WebHost.SignInLimit)]
public sealed class ResetModel(PasswordResets resets) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Whose password this link resets; null when the link is no good.</summary>
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Email = (await resets.OpenAsync(Token, cancellationToken))?.Email;
        if (Email is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Email = (await resets.OpenAsync(Token, cancellationToken))?.Email;
        if (Email is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "does not match the new password");
            return Page();
        }

        if (await resets.ResetAsync(Token, NewPassword, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(NewPassword), problem);
            return Page();
        }

        TempData["Notice"] = "Your password is changed, and every browser that was signed in is signed out. Sign in with the new one.";
        return Redirect("/signin");
    }
}
