using System.Net;
using System.Security.Cryptography;
using NodaTime;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>Two-factor sign-in, with codes the test computes itself from the key (RFC 6238), not with the app's library.</summary>
public class TwoFactorTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rep_turns_on_two_factor_and_then_signs_in_with_a_code_or_a_recovery_code_each_good_once(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider, new Dictionary<string, string?> { ["Ringback:SignIn:PerAddressPerMinute"] = "1000" });
        await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        var browser = await SavedCookie.SignInAsync(app, "rae@abc.example");

        await browser.PostFormAsync("/settings/security", "/settings/security?handler=TwoFactorBegin");
        var setup = await (await browser.SendAsync(HttpMethod.Get, "/settings/security")).Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(setup, "data-totp-key>([A-Z2-7]+)<").Groups[1].Value;
        key.Length.ShouldBe(32, "160 bits in base32");
        System.Net.WebUtility.HtmlDecode(setup).ShouldContain($"otpauth://totp/Ringback:rae%40abc.example?secret={key}&issuer=Ringback");

        var wrong = await browser.PostFormAsync("/settings/security", "/settings/security?handler=TwoFactorConfirm", new() { ["TwoFactorCode"] = Wrong(Code(key, app.Clock.GetCurrentInstant())) });
        PageForms.Text(await wrong.Content.ReadAsStringAsync()).ShouldContain("is not the code your app shows now");
        (await browser.PostFormAsync("/settings/security", "/settings/security?handler=TwoFactorConfirm", new() { ["TwoFactorCode"] = Code(key, app.Clock.GetCurrentInstant()) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await (await browser.SendAsync(HttpMethod.Get, "/settings/security")).Content.ReadAsStringAsync();
        var recovery = System.Text.RegularExpressions.Regex.Matches(shown, "<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>").Select(m => m.Groups[1].Value).ToList();
        recovery.Count.ShouldBe(10);
        PageForms.Text(await (await browser.SendAsync(HttpMethod.Get, "/settings/security")).Content.ReadAsStringAsync()).ShouldNotContain(recovery[0], Case.Sensitive, "shown once");

        // The password alone opens nothing now.
        var (pending, afterPassword) = await PasswordAsync(app, "rae@abc.example");
        afterPassword.Headers.Location!.ToString().ShouldStartWith("/signin/code");
        pending.Has("ringback").ShouldBeFalse("no session before the code");
        (await pending.OpensAsync()).ShouldBeFalse();

        (await CodeAsync(pending, "000000")).StatusCode.ShouldBe(HttpStatusCode.OK, "a wrong code is asked again");
        (await CodeAsync(pending, Code(key, app.Clock.GetCurrentInstant()))).StatusCode.ShouldBe(HttpStatusCode.OK, "the code used to turn it on is not good again");
        app.Clock.Advance(Duration.FromSeconds(30));
        (await CodeAsync(pending, Code(key, app.Clock.GetCurrentInstant()))).Headers.Location!.ToString().ShouldBe("/today");
        (await pending.OpensAsync()).ShouldBeTrue();

        // A recovery code, typed as people do, signs in once.
        var (lost, _) = await PasswordAsync(app, "rae@abc.example");
        (await CodeAsync(lost, recovery[3].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal))).Headers.Location!.ToString().ShouldBe("/today");
        var (again, _) = await PasswordAsync(app, "rae@abc.example");
        (await CodeAsync(again, recovery[3])).StatusCode.ShouldBe(HttpStatusCode.OK, "a recovery code is good once");
        PageForms.Text(await (await pending.SendAsync(HttpMethod.Get, "/settings/security")).Content.ReadAsStringAsync()).ShouldContain("9 of 10 recovery codes left");

        // Without the password step, the code page leads nowhere.
        var stranger = SavedCookie.Fresh(app);
        (await stranger.SendAsync(HttpMethod.Get, "/signin/code")).Headers.Location!.ToString().ShouldBe("/signin");
        (await stranger.PostFormAsync("/signin", "/signin/code", new() { ["Code"] = Code(key, app.Clock.GetCurrentInstant()) })).Headers.Location!.ToString().ShouldBe("/signin");
    }

    [Fact]
    public async Task When_the_owner_requires_two_factor_everyone_without_it_is_sent_to_set_it_up_and_tokens_still_work()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
        var (_, raeApi) = await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        var olga = await app.SignInToPagesAsync("olga@abc.example");
        var rae = await SavedCookie.SignInAsync(app, "rae@abc.example");
        (await rae.OpensAsync("/today")).ShouldBeTrue();

        (await olga.PostFormAsync("/team", "/team?handler=Settings", new Dictionary<string, string> { ["RequireTwoFactor"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var sent = await rae.SendAsync(HttpMethod.Get, "/contacts");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.ToString().ShouldStartWith("/settings/security?required=true");
        var page = PageForms.Text(await (await rae.SendAsync(HttpMethod.Get, "/settings/security?required=true")).Content.ReadAsStringAsync());
        page.ShouldContain("Your organization requires two-factor sign-in");
        (await raeApi.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK, "API tokens are a credential of their own");
    }

    private static async Task<(SavedCookie Browser, HttpResponseMessage Response)> PasswordAsync(RingbackApiFactory app, string email)
    {
        var browser = SavedCookie.Fresh(app);
        var token = RingbackApiFactory.AntiforgeryToken(await (await browser.SendAsync(HttpMethod.Get, "/signin")).Content.ReadAsStringAsync());
        var response = await browser.SendAsync(HttpMethod.Post, "/signin", new() { ["Email"] = email, ["Password"] = "correct horse battery staple", ["__RequestVerificationToken"] = token });
        return (browser, response);
    }

    private static Task<HttpResponseMessage> CodeAsync(SavedCookie browser, string code) =>
        browser.PostFormAsync("/signin/code", "/signin/code?returnUrl=%2Ftoday", new() { ["Code"] = code });

    /// <summary>RFC 6238 with SHA-1, 30-second steps, six digits; RFC 4648 base32.</summary>
    private static string Code(string base32, Instant at)
    {
        var bits = string.Concat(base32.Select(c => Convert.ToString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its weakness as a hash does not weaken the HMAC.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Wrong(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
}
