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

    public void Validate()
    {
        if (CallingRegions.ForRegion(DefaultRegion) is null)
        {
            throw new InvalidOperationException(
                $"Ringback:DefaultRegion is '{DefaultRegion}', which Ringback does not know; use one of {string.Join(", ", CallingRegions.SupportedRegions)}.");
        }
    }
}
