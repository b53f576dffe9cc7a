using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>Invitations and password resets, mailed through a real SMTP server and followed as a person would.</summary>
public class InvitationTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_owner_invites_a_manager_who_invites_a_rep_each_link_works_once(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        // Sign-in and invitation pages share the per-address limit (ten a minute); this test makes more requests than that.
        var settings = smtp.Settings();
        settings["Ringback:SignIn:PerAddressPerMinute"] = "1000";
        await using var app = await RingbackApiFactory.StartAsync(provider, settings);
        var (owner, _) = await app.SignUpAsync("olga@abc.example", "ABC Company", "Olga Owner");
        var olga = await app.SignInToPagesAsync("olga@abc.example");

        var invited = await olga.PostFormAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "Max.Manager@ABC.example", ["InviteRole"] = "manager" });
        PageForms.Text(await invited.Content.ReadAsStringAsync()).ShouldContain("Invitation mailed to max.manager@abc.example");
        var mail = await smtp.WaitForAsync("max.manager@abc.example", "Olga Owner invited you to ABC Company");
        (mail.TextBody ?? string.Empty).ShouldContain("as a manager");
        mail.ReplyTo.Mailboxes.Single().Address.ShouldBe("olga@abc.example");
        var link = SmtpSink.LinkPath(mail, "/invite/");

        var visitor = app.CreateClient();
        var page = PageForms.Text(await visitor.GetStringAsync(link));
        page.ShouldContain("Join ABC Company");
        page.ShouldContain("max.manager@abc.example");
        page.ShouldContain("as a manager");

        var mismatch = await visitor.PostFormAsync(link, null, Join("Max Manager", "correct horse battery staple", "another thing entirely"));
        PageForms.Text(await mismatch.Content.ReadAsStringAsync()).ShouldContain("does not match the password");
        var joined = await visitor.PostFormAsync(link, null, Join("Max Manager", "correct horse battery staple"));
        joined.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/settings", "the new account is signed in and sent to check its profile");
        (await app.CreateClient().GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Gone, "the link is used up");

        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            var max = await db.Users.SingleAsync(u => u.Email == "max.manager@abc.example");
            max.Role.ShouldBe(UserRole.Manager);
            max.OrganizationId.ShouldBe(owner.OrganizationId);
            (await db.AuditLog.Select(e => e.Action).ToListAsync()).ShouldBe([AuditActions.UserInvited, AuditActions.UserJoined], ignoreOrder: true);
        }

        // The manager invites reps, not owners or managers.
        var max2 = await app.SignInToPagesAsync("max.manager@abc.example");
        var refused = await max2.PostFormAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "boss@abc.example", ["InviteRole"] = "owner" });
        PageForms.Text(await refused.Content.ReadAsStringAsync()).ShouldContain("a manager may invite reps only");
        await max2.PostFormAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "rae@abc.example", ["InviteRole"] = "rep" });
        var first = SmtpSink.LinkPath(await smtp.WaitForAsync("rae@abc.example", "invited you"), "/invite/");

        // Sent again: a new link, and the first one stops working.
        Guid pending;
        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            pending = (await db.Invitations.SingleAsync(i => i.Email == "rae@abc.example")).Id;
        }

        await max2.PostFormAsync("/team", $"/team?handler=Resend&id={pending}", new Dictionary<string, string>());
        var links = (await smtp.WaitForAsync("rae@abc.example", "invited you", 2)).Select(m => SmtpSink.LinkPath(m, "/invite/")).ToList();
        var second = links.Single(l => l != first);
        second.ShouldNotBe(first);
        (await app.CreateClient().GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.CreateClient().GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Seven days later it has expired.
        app.Clock.Advance(Duration.FromDays(7) + Duration.FromMinutes(1));
        var expired = await app.CreateClient().GetAsync(second);
        expired.StatusCode.ShouldBe(HttpStatusCode.Gone);
        PageForms.Text(await expired.Content.ReadAsStringAsync()).ShouldContain("It has expired, was used already, or was withdrawn");
    }

    [Fact]
    public async Task A_withdrawn_invitation_no_longer_opens_and_a_rep_may_not_invite()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (owner, _) = await app.SignUpAsync("olga@abc.example", "ABC Company", "Olga Owner");
        await app.SignUpAsync("rae@abc.example", "ABC Company", "Rae Rep");
        var olga = await app.SignInToPagesAsync("olga@abc.example");

        // No mail server: the page gives the link to pass on by hand.
        var invited = await olga.PostFormAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "new@abc.example", ["InviteRole"] = "rep" });
        var html = await invited.Content.ReadAsStringAsync();
        PageForms.Text(html).ShouldContain("This server sends no mail");
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(html, "data-invite-link>([^<]+)<").Groups[1].Value).AbsolutePath;
        (await app.CreateClient().GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Guid id;
        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            id = (await db.Invitations.SingleAsync()).Id;
        }

        await olga.PostFormAsync("/team", $"/team?handler=Revoke&id={id}", new Dictionary<string, string>());
        (await app.CreateClient().GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Gone);

        var rae = await app.SignInToPagesAsync("rae@abc.example");
        (await rae.GetAsync("/team")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var token = RingbackApiFactory.AntiforgeryToken(await rae.GetStringAsync("/today"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["InviteEmail"] = "x@abc.example", ["__RequestVerificationToken"] = token });
        (await rae.PostAsync("/team?handler=Invite", form)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forgotten_password_is_reset_by_a_mailed_link_that_works_once_for_30_minutes(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        // Sign-in, forgot and reset pages share the per-address limit (ten a minute); this test makes more requests than that.
        var settings = smtp.Settings();
        settings["Ringback:SignIn:PerAddressPerMinute"] = "1000";
        await using var app = await RingbackApiFactory.StartAsync(provider, settings);
        await app.SignUpAsync("rae@abc.example", "ABC Company", "Rae Rep");
        var elsewhere = await SavedCookie.SignInAsync(app, "rae@abc.example");

        var known = await app.CreateClient().PostFormAsync("/forgot", null, new Dictionary<string, string> { ["Email"] = "rae@abc.example" });
        var unknown = await app.CreateClient().PostFormAsync("/forgot", null, new Dictionary<string, string> { ["Email"] = "nobody@abc.example" });
        var knownText = PageForms.Text(await known.Content.ReadAsStringAsync());
        knownText.ShouldContain("If rae@abc.example has an account, a link to choose a new password is on its way");
        PageForms.Text(await unknown.Content.ReadAsStringAsync()).ShouldBe(knownText.Replace("rae@abc.example", "nobody@abc.example", StringComparison.Ordinal),
            "the same answer, word for word, for an email with no account");

        var link = SmtpSink.LinkPath(await smtp.WaitForAsync("rae@abc.example", "Reset your Ringback password"), "/reset/");

        var visitor = app.CreateClient();
        var short_ = await visitor.PostFormAsync(link, null, new Dictionary<string, string> { ["NewPassword"] = "short", ["ConfirmPassword"] = "short" });
        PageForms.Text(await short_.Content.ReadAsStringAsync()).ShouldContain("must be at least 12 characters");
        var reset = await visitor.PostFormAsync(link, null, new Dictionary<string, string> { ["NewPassword"] = "remembered at last", ["ConfirmPassword"] = "remembered at last" });
        reset.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/signin");
        PageForms.Text(await reset.Content.ReadAsStringAsync()).ShouldContain("Your password is changed");

        (await elsewhere.OpensAsync()).ShouldBeFalse("a reset signs out every browser that was signed in");
        (await app.CreateClient().GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Gone, "the link is used up");
        await SavedCookie.SignInAsync(app, "rae@abc.example", "remembered at last");

        // A second link, unused for 30 minutes, has expired.
        await app.CreateClient().PostFormAsync("/forgot", null, new Dictionary<string, string> { ["Email"] = "rae@abc.example" });
        var later = (await smtp.WaitForAsync("rae@abc.example", "Reset your Ringback password", 2)).Select(m => SmtpSink.LinkPath(m, "/reset/")).Single(l => l != link);

        // Requests are mailed in turn by one worker: with this later one delivered, the unknown email's turn has passed.
        smtp.Messages().ShouldNotContain(m => m.To.Mailboxes.Any(a => a.Address == "nobody@abc.example"), "no mail for an unknown email");
        app.Clock.Advance(Duration.FromMinutes(31));
        (await app.CreateClient().GetAsync(later)).StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    private static Dictionary<string, string> Join(string name, string password, string? confirm = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
        ["Input.CallbackPhone"] = "+44 20 7946 0958",
        ["Input.TimeZone"] = "Europe/London",
        ["Input.ReachableHours"] = "Mon-Fri 09:00-12:00",
    };
}
