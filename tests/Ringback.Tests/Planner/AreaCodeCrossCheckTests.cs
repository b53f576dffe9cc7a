using System.Text.Json;
using Ringback.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>
/// Every area code in Ringback's table, checked against libphonenumber's geocoding and time-zone data as Debian
/// ships it (python3-phonenumbers): the same country, the same state or province, and a zone it also names.
/// </summary>
public class AreaCodeCrossCheckTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Subdivisions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Alabama"] = "AL", ["Alaska"] = "AK", ["Arizona"] = "AZ", ["Arkansas"] = "AR", ["California"] = "CA", ["Colorado"] = "CO",
        ["Connecticut"] = "CT", ["Delaware"] = "DE", ["Washington D.C."] = "DC", ["Washington, D.C."] = "DC", ["District of Columbia"] = "DC",
        ["Florida"] = "FL", ["Georgia"] = "GA", ["Hawaii"] = "HI", ["Idaho"] = "ID", ["Illinois"] = "IL", ["Indiana"] = "IN", ["Iowa"] = "IA",
        ["Kansas"] = "KS", ["Kentucky"] = "KY", ["Louisiana"] = "LA", ["Maine"] = "ME", ["Maryland"] = "MD", ["Massachusetts"] = "MA",
        ["Michigan"] = "MI", ["Minnesota"] = "MN", ["Mississippi"] = "MS", ["Missouri"] = "MO", ["Montana"] = "MT", ["Nebraska"] = "NE",
        ["Nevada"] = "NV", ["New Hampshire"] = "NH", ["New Jersey"] = "NJ", ["New Mexico"] = "NM", ["New York"] = "NY",
        ["North Carolina"] = "NC", ["North Dakota"] = "ND", ["Ohio"] = "OH", ["Oklahoma"] = "OK", ["Oregon"] = "OR", ["Pennsylvania"] = "PA",
        ["Rhode Island"] = "RI", ["South Carolina"] = "SC", ["South Dakota"] = "SD", ["Tennessee"] = "TN", ["Texas"] = "TX", ["Utah"] = "UT",
        ["Vermont"] = "VT", ["Virginia"] = "VA", ["Washington"] = "WA", ["Washington State"] = "WA", ["West Virginia"] = "WV",
        ["Wisconsin"] = "WI", ["Wyoming"] = "WY", ["Puerto Rico"] = "PR",
        ["Alberta"] = "AB", ["British Columbia"] = "BC", ["Manitoba"] = "MB", ["New Brunswick"] = "NB", ["Newfoundland and Labrador"] = "NL",
        ["Newfoundland"] = "NL", ["Nova Scotia"] = "NS", ["Nova Scotia/Prince Edward Island"] = "NS", ["Ontario"] = "ON", ["Quebec"] = "QC",
        ["Saskatchewan"] = "SK",
    };

    /// <summary>
    /// Where we knowingly differ, and why. libphonenumber's zone data for these codes names the zone of the state's
    /// majority, while most of the area code's own numbers keep another.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["219"] = "north-west Indiana (Gary, Hammond) keeps Central time",
        ["270"] = "western Kentucky (Bowling Green, Paducah) keeps Central time",
        ["364"] = "overlay of 270: western Kentucky keeps Central time",
        ["437"] = "overlay of 416: Toronto keeps Eastern time",
        ["689"] = "overlay of 407: Orlando keeps Eastern time",
        ["474"] = "overlay of 306: Saskatchewan keeps Central Standard Time all year (America/Regina)",
    };

    [Fact]
    public async Task Area_codes_agree_with_libphonenumber()
    {
        await DebianPython.RequireModuleAsync("phonenumbers", "python3-phonenumbers");
        var table = NanpAreaCodes.All.ToDictionary(kv => kv.Key, kv => kv.Value);
        var answers = await AskAsync(table.Keys);

        var disagreements = new List<string>();
        int placesChecked = 0, zonesChecked = 0, unknownToThem = 0;
        foreach (var (code, ours) in table.OrderBy(kv => kv.Key))
        {
            var theirs = answers.GetProperty(code);
            var region = theirs.GetProperty("region").GetString();
            var place = theirs.GetProperty("place").GetString() ?? string.Empty;
            var zones = theirs.GetProperty("zones").EnumerateArray().Select(z => z.GetString()!).ToList();
            if (!theirs.GetProperty("valid").GetBoolean())
            {
                // Assigned after this copy of libphonenumber was made: nothing to compare.
                unknownToThem++;
                continue;
            }

            if (region != ours.Country)
            {
                disagreements.Add($"{code}: we say {ours.Country}, libphonenumber says {region ?? "not valid"}");
                continue;
            }

            var subdivision = place.Contains(", ", StringComparison.Ordinal) ? place[(place.LastIndexOf(", ", StringComparison.Ordinal) + 2)..]
                : Subdivisions.GetValueOrDefault(place);
            if (ours.Country is "US" or "CA" && subdivision is not null)
            {
                placesChecked++;
                if (subdivision != ours.Subdivision)
                {
                    disagreements.Add($"{code}: we say {ours.Subdivision}, libphonenumber says '{place}'");
                }
            }

            if (zones.Count > 0)
            {
                zonesChecked++;
                if (!zones.Any(z => SameClocks(ours.Zone, z)) && !KnownDifferences.ContainsKey(code))
                {
                    disagreements.Add($"{code}: we say {ours.Zone}, libphonenumber says {string.Join(", ", zones)}");
                }
            }
        }

        output.WriteLine($"{table.Count} area codes: {placesChecked} places and {zonesChecked} zones compared; {unknownToThem} newer than this libphonenumber");
        unknownToThem.ShouldBeLessThan(table.Count / 6);
        disagreements.ShouldBeEmpty(string.Join("\n", disagreements));
        placesChecked.ShouldBeGreaterThan(300);
        zonesChecked.ShouldBeGreaterThan(300);
    }

    /// <summary>
    /// Two zones that keep the same clocks from 2024 to 2035 plan calls identically (America/Detroit and
    /// America/New_York, America/Boise and America/Denver): that is what matters here.
    /// </summary>
    private static bool SameClocks(string a, string b)
    {
        var za = NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(a);
        var zb = NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(b);
        if (za is null || zb is null)
        {
            return false;
        }

        for (var t = NodaTime.Instant.FromUtc(2024, 1, 1, 0, 0); t < NodaTime.Instant.FromUtc(2036, 1, 1, 0, 0); t += NodaTime.Duration.FromHours(6))
        {
            if (za.GetUtcOffset(t) != zb.GetUtcOffset(t))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<JsonElement> AskAsync(IEnumerable<string> codes)
    {
        var (exitCode, text, errors) = await DebianPython.RunScriptAsync(Path.Combine("Planner", "areacode_oracle.py"), JsonSerializer.Serialize(codes));
        exitCode.ShouldBe(0, errors);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
