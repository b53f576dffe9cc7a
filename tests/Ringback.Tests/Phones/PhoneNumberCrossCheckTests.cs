using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ringback.Phones;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Phones;

/// <summary>
/// Checks PhoneNumberParser against libphonenumber as Debian ships it (python3-phonenumbers, a separate port with
/// its own copy of the metadata), in every region both know, on thousands of numbers written the ways people write
/// them. Every number Debian's copy calls valid must normalize to the same E.164 here, unless the metadata changed
/// between the two versions (counted and bounded); every one it calls impossible must be rejected here.
/// </summary>
public class PhoneNumberCrossCheckTests(ITestOutputHelper output)
{
    private const string DebianPython = "/usr/bin/python3";

    [Fact]
    public async Task Normalizer_agrees_with_libphonenumber()
    {
        var hasOracle = File.Exists(DebianPython) && await RunsOkAsync();
        TestEnvironment.RequireTool(hasOracle, "python3-phonenumbers is not installed (apt-get install python3-phonenumbers)");

        await using var oracle = new Oracle(Path.Combine(AppContext.BaseDirectory, "Phones", "phonenumbers_oracle.py"));
        var random = new Random(20261122);
        var cases = new List<(string Input, string Region)>();
        var regions = (await oracle.RegionsAsync()).Where(r => PhoneNumberParser.IsRegion(r.Region)).ToList();
        foreach (var (region, countryCode, trunk, _, _) in regions)
        {
            var country = countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var example in await oracle.ExamplesAsync(region))
            {
                for (var i = 0; i < 10; i++)
                {
                    var e164 = Mutate(example, random);
                    var national = e164[(1 + country.Length)..];
                    cases.Add((Write(e164, country, national, region, trunk, random), region));
                }

                // Impossible lengths: a digit short and two digits over.
                var digits = example[(1 + country.Length)..];
                cases.Add(("+" + country + digits[..^1], region));
                cases.Add(("+" + country + digits + "57", region));
                cases.Add(("+" + country + digits[..3], region));
                cases.Add((Group((trunk ?? string.Empty) + digits[..4], ' '), region));
            }
        }

        var plans = regions.ToDictionary(r => r.Region);
        int validChecked = 0, impossibleChecked = 0, otherwise = 0;
        var disagreements = new List<string>();
        var metadataChanges = new List<string>();
        foreach (var (input, region) in cases)
        {
            var theirs = await oracle.AskAsync(input, region);
            var ours = PhoneNumberParser.Parse(input, region);
            if (theirs.Valid)
            {
                validChecked++;
                if (ours.Number?.E164 == theirs.E164)
                {
                    continue;
                }

                // Read the same digits, judged differently: the numbering plan changed between the two copies of the
                // metadata. Anything else is a way of writing a number that we read wrong.
                if (PhoneNumberParser.Parse(theirs.E164, region) is { IsValid: false } plain)
                {
                    metadataChanges.Add($"{region} {theirs.E164}: Debian's copy says valid, ours says it {plain.Error}");
                }
                else if (PrefixChanged(plans[region], input) is { } change)
                {
                    metadataChanges.Add($"{region} '{input}': {change}");
                }
                else
                {
                    disagreements.Add($"{region} '{input}': libphonenumber says valid {theirs.E164}, we say {ours.Number?.E164 ?? ours.Error}");
                }
            }
            else if (!theirs.Possible)
            {
                impossibleChecked++;
                if (!ours.IsValid)
                {
                    continue;
                }

                if (ours.Number!.Value.E164 == theirs.E164)
                {
                    metadataChanges.Add($"{region} {theirs.E164}: Debian's copy says impossible, ours says valid");
                }
                else if (PrefixChanged(plans[region], input) is { } change)
                {
                    metadataChanges.Add($"{region} '{input}': {change}");
                }
                else if (await oracle.AskAsync(ours.Number!.Value.E164, region) is { Valid: false })
                {
                    metadataChanges.Add($"{region} '{input}': ours reads {ours.Number!.Value.E164}, a number Debian's copy does not know");
                }
                else
                {
                    disagreements.Add($"{region} '{input}': libphonenumber says impossible, we accept {ours.Number!.Value.E164}");
                }
            }
            else
            {
                otherwise++;
            }
        }

        output.WriteLine($"{regions.Count} regions, {cases.Count} numbers: {validChecked} valid and {impossibleChecked} impossible checked; {otherwise} possible-but-unassigned not compared.");
        output.WriteLine($"{metadataChanges.Count} numbers judged differently because the numbering plans changed between Debian's metadata and ours:");
        foreach (var change in metadataChanges)
        {
            output.WriteLine("  " + change);
        }

