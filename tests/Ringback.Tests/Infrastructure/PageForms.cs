namespace Ringback.Tests.Infrastructure;

/// <summary>Posting a page's form as a browser does: the page first (for its antiforgery token), then the form.</summary>
public static class PageForms
{
    /// <param name="page">The page the form is on (read for its token).</param>
    /// <param name="action">Where the form posts, e.g. "/team?handler=Invite"; the page itself when null.</param>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, string? action, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = RingbackApiFactory.AntiforgeryToken(html);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(action ?? page, content);
    }

    /// <summary>The text of a page, tags removed and whitespace collapsed, to assert on what a person reads.</summary>
    public static string Text(string html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ");
}
