using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ringback.Coach;
using Ringback.Hosting;
using Ringback.Practice;

namespace Ringback.Cli;

/// <summary><c>ringback practice FILE</c>: measures a recorded take as the Practice page does (nothing is stored).</summary>
public static class PracticeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The recording: WAV, WebM/Opus, Ogg, MP3 or M4A, up to 3 minutes and 20 MB" };
        var text = new Option<string?>("--text") { Description = "The message you meant to say: recognition follows it, and the number and wording are checked" };
        var strategy = new Option<string?>("--strategy") { Description = $"The message's strategy: {StrategyNames.Choices}", DefaultValueFactory = _ => StrategyNames.Generic };
        var actAs = CliServices.ActAsOption("the user whose profile gives the name and number");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var timings = new Option<bool>("--timings") { Description = "Also print how long each stage took (to standard error)" };
        var command = new Command("practice", "Measure a recorded practice take: loudness, noise, pitch, pace, the number, and the coach's findings") { file, text, strategy, actAs, json, timings };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!StrategyNames.TryParse(parse.GetValue(strategy), out var chosen))
            {
                return await FailAsync($"--strategy '{parse.GetValue(strategy)}' is not a strategy; use one of {StrategyNames.Choices}");
            }

            if (!File.Exists(path))
            {
                return await FailAsync($"{path}: no such file");
            }

            if (PracticeLab.TooLarge(new FileInfo(path).Length) is { } tooLarge)
            {
                return await FailAsync($"{path}: {tooLarge}");
            }

            await using var cli = await CliServices.StartAsync(parse, ct);
            var me = await cli.FindUserAsync(parse.GetValue(actAs), ct);
            var context = new CoachContext
            {
                Strategy = chosen,
                CallerName = me?.Name,
                CallerNumbers = new[] { me?.CallbackPhone, me?.AfterHoursPhone }.OfType<string>().ToArray(),
            };
            var options = cli.Services.GetRequiredService<IOptions<RingbackOptions>>();
            var lab = new PracticeLab(new AudioDecoder(options), new SpeechRecognizer(options));
            TakeReport report;
            try
            {
                Action<string, TimeSpan>? timed = parse.GetValue(timings)
                    ? (stage, took) => Console.Error.WriteLine($"{stage}: {took.TotalMilliseconds:0} ms")
                    : null;
                report = (await lab.AnalyseAsync(Path.GetFullPath(path), parse.GetValue(text), context, ct, timed)).Report;
            }
            catch (PracticeException e)
            {
                return await FailAsync($"{path}: {e.Message}");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    report.DurationSeconds, report.LoudnessLufs, report.PeakDbfs, report.SnrDb, report.MedianPitchHz, report.WordsPerMinute,
                    report.Transcript, report.TranscriptReliable,
                    findings = report.Findings.Select(f => new { rule = f.Rule, severity = f.Severity, message = f.Message, tip = f.Tip }),
                    numbers = report.Numbers.Select(n => new { n.Digits, n.Start, n.End, n.DigitsPerSecond }),
                }, CliJson.Options));
            }
            else
            {
                Write(report);
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"ringback practice: {message}");
        return 2;
    }

    private static void Write(TakeReport r)
    {
        static string Figure(double? value, string format, string unit) => value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) + unit : "—";
        Console.WriteLine($"{r.DurationSeconds:0.0} s · loudness {Figure(r.LoudnessLufs, "0.0", " LUFS")} · peak {r.PeakDbfs:0.0} dBFS · voice {r.SnrDb:0} dB over the room · pitch {Figure(r.MedianPitchHz, "0", " Hz")} · {Figure(r.WordsPerMinute, "0", " words a minute")}");
        foreach (var number in r.Numbers)
        {
            Console.WriteLine($"Number {number.Digits} at {number.Start:0.0} s: {number.DigitsPerSecond:0.0} digits a second");
        }

        if (r.Transcript is not null)
        {
            Console.WriteLine($"Heard{(r.TranscriptReliable ? string.Empty : " (unsure)")}: {r.Transcript}");
        }

        if (r.Findings.Count == 0)
        {
            Console.WriteLine("No findings: this take follows every rule.");
        }

        foreach (var f in r.Findings)
        {
            Console.WriteLine();
            Console.WriteLine($"{f.Severity.ToString().ToLowerInvariant(),-7} {f.Rule}: {f.Message}");
            Console.WriteLine($"        Tip: {f.Tip}");
        }
    }
}
