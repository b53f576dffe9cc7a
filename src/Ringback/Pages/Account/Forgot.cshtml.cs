using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;

namespace Ringback.Pages.Account;

/// <summary>Asks for a reset link. The answer is the same, and as fast, whether or not the email has an account.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.WebHost.SignInLimit)]
public sealed class ForgotModel(PasswordResetMailer resets, Ringback.Mail.IMailer mailer) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public bool CanMail => mailer.Configured;

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            ModelState.AddModelError(nameof(Email), "is required: the email you sign in with");
            return Page();
        }

        resets.Enqueue(email);
        Sent = true;
        return Page();
    }
}
