using System.Security.Cryptography;
using System.Text;

namespace Ringback.Callbacks;

/// <summary>
/// Twilio's request signature: <c>X-Twilio-Signature</c> is Base64(HMAC-SHA1(auth token, URL + each form parameter's
/// name and value, names in ordinal order)). Checked against the Twilio Python library's RequestValidator in the tests.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        var data = new StringBuilder(url);
        // Twilio sorts by name, and a repeated name's values by value, comparing as its libraries do: ordinally.
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // SHA-1 is Twilio's choice, not ours; as an HMAC it is not open to SHA-1's collision attacks.
#pragma warning disable CA5350
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Whether the signature is Twilio's for this URL and form. Twilio may have signed the URL with or without the
    /// scheme's default port, so both are tried, as its own libraries do. Compared in constant time.
    /// </summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var pairs = form.ToList();
        var given = Encoding.ASCII.GetBytes(signature);
        return UrlForms(url).Any(u => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(authToken, u, pairs)), given));
    }

    private static IEnumerable<string> UrlForms(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var builder = new UriBuilder(uri);
        if (url.Contains($":{uri.Port}/", StringComparison.Ordinal) || url.EndsWith($":{uri.Port}", StringComparison.Ordinal))
        {
            builder.Port = -1;
            yield return builder.Uri.AbsoluteUri;
        }
        else if (uri.IsDefaultPort)
        {
            yield return $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.PathAndQuery}";
        }
    }
}
