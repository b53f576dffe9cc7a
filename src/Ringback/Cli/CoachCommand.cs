using System.CommandLine;
using System.Text.Json;
using Ringback.Coach;
using Ringback.Phones;

namespace Ringback.Cli;

/// <summary><c>ringback coach</c>: reads a voicemail message on standard input and reports what the coach finds.</summary>
public static class CoachCommand
{
    public static Command Create()
    {
        var strategy = new Option<string?>("--strategy") { Description = $"The message's strategy: {StrategyNames.Choices}", DefaultValueFactory = _ => StrategyNames.Generic };
        var caller = new Option<string?>("--caller") { Description = "Your name, as the message should say it (default: your profile's)" };
        var number = new Option<string?>("--number") { Description = "Your callback number (default: your profile's)" };
        var actAs = CliServices.ActAsOption("the user whose profile gives the name and number");
        var referrer = new Option<string?>("--referrer") { Description = "Who referred you (for --strategy referral)" };
        var followUp = new Option<bool>("--follow-up") { Description = "The message follows earlier ones that were not returned" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("coach", "Coach a voicemail message read from standard input") { strategy, caller, number, referrer, followUp, json, actAs };
        command.SetAction(async (parse, ct) =>
        {
            if (!StrategyNames.TryParse(parse.GetValue(strategy), out var chosen))
            {
                await Console.Error.WriteLineAsync($"ringback coach: --strategy '{parse.GetValue(strategy)}' is not a strategy; use one of {StrategyNames.Choices}");
                return 2;
            }

            var region = parse.GetValue(CliApp.Region) ?? "US";
            var callerName = parse.GetValue(caller);
            var numberText = parse.GetValue(number);
            if (callerName is null || numberText is null)
            {
                // Not given: the rep's own profile says them, as the web's coach does.
                await using var cli = await CliServices.StartAsync(parse, ct);
                var me = await cli.FindUserAsync(parse.GetValue(actAs), ct);
                callerName ??= me?.Name;
                numberText ??= me?.CallbackPhone;
            }

            string? e164 = null;
            if (numberText is not null)
            {
                var parsedNumber = PhoneNumberParser.Parse(numberText, region);
                if (!parsedNumber.IsValid)
                {
                    await Console.Error.WriteLineAsync($"ringback coach: --number: {parsedNumber.Error}");
                    return 2;
                }

                e164 = parsedNumber.Number!.Value.E164;
            }

            var message = await Console.In.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(message))
            {
                await Console.Error.WriteLineAsync("ringback coach: no message on standard input; try: echo \"Hi Sue, this is …\" | ringback coach --caller … --number …");
                return 2;
            }

            var report = MessageCoach.Review(message, new CoachContext
            {
                Strategy = chosen,
                CallerName = callerName,
                ReferrerName = parse.GetValue(referrer),
                FollowUp = parse.GetValue(followUp),
                CallerNumbers = e164 is null ? [] : [e164],
            });
            if (parse.GetValue(json))
            {
                var findings = report.Findings.Select(f => new { rule = f.Rule, severity = f.Severity, message = f.Message, tip = f.Tip });
                Console.WriteLine(JsonSerializer.Serialize(new { score = report.Score, sentences = report.Sentences, estimatedSeconds = report.EstimatedSeconds, findings }, CliJson.Options));
            }
            else
            {
                WriteReport(report, e164, region);
            }

            return 0;
        });
        return command;
    }

    private static void WriteReport(CoachReport report, string? e164, string region)
    {
        Console.WriteLine($"Score {report.Score}/100 · {report.Sentences} sentence{(report.Sentences == 1 ? "" : "s")} · about {report.EstimatedSeconds:0.#} seconds at {SpeakingTime.WordsPerMinute:0} words a minute");
        Console.WriteLine(e164 is null
            ? "No callback number is known (give --number, or set one in Settings), so the number in the message is not checked against yours."
            : $"Say your number {PhoneFormat.Shown(e164, region)}: {PhoneSpeech.Speak(e164)}");
        if (report.Findings.Count == 0)
        {
            Console.WriteLine("No findings: this message follows every rule.");
            return;
        }

        foreach (var f in report.Findings)
        {
            Console.WriteLine();
            Console.WriteLine($"{f.Severity.ToString().ToLowerInvariant(),-7} {f.Rule}: {f.Message}");
            Console.WriteLine($"        Tip: {f.Tip}");
        }
    }
}
