using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ringback.Pages.Account;

/// <summary>Sign-out is a POST with an antiforgery token, so no link elsewhere can sign a rep out.</summary>
public sealed class SignOutModel(Ringback.Accounts.Sessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/today");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.SignOutAsync(HttpContext, cancellationToken);
        return Redirect("/signin");
    }
}
