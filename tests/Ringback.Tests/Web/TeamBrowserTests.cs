using Microsoft.Playwright;
using Ringback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ringback.Tests.Web;

/// <summary>
/// The "done when", in Chromium against the real server and a real mail server: an owner invites a manager and
/// two reps, each signs in from the mailed link, the manager sees the team and hands a leaving rep's book to another,
/// and a rep resets a forgotten password.
/// </summary>
[Trait("Tier", "Browser")]
public class TeamBrowserTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task An_owner_builds_a_team_the_manager_hands_on_a_leavers_book_and_a_rep_resets_a_password(string device, int width, int height)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var browser = await BrowserSession.StartAsync(width, height, settings: smtp.Settings());
        await browser.RunAsync($"team-{device}", async page =>
        {
            await browser.FirstRunAsync();
            var people = new[]
            {
                ("maximiliane.wolfeschlegelsteinhausen@internationale-spedition.example", "manager", "Maximiliane Wolfeschlegelsteinhausen-Bergerdorff"),
                ("rae.rep@abc.example", "rep", "Rae Okonkwo-Lindqvist"),
                ("lee.leaving@abc.example", "rep", "Lee Leaving"),
            };
            foreach (var (email, role, _) in people)
            {
                await page.GotoAsync("/team");
                await page.GetByLabel("Their email").FillAsync(email);
                await page.GetByLabel("Role").SelectOptionAsync(role);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation mailed to {email}");
            }

            await LayoutTests.CheckAsync(page, device, "team-invited");
            await SignOutAsync(page);

            foreach (var (email, role, name) in people)
            {
                var link = SmtpSink.LinkPath(await smtp.WaitForAsync(email, "invited you to ABC Company"), "/invite/");
                await page.GotoAsync(link);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join ABC Company" })).ToBeVisibleAsync();
                await Expect(page.Locator("main")).ToContainTextAsync($"as a {role}");
                if (role == "manager")
                {
                    await LayoutTests.CheckAsync(page, device, "invitation");
                }

                await page.GetByLabel("Your name").FillAsync(name);
                await page.Locator("input[name='Input.Password']").FillAsync(Password);
                await page.GetByLabel("Password again").FillAsync(Password);
                await page.GetByLabel("Callback number").FillAsync("+49 30 901820");
                await page.GetByLabel("Your time zone").FillAsync("Europe/Berlin");
                await page.GetByRole(AriaRole.Button, new() { Name = "Make my account" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome to ABC Company");
                if (email.StartsWith("lee", StringComparison.Ordinal))
                {
                    // Lee has a prospect before leaving.
                    await page.GotoAsync("/contacts/new");
                    await page.GetByLabel("First name").FillAsync("Sue");
                    await page.GetByLabel("Last name").FillAsync("Jones");
                    await page.GetByLabel("Direct phone").FillAsync("+44 20 7946 0958");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sue Jones" })).ToBeVisibleAsync();
                }

                await SignOutAsync(page);
            }

            // The manager sees the team and hands Lee's book to Rae.
            await SignInAsync(page, people[0].Item1, Password);
            await page.GotoAsync("/team/activity");
            await Expect(page.Locator("tr[data-rep='Lee Leaving']")).ToBeVisibleAsync();
            await LayoutTests.CheckAsync(page, device, "team-activity");
            await page.GotoAsync("/team");
            var lee = page.Locator("tr[data-member='lee.leaving@abc.example']");
            await lee.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lee Leaving is deactivated");
            await lee.GetByLabel("Give their 1 contact to").SelectOptionAsync(new SelectOptionValue { Label = "Rae Okonkwo-Lindqvist" });
            await lee.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rae Okonkwo-Lindqvist now has 1 of Lee Leaving's contacts");
            await LayoutTests.CheckAsync(page, device, "team");
            await SignOutAsync(page);

            // Lee cannot sign in; Rae forgot her password and resets it from the mail.
            await SignInAsync(page, "lee.leaving@abc.example", Password);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This account has been deactivated");
            await page.GotoAsync("/signin");
            await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
            await page.GetByLabel("Email").FillAsync("rae.rep@abc.example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("a link to choose a new password is on its way");
            await page.GotoAsync(SmtpSink.LinkPath(await smtp.WaitForAsync("rae.rep@abc.example", "Reset your Ringback password"), "/reset/"));
            await LayoutTests.CheckAsync(page, device, "password-reset");
            await page.Locator("input[name='NewPassword']").FillAsync("a new one I will remember");
            await page.GetByLabel("New password again").FillAsync("a new one I will remember");
            await page.GetByRole(AriaRole.Button, new() { Name = "Set the password" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
            await SignInAsync(page, "rae.rep@abc.example", "a new one I will remember");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/today$"));
            await page.GotoAsync("/contacts");
            await Expect(page.Locator("main")).ToContainTextAsync("Sue Jones");
            await page.GotoAsync("/settings/security");
            await LayoutTests.CheckAsync(page, device, "settings-security");
            await SignOutAsync(page);

            // The owner reads it all in the audit log.
            await SignInAsync(page, "freda@abc.example", Password);
            await page.GotoAsync("/team/audit");
            await Expect(page.Locator("table.audit")).ToContainTextAsync("reassigned");
            await Expect(page.Locator("table.audit")).ToContainTextAsync("password-reset");
            await LayoutTests.CheckAsync(page, device, "audit-log");
        });
    }

    private static async Task SignOutAsync(IPage page)
    {
        if (await page.Locator("form.signout").CountAsync() == 0)
        {
            await page.GotoAsync("/today");
        }

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        if (await toggle.IsVisibleAsync())
        {
            await toggle.ClickAsync();
        }

        await page.Locator("form.signout").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
