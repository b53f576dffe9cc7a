using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ringback.Phones;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Phones;

/// <summary>
/// Checks PhoneNumberParser against libphonenumber, as Debian ships it (python3-phonenumbers), on several hundred
/// numbers written the ways people write them. Every number libphonenumber calls valid must normalize to the same
/// E.164 here; every one it calls impossible (wrong length, no such country) must be rejected here.
/// </summary>
public class PhoneNumberCrossCheckTests(ITestOutputHelper output)
{
    private const string DebianPython = "/usr/bin/python3";
    private static readonly string[] Regions = ["US", "CA", "GB", "DE", "FR", "AU", "IN", "IE", "ES", "IT", "NL", "CH", "SE", "JP", "SG", "NZ", "ZA"];

    [Fact]
    public async Task Normalizer_agrees_with_libphonenumber()
    {
        var hasOracle = File.Exists(DebianPython) && await RunsOkAsync();
        TestEnvironment.RequireTool(hasOracle, "python3-phonenumbers is not installed (apt-get install python3-phonenumbers)");

        await using var oracle = new Oracle(Path.Combine(AppContext.BaseDirectory, "Phones", "phonenumbers_oracle.py"));
        var random = new Random(20261122);
        var cases = new List<(string Input, string Region)>();
        foreach (var region in Regions)
        {
            var country = CallingRegions.ForRegion(region)!.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var example in await oracle.ExamplesAsync(region))
            {
                for (var i = 0; i < 10; i++)
                {
                    var e164 = Mutate(example, random);
                    var national = e164[(1 + country.Length)..];
                    cases.Add((Write(e164, country, national, region, random), region));
                }

                // Impossible lengths: a digit short and two digits over.
                var digits = example[(1 + country.Length)..];
                cases.Add(("+" + country + digits[..^1], region));
                cases.Add(("+" + country + digits + "57", region));
                cases.Add(("+" + country + digits[..3], region));
                cases.Add((Group((CallingRegions.ForRegion(region)!.TrunkPrefix ?? string.Empty) + digits[..4], ' '), region));
            }
        }

        int validChecked = 0, impossibleChecked = 0, otherwise = 0;
        var disagreements = new List<string>();
        foreach (var (input, region) in cases)
        {
            var theirs = await oracle.AskAsync(input, region);
            var ours = PhoneNumberParser.Parse(input, region);
            if (theirs.Valid)
            {
                validChecked++;
                if (ours.Number?.E164 != theirs.E164)
                {
                    disagreements.Add($"{region} '{input}': libphonenumber says valid {theirs.E164}, we say {ours.Number?.E164 ?? ours.Error}");
                }
            }
            else if (!theirs.Possible)
            {
                impossibleChecked++;
                if (ours.IsValid)
                {
                    disagreements.Add($"{region} '{input}': libphonenumber says impossible, we accept {ours.Number!.Value.E164}");
                }
            }
            else
            {
                otherwise++;
            }
        }

        output.WriteLine($"{cases.Count} numbers: {validChecked} valid and {impossibleChecked} impossible checked; {otherwise} possible-but-unassigned not compared.");
        disagreements.ShouldBeEmpty();
        validChecked.ShouldBeGreaterThan(400);
        impossibleChecked.ShouldBeGreaterThan(50);
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
    private static string Write(string e164, string country, string national, string region, Random random)
    {
        var trunk = CallingRegions.ForRegion(region)!.TrunkPrefix;
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
