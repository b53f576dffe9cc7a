using System.Collections.Frozen;

namespace Ringback.Phones;

/// <summary>How one country writes its numbers: what a national number looks like and how to dial out.</summary>
/// <param name="Region">ISO 3166 region code, upper case.</param>
/// <param name="CountryCode">ITU calling code.</param>
/// <param name="TrunkPrefix">The digit(s) dialled before a national number inside the country ("0" in GB), if any.</param>
/// <param name="InternationalPrefixes">What is dialled before a country code from this country ("00", "011").</param>
/// <param name="NationalLengths">Lengths a national significant number may have, from the ITU plans as libphonenumber records them.</param>
public sealed record CallingRegion(
    string Region,
    int CountryCode,
    string? TrunkPrefix,
    IReadOnlyList<string> InternationalPrefixes,
    IReadOnlyList<int> NationalLengths)
{
    public bool IsNanp => CountryCode == 1;
}

/// <summary>
/// The numbering plans Ringback checks closely. Other country codes are accepted in international form
/// and checked only against the ITU list of codes and E.164's 15-digit limit.
/// </summary>
public static class CallingRegions
{
    private static readonly string[] Idd00 = ["00"];

    private static readonly CallingRegion[] Known =
    [
        new("US", 1, "1", ["011"], [10]),
        new("CA", 1, "1", ["011"], [10]),
        new("GB", 44, "0", Idd00, [7, 9, 10]),
        new("IE", 353, "0", Idd00, [7, 8, 9, 10]),
        new("DE", 49, "0", Idd00, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
        new("FR", 33, "0", Idd00, [9]),
        new("ES", 34, null, Idd00, [9]),
        new("IT", 39, null, Idd00, [6, 7, 8, 9, 10, 11, 12]),
        new("NL", 31, "0", Idd00, [5, 6, 7, 8, 9, 10, 11]),
        new("BE", 32, "0", Idd00, [8, 9]),
        new("CH", 41, "0", Idd00, [9, 12]),
        new("AT", 43, "0", Idd00, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
        new("SE", 46, "0", Idd00, [6, 7, 8, 9, 10, 12]),
        new("NO", 47, null, Idd00, [5, 8]),
        new("DK", 45, null, Idd00, [8]),
        new("FI", 358, "0", Idd00, [5, 6, 7, 8, 9, 10, 11, 12]),
        new("PT", 351, null, Idd00, [9]),
        new("PL", 48, null, Idd00, [6, 7, 8, 9, 10]),
        new("CZ", 420, null, Idd00, [9, 10, 11, 12]),
        new("AU", 61, "0", ["0011"], [5, 6, 7, 8, 9, 10, 12]),
        new("NZ", 64, "0", Idd00, [5, 6, 7, 8, 9, 10]),
        new("IN", 91, "0", Idd00, [8, 9, 10, 11, 12, 13]),
        new("SG", 65, null, ["000", "001", "002", "003"], [8, 10, 11]),
        new("JP", 81, "0", ["010"], [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]),
        new("ZA", 27, "0", Idd00, [5, 6, 7, 8, 9, 10]),
        new("AE", 971, "0", Idd00, [5, 6, 7, 8, 9, 10, 11, 12]),
        new("IL", 972, "0", Idd00, [7, 8, 9, 10, 11, 12]),
        new("HK", 852, null, Idd00, [5, 6, 7, 8, 9, 11]),
        new("PH", 63, "0", Idd00, [6, 8, 9, 10, 11, 12, 13]),
        new("MY", 60, "0", Idd00, [8, 9, 10]),
        new("TR", 90, "0", Idd00, [7, 10, 12, 13]),
    ];

    private static readonly FrozenDictionary<string, CallingRegion> ByRegion =
        Known.ToFrozenDictionary(r => r.Region, StringComparer.OrdinalIgnoreCase);

    // The first region listed for a code stands for the whole code (US for +1).
    private static readonly FrozenDictionary<int, CallingRegion> ByCountryCode =
        Known.GroupBy(r => r.CountryCode).ToFrozenDictionary(g => g.Key, g => g.First());

    /// <summary>Every ITU country calling code in service (from the ITU's list, as libphonenumber carries it).</summary>
    private static readonly FrozenSet<int> AllCountryCodes = (
        "1,7,20,27,30,31,32,33,34,36,39,40,41,43,44,45,46,47,48,49,51,52,53,54,55,56,57,58,60,61,62,63,64,65,66,81,82,84,86," +
        "90,91,92,93,94,95,98,211,212,213,216,218,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237," +
        "238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255,256,257,258,260,261,262,263,264,265,266," +
        "267,268,269,290,291,297,298,299,350,351,352,353,354,355,356,357,358,359,370,371,372,373,374,375,376,377,378,380," +
        "381,382,383,385,386,387,389,420,421,423,500,501,502,503,504,505,506,507,508,509,590,591,592,593,594,595,596,597," +
        "598,599,670,672,673,674,675,676,677,678,679,680,681,682,683,685,686,687,688,689,690,691,692,800,808,850,852,853," +
        "855,856,870,878,880,881,882,883,886,888,960,961,962,963,964,965,966,967,968,970,971,972,973,974,975,976,977,979," +
        "992,993,994,995,996,998")
        .Split(',')
        .Select(int.Parse)
        .ToFrozenSet();

    public static IEnumerable<string> SupportedRegions => Known.Select(r => r.Region);

    public static CallingRegion? ForRegion(string region) => ByRegion.GetValueOrDefault(region);

    public static CallingRegion? ForCountryCode(int code) => ByCountryCode.GetValueOrDefault(code);

    public static bool IsCountryCode(int code) => AllCountryCodes.Contains(code);
}
