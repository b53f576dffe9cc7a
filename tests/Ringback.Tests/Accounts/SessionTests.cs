using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>Sessions end on the server: a saved cookie stops working the moment its session is ended, however it ends.</summary>
public class SessionTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signing_out_ends_the_session_so_a_saved_copy_of_the_cookie_is_refused(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        await app.SignUpAsync();
        var browser = await SavedCookie.SignInAsync(app, "freda@abc.example");
        var copy = await SavedCookie.SignInAsync(app, "freda@abc.example");
        (await browser.OpensAsync()).ShouldBeTrue();

        (await browser.PostFormAsync("/today", "/signout")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await browser.OpensAsync()).ShouldBeFalse("the cookie sent after signing out is refused, though it has 14 days to run");
        (await copy.OpensAsync()).ShouldBeTrue("signing out one browser leaves the others signed in");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_password_ends_every_other_session_and_keeps_this_browser_signed_in(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        await app.SignUpAsync();
        var laptop = await SavedCookie.SignInAsync(app, "freda@abc.example", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        var phone = await SavedCookie.SignInAsync(app, "freda@abc.example", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");

        var listed = await (await laptop.SendAsync(HttpMethod.Get, "/settings/security")).Content.ReadAsStringAsync();
        PageForms.Text(listed).ShouldContain("this browser");
        PageForms.Text(listed).ShouldContain("Safari on iPhone");

        var wrong = await laptop.PostFormAsync("/settings/security", "/settings/security?handler=Password", new()
        {
            ["CurrentPassword"] = "not it at all", ["NewPassword"] = "a whole new passphrase", ["ConfirmPassword"] = "a whole new passphrase",
        });
        PageForms.Text(await wrong.Content.ReadAsStringAsync()).ShouldContain("is not your current password");
        (await phone.OpensAsync()).ShouldBeTrue("a refused change ends nothing");

        var changed = await laptop.PostFormAsync("/settings/security", "/settings/security?handler=Password", new()
        {
            ["CurrentPassword"] = "correct horse battery staple", ["NewPassword"] = "a whole new passphrase", ["ConfirmPassword"] = "a whole new passphrase",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await phone.OpensAsync()).ShouldBeFalse("the other browser signed in with the old password is out");
        (await laptop.OpensAsync()).ShouldBeTrue("the browser that changed it gets a fresh session");
        await SavedCookie.SignInAsync(app, "freda@abc.example", "a whole new passphrase");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sign_out_everywhere_ends_every_session_this_one_too(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        await app.SignUpAsync();
        var one = await SavedCookie.SignInAsync(app, "freda@abc.example");
        var two = await SavedCookie.SignInAsync(app, "freda@abc.example");

        (await one.PostFormAsync("/settings/security", "/settings/security?handler=EndAll")).Headers.Location!.ToString().ShouldBe("/signin");

        (await one.OpensAsync()).ShouldBeFalse();
        (await two.OpensAsync()).ShouldBeFalse();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_deactivated_user_is_out_at_once_cookie_and_token_and_their_data_stays(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (owner, _) = await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
        var (rep, repApi) = await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        var (created, _) = await repApi.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "212-555-0147" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var repBrowser = await SavedCookie.SignInAsync(app, "rae@abc.example");
        var ownerBrowser = await SavedCookie.SignInAsync(app, "olga@abc.example");

        (await ownerBrowser.PostFormAsync("/team", $"/team?handler=Deactivate&userId={rep.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await repBrowser.OpensAsync()).ShouldBeFalse("the rep's open session ends at once");
        (await repApi.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "and their API token is refused");
        var again = await app.CreateClient().PostFormAsync("/signin", null, new Dictionary<string, string> { ["Email"] = "rae@abc.example", ["Password"] = "correct horse battery staple" });
        PageForms.Text(await again.Content.ReadAsStringAsync()).ShouldContain("This account has been deactivated");

        await using var db = app.Database.NewContext(owner.OrganizationId);
        (await db.Contacts.CountAsync(c => c.OwnerId == rep.Id)).ShouldBe(1, "their contacts stay");
        (await db.AuditLog.SingleAsync(e => e.Action == AuditActions.UserDeactivated)).Subject.ShouldBe("rae@abc.example");

        (await ownerBrowser.PostFormAsync("/team", $"/team?handler=Reactivate&userId={rep.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await repApi.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK, "reactivated, the same token works again");
    }

    [Fact]
    public async Task Five_wrong_passwords_make_the_account_wait_with_retry_after_whatever_the_address()
    {
        // The per-address limit (ten a minute) is lifted, to see the per-account one alone.
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Ringback:SignIn:PerAddressPerMinute"] = "1000" });
        await app.SignUpAsync();
        async Task<HttpResponseMessage> TryAsync(string email, string password) =>
            await app.CreateClient().PostFormAsync("/signin", null, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

        for (var i = 0; i < SignInRules.FailuresAllowed; i++)
        {
            (await TryAsync("Freda@ABC.example", "guess " + i)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var held = await TryAsync("freda@abc.example", "correct horse battery staple");
        held.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "even the right password waits: the guesser must not learn it was right");
        int.Parse(held.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(15 * 60);
        PageForms.Text(await held.Content.ReadAsStringAsync()).ShouldContain("Try again in 15 minutes");
        (await TryAsync("someone@else.example", "guess")).StatusCode.ShouldBe(HttpStatusCode.OK, "other accounts are not held");

        // An unknown email is held the same way, so the throttle does not tell which emails have accounts.
        for (var i = 0; i < SignInRules.FailuresAllowed; i++)
        {
            await TryAsync("nobody@abc.example", "guess " + i);
        }

        (await TryAsync("nobody@abc.example", "guess")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        app.Clock.Advance(Duration.FromMinutes(15));
        var after = await TryAsync("freda@abc.example", "correct horse battery staple");
        after.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/today", "after the wait the right password signs in");
    }

    [Fact]
    public async Task Sign_in_takes_as_long_for_an_unknown_email_as_for_a_known_one()
    {
        const int Tries = 24;
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Ringback:SignIn:PerAddressPerMinute"] = "1000" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            for (var i = 0; i < Tries; i++)
            {
                (await accounts.AddUserAsync(new NewUser { Email = $"rep{i}@abc.example", Name = $"Rep {i}", Password = "correct horse battery staple", Organization = "ABC" })).User.ShouldNotBeNull();
            }
        }

        var client = app.CreateClient();
        var token = RingbackApiFactory.AntiforgeryToken(await client.GetStringAsync("/signin"));
        async Task<double> TimeAsync(string email)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = "a wrong password", ["__RequestVerificationToken"] = token });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            (await client.PostAsync("/signin", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
            return watch.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("warm@up.example");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Tries; i++)
        {
            // Interleaved, so a slow patch of the machine falls on both alike.
            known.Add(await TimeAsync($"rep{i}@abc.example"));
            unknown.Add(await TimeAsync($"stranger{i}@abc.example"));
        }

        // Before the dummy hash, known emails took 80-130 ms and unknown ones 4-7 ms: medians twenty times apart, and
        // every unknown try faster than every known one. Now the medians must be within a quarter of each other, and
        // the two samples must overlap (a Mann-Whitney U far from the extremes).
        var (mk, mu) = (Median(known), Median(unknown));
        Math.Abs(mk - mu).ShouldBeLessThan(0.25 * Math.Max(mk, mu), $"median known {mk:0.0} ms, unknown {mu:0.0} ms");
        var u = known.Sum(k => unknown.Count(x => x < k) + 0.5 * unknown.Count(x => x == k));
        u.ShouldBeInRange(0.15 * Tries * Tries, 0.85 * Tries * Tries, $"U = {u} of {Tries * Tries}: one kind of email is consistently faster");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_the_cookie_is_secure_behind_an_https_proxy()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        await app.SignUpAsync();
        var client = app.CreateClient();
        foreach (var path in new[] { "/signin", "/healthz", "/api/v1/contacts", "/css/site.css", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldNotContain("unsafe-inline");
            csp.ShouldContain("frame-ancestors 'none'");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        }

        var plain = await SignInSetCookieAsync(app, forwardedProto: null);
        plain.ShouldNotContain("secure", Case.Insensitive);
        var proxied = await SignInSetCookieAsync(app, forwardedProto: "https");
        proxied.ShouldContain("secure", Case.Insensitive);
    }

    /// <summary>The session cookie's Set-Cookie header when signing in, as if through a proxy that says the request was HTTPS.</summary>
    private static async Task<string> SignInSetCookieAsync(RingbackApiFactory app, string? forwardedProto)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = RingbackApiFactory.AntiforgeryToken(await client.GetStringAsync("/signin"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "freda@abc.example", ["Password"] = "correct horse battery staple", ["__RequestVerificationToken"] = token }),
        };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        var response = await client.SendAsync(request);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ringback=", StringComparison.Ordinal));
    }
}
