using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;

namespace Ringback.Pages.Settings;

/// <summary>The rep's own account security: password, signed-in browsers, API tokens.</summary>
public sealed class SecurityModel(RingbackDbContext db, AccountService accounts, Sessions sessions, TwoFactor twoFactor) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public string? TokenName { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>A token just made, shown this once.</summary>
    [TempData]
    public string? NewToken { get; set; }

    [BindProperty]
    public string? TwoFactorCode { get; set; }

    [BindProperty]
    public string? TwoFactorPassword { get; set; }

    /// <summary>Recovery codes just made, shown this once.</summary>
    [TempData]
    public string? NewRecoveryCodes { get; set; }

    /// <summary>Sent here because the organization requires two-factor sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public User Me { get; private set; } = null!;

    /// <summary>The key being set up (base32) and its otpauth link, while two-factor is being turned on.</summary>
    public (string Key, string Uri)? Setup { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool OrganizationRequires { get; private set; }

    public IReadOnlyList<UserSession> OpenSessions { get; private set; } = [];

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public Guid? ThisSession => RingbackClaims.SessionOf(User);

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(await MeAsync(cancellationToken), cancellationToken);

    /// <summary>The signed-in person, tracked: all a handler that redirects needs.</summary>
    private async Task<User> MeAsync(CancellationToken cancellationToken) =>
        Me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);

    /// <summary>What the page shows, read only when it is shown.</summary>
    private async Task LoadAsync(User me, CancellationToken cancellationToken)
    {
        Zone = me.Zone;
        OpenSessions = await sessions.OpenAsync(me.Id, cancellationToken);
        Tokens = await accounts.TokensOfAsync(me, cancellationToken);
        Setup = twoFactor.Pending(me);
        RecoveryCodesLeft = me.HasTwoFactor ? await twoFactor.RecoveryCodesLeftAsync(me.Id, cancellationToken) : 0;
        OrganizationRequires = await OrganizationRequiresAsync(me, cancellationToken);
    }

    private Task<bool> OrganizationRequiresAsync(User me, CancellationToken cancellationToken) =>
        db.Organizations.Where(o => o.Id == me.OrganizationId).Select(o => o.RequireTwoFactor).SingleAsync(cancellationToken);

    /// <summary>A new password ends every session, this browser's included, and opens a fresh one here.</summary>
    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        if (!AccountService.VerifyPassword(me, CurrentPassword ?? string.Empty))
        {
            ModelState.AddModelError(nameof(CurrentPassword), "is not your current password");
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "does not match the new password");
        }
        else if (AccountService.SetPassword(me, NewPassword) is { } problem)
        {
            ModelState.AddModelError(nameof(NewPassword), problem);
        }

        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(me, cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(me.Id, cancellationToken: cancellationToken);
        await sessions.SignInAsync(HttpContext, me, cancellationToken);
        Notice = ended > 1 ? $"Password changed. {ended - 1} other browser{(ended > 2 ? "s were" : " was")} signed out." : "Password changed.";
        return Redirect("/settings/security");
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = await sessions.EndAsync(RingbackClaims.UserOf(User), id, cancellationToken) ? "That browser is signed out." : "That browser was already signed out.";
        return Redirect(id == ThisSession ? "/signin" : "/settings/security#sessions-heading");
    }

    /// <summary>"Sign out everywhere": every session ends, this one too (a lost phone is somewhere in that list).</summary>
    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(RingbackClaims.UserOf(User), cancellationToken: cancellationToken);
        await sessions.SignOutAsync(HttpContext, cancellationToken);
        return Redirect("/signin");
    }

    public async Task<IActionResult> OnPostTokenAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        var name = TokenName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            ModelState.AddModelError(nameof(TokenName), "is required: what the token is for (\"CRM sync\"), up to 100 characters");
            await LoadAsync(me, cancellationToken);
            return Page();
        }

        NewToken = await accounts.CreateTokenAsync(me, name, cancellationToken);
        return Redirect("/settings/security#tokens-heading");
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(string prefix, CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        Notice = await accounts.RevokeTokenAsync(me, prefix ?? string.Empty, cancellationToken)
            ? $"Token {prefix}… is revoked: anything using it is refused from now on." : "That token was already revoked.";
        return Redirect("/settings/security#tokens-heading");
    }

    public async Task<IActionResult> OnPostTwoFactorBeginAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        if (!me.HasTwoFactor)
        {
            await twoFactor.BeginAsync(me, cancellationToken);
        }

        return Redirect("/settings/security#two-factor-heading");
    }

    public async Task<IActionResult> OnPostTwoFactorConfirmAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        if (await twoFactor.ConfirmAsync(me, TwoFactorCode, cancellationToken) is not { } codes)
        {
            ModelState.AddModelError(nameof(TwoFactorCode), "is not the code your app shows now for this key; check the phone's clock and type the newest code");
            await LoadAsync(me, cancellationToken);
            return Page();
        }

        NewRecoveryCodes = string.Join(" ", codes);
        Notice = "Two-factor sign-in is on. From now on Ringback asks for a code after your password.";
        return Redirect("/settings/security#two-factor-heading");
    }

    public async Task<IActionResult> OnPostTwoFactorOffAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync(cancellationToken);
        if (await OrganizationRequiresAsync(me, cancellationToken))
        {
            Notice = "Your organization requires two-factor sign-in, so it stays on.";
            return Redirect("/settings/security#two-factor-heading");
        }

        if (!AccountService.VerifyPassword(me, TwoFactorPassword ?? string.Empty))
        {
            ModelState.AddModelError(nameof(TwoFactorPassword), "is not your current password");
            await LoadAsync(me, cancellationToken);
            return Page();
        }

        await twoFactor.DisableAsync(me, cancellationToken);
        Notice = "Two-factor sign-in is off.";
        return Redirect("/settings/security#two-factor-heading");
    }

    public string When(Instant instant) => instant.InZone(Zone).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