        disagreements.ShouldBeEmpty();
        regions.Count.ShouldBeGreaterThan(230, "every region both libraries know");
        validChecked.ShouldBeGreaterThan(5000);
        impossibleChecked.ShouldBeGreaterThan(1000);
        metadataChanges.Count.ShouldBeLessThan(validChecked / 20, "plan changes are a few ranges, not a different reading");
    }

    /// <summary>
    /// Whether the input is written with a trunk or international prefix that the two copies of the metadata define
    /// differently (Mexico dropped its "01" trunk prefix in 2019, Uzbekistan moved from "8" and "810" to none and "00").
    /// </summary>
    private static string? PrefixChanged((string Region, int CountryCode, string? Trunk, string? Idd, string? TrunkRule) debian, string input)
    {
        var ours = PhoneNumbers.PhoneNumberUtil.GetInstance().GetMetadataForRegion(debian.Region);
        var digits = new string([.. input.Where(char.IsAsciiDigit)]);
        if (!string.IsNullOrEmpty(debian.Trunk) && digits.StartsWith(debian.Trunk, StringComparison.Ordinal)
            && ((ours.NationalPrefix ?? string.Empty) != debian.Trunk || (ours.NationalPrefixForParsing ?? string.Empty) != (debian.TrunkRule ?? string.Empty)))
        {
            return $"trunk prefix '{debian.Trunk}' (read by '{debian.TrunkRule}') in Debian's copy, '{ours.NationalPrefix}' (read by '{ours.NationalPrefixForParsing}') in ours";
        }

        return !input.StartsWith('+') && ours.InternationalPrefix != debian.Idd?.Replace(@"\d", "[0-9]", StringComparison.Ordinal)
            ? $"international prefix '{debian.Idd}' in Debian's copy, '{ours.InternationalPrefix}' in ours"
            : null;
    }

    private static async Task<bool> RunsOkAsync()
    {
        using var process = Process.Start(new ProcessStartInfo(DebianPython, ["-c", "import phonenumbers"]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }

    /// <summary>Changes the last three digits, keeping the number's shape.</summary>
    private static string Mutate(string e164, Random random) =>
        e164[..^3] + random.Next(0, 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a number one of the ways people do: national with the trunk prefix, grouped, dotted, international.</summary>
    private static string Write(string e164, string country, string national, string region, string? trunk, Random random)
    {
        var nationalWritten = (trunk ?? string.Empty) + national;
        return random.Next(7) switch
        {
            0 => e164,
            1 => $"+{country} {Group(national, ' ')}",
            2 => Group(nationalWritten, ' '),
            3 => Group(nationalWritten, '-'),
            4 => Group(nationalWritten, '.'),
            5 => $"00{country} {Group(national, ' ')}".Replace("00", region is "US" or "CA" ? "011 " : "00", StringComparison.Ordinal),
            _ => nationalWritten.Length > 4 ? $"({nationalWritten[..3]}) {nationalWritten[3..]}" : nationalWritten,
        };
    }

    private static string Group(string digits, char separator)
    {
        var groups = new List<string>();
        for (var i = 0; i < digits.Length; i += 3)
        {
            groups.Add(digits.Substring(i, Math.Min(3, digits.Length - i)));
        }

        return string.Join(separator, groups);
    }

    private sealed record Answer(bool Valid, bool Possible, string? E164);

    private sealed class Oracle : IAsyncDisposable
    {
        private readonly Process _process;

        public Oracle(string script)
        {
            _process = Process.Start(new ProcessStartInfo(DebianPython, [script])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
        }

        public async Task<List<(string Region, int CountryCode, string? Trunk, string? Idd, string? TrunkRule)>> RegionsAsync()
        {
            var answer = await SendAsync(new JsonObject { ["regions"] = true });
            return [.. answer["regions"]!.AsArray().Select(r => (r!["region"]!.GetValue<string>(), r["countryCode"]!.GetValue<int>(), r["trunk"]?.GetValue<string>(), r["idd"]?.GetValue<string>(), r["trunkRule"]?.GetValue<string>()))];
        }

        public async Task<List<string>> ExamplesAsync(string region)
        {
            var answer = await SendAsync(new JsonObject { ["examples"] = region });
            return answer["numbers"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        }

        public async Task<Answer> AskAsync(string input, string region)
        {
            var answer = await SendAsync(new JsonObject { ["input"] = input, ["region"] = region });
            return new Answer(answer["valid"]!.GetValue<bool>(), answer["possible"]!.GetValue<bool>(), answer["e164"]?.GetValue<string>());
        }

        private async Task<JsonNode> SendAsync(JsonObject request)
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString());
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the oracle stopped answering");
            return JsonNode.Parse(line) ?? throw new JsonException(line);
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
