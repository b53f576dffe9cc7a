using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Hosting;
using Ringback.Web;

namespace Ringback.Pages.Account;

/// <summary>The first-run page: creates the owner, then closes for good.</summary>
public sealed class SetupModel(AccountService accounts, Sessions sessions, SetupGate gate, RingbackDbContext db) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await gate.HasUsersAsync(db, cancellationToken) ? Redirect("/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await gate.HasUsersAsync(db, cancellationToken))
        {
            return Redirect("/signin");
        }

        var (user, errors) = await accounts.AddUserAsync(new NewUser
        {
            Email = Input.Email ?? string.Empty,
            Name = Input.Name ?? string.Empty,
            Password = Input.Password ?? string.Empty,
            CompanyName = Input.CompanyName,
            CallbackPhone = Input.CallbackPhone,
            TimeZone = Input.TimeZone,
            ReachableHours = Input.ReachableHours,
        }, cancellationToken);
        if (user is null)
        {
            ModelState.AddErrors(errors);
            return Page();
        }

        gate.UserCreated();
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        return Redirect("/contacts");
    }

    public sealed class SetupInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? CompanyName { get; set; }
        public string? CallbackPhone { get; set; }
        public string? TimeZone { get; set; } = "America/New_York";
        public string? ReachableHours { get; set; } = "Mon-Fri 09:00-17:00";
    }
}
