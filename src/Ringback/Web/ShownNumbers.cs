using Microsoft.Extensions.Options;
using Ringback.Hosting;
using Ringback.Phones;

namespace Ringback.Web;

/// <summary>Numbers as pages show them: national form for the rep's region, international for the rest (<see cref="PhoneFormat"/>).</summary>
public sealed class ShownNumbers(IOptions<RingbackOptions> options)
{
    public string Region => options.Value.DefaultRegion;

    public string Show(string? e164, string? extension = null) => PhoneFormat.Shown(e164, extension, Region);

    /// <summary>"mobile", "toll-free", …; null when there is nothing worth saying.</summary>
    public static string? Kind(string? e164) => PhoneFormat.Describe(PhoneFormat.KindOf(e164));
}
