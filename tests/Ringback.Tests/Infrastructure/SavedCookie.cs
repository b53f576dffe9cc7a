using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// A browser's cookies kept by hand, redirects not followed: what someone who copied a cookie holds. Each request
/// says whether the cookie is still taken (200) or sent to sign in (302 to /signin).
/// </summary>
public sealed class SavedCookie
{
    private readonly RingbackApiFactory _app;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private SavedCookie(RingbackApiFactory app) => _app = app;

    /// <summary>A browser with no cookies yet.</summary>
    public static SavedCookie Fresh(RingbackApiFactory app) => new(app);

    /// <summary>Signs in through the form and keeps the cookies it set.</summary>
    public static async Task<SavedCookie> SignInAsync(RingbackApiFactory app, string email, string password = "correct horse battery staple", string? userAgent = null)
    {
        var saved = new SavedCookie(app) { UserAgent = userAgent };
        var form = await saved.SendAsync(HttpMethod.Get, "/signin");
        var token = RingbackApiFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        var signedIn = await saved.SendAsync(HttpMethod.Post, "/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"signing in as {email} redirects");
        saved.Has("ringback").ShouldBeTrue("signing in sets the session cookie");
        return saved;
    }

    public string? UserAgent { get; init; }

    public bool Has(string name) => _cookies.ContainsKey(name);

    /// <summary>Whether the cookie still opens <paramref name="path"/> (else the app sends it to sign in).</summary>
    public async Task<bool> OpensAsync(string path = "/settings")
    {
        var response = await SendAsync(HttpMethod.Get, path);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/signin");
        return false;
    }

    /// <summary>Posts a page's form as this browser (token read from <paramref name="page"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string>? fields = null)
    {
        var html = await (await SendAsync(HttpMethod.Get, page)).Content.ReadAsStringAsync();
        var body = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = RingbackApiFactory.AntiforgeryToken(html) };
        return await SendAsync(HttpMethod.Post, action, body);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form = null)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (UserAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(UserAgent);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                // A removed cookie comes back empty and expired, and the browser forgets it; but the session cookie is the
                // copy someone saved, kept on purpose, to show that the server refuses it.
                if (value.Length > 0)
                {
                    _cookies[name] = value;
                }
                else if (name != "ringback")
                {
                    _cookies.Remove(name);
                }
            }
        }

        return response;
    }
}
