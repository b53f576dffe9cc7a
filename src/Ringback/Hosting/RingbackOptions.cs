using Ringback.Phones;

namespace Ringback.Hosting;

/// <summary>App-wide settings from the <c>Ringback</c> configuration section (see README, Configuration).</summary>
public sealed class RingbackOptions
{
    public const string Section = "Ringback";

    /// <summary>Region used to read numbers written without a country code ("(415) 616-2407").</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>The espeak-ng program for practising a message aloud; found on the PATH when not set.</summary>
    public string? Espeak { get; set; }

    /// <summary>The ffmpeg program that decodes practice takes; found on the PATH when not set.</summary>
    public string? Ffmpeg { get; set; }

    /// <summary>The pocketsphinx_continuous program that hears the words of a practice take; found on the PATH when not set.</summary>
    public string? Pocketsphinx { get; set; }

    /// <summary>The pronouncing dictionary of pocketsphinx's model (Debian's pocketsphinx-en-us), to know which words it can listen for.</summary>
    public string PocketsphinxDictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>
    /// The address the world reaches Ringback at ("https://ringback.example.com"), when a proxy stands in front: webhook
    /// URLs are shown with it, and Twilio's signatures are checked against it. The request's own address when not set.
    /// </summary>
    public string? PublicUrl { get; set; }

    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrWhiteSpace(PublicUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicUrl.TrimEnd('/');
    }

    /// <summary>
    /// Where links in mail point (invitations, password resets, reminders). Never the request's Host header: anyone
    /// can send a forgotten-password request with a Host of their own, and the reset link would take its secret there.
    /// </summary>
    public string LinkBase => (string.IsNullOrWhiteSpace(PublicUrl) ? WebHost.DefaultUrl : PublicUrl).TrimEnd('/');

    public void Validate()
    {
        if (!PhoneNumberParser.IsRegion(DefaultRegion))
        {
            throw new InvalidOperationException(
                $"Ringback:DefaultRegion is '{DefaultRegion}', which is not a region code; use a two-letter ISO 3166 code such as US, CA, GB, DE, FR, AU or IN.");
        }
    }
}
