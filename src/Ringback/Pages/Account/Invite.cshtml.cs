using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;
using Ringback.Hosting;
using Ringback.Web;

namespace Ringback.Pages.Account;

/// <summary>The page an invitation opens: it names the organization and the role, and makes the account.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(WebHost.SignInLimit)]
public sealed class InviteModel(Invitations invitations, Sessions sessions, SetupGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public JoinInput Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }

    public string? Organization { get; private set; }

    public string? InvitedBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }

        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "does not match the password");
            return Page();
        }

        var (user, errors) = await invitations.AcceptAsync(Token, new NewUser
        {
            Email = Invitation!.Email,
            Name = Input.Name ?? string.Empty,
            Password = Input.Password ?? string.Empty,
            CompanyName = Organization,
            CallbackPhone = Input.CallbackPhone,
            TimeZone = Input.TimeZone,
            ReachableHours = Input.ReachableHours,
        }, cancellationToken);
        if (user is null)
        {
            ModelState.AddErrors(errors);
            if (errors.For("invitation").Count > 0 || errors.For("email").Count > 0)
            {
                Invitation = null;
            }

            return Page();
        }

        gate.UserCreated();
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        TempData["Notice"] = $"Welcome to {Organization}. Check your profile: your name, number and hours go into every message you leave.";
        return Redirect("/settings");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await invitations.OpenAsync(Token, cancellationToken) is { } open)
        {
            (Invitation, Organization, InvitedBy) = open;
            return true;
        }

        Response.StatusCode = StatusCodes.Status410Gone;
        return false;
    }

    public sealed class JoinInput
    {
        public string? Name { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
        public string? CallbackPhone { get; set; }
        public string? TimeZone { get; set; } = "America/New_York";
        public string? ReachableHours { get; set; } = "Mon-Fri 09:00-17:00";
    }
}
