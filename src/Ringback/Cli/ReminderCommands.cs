using System.CommandLine;
using Ringback.Data.Reminders;
using Ringback.Reminders;

namespace Ringback.Cli;

/// <summary><c>ringback reminders list</c> and <c>ringback reminders send-due</c>.</summary>
public static class ReminderCommands
{
    public static Command Create() => new("reminders", "Reminders of promised calls and appointments") { List(), SendDue() };

    private static Command List()
    {
        var actAs = CliServices.ActAsOption("the rep");
        var command = new Command("list", "Upcoming reminders, then those sent in the last 7 days, with each channel and how it went") { actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct) is not { } rep)
            {
                return 1;
            }

            var zone = rep.Zone;
            var entries = await ReminderBook.ListAsync(cli.Db, rep.Id, cli.Now, 50, ct);
            if (entries.Count == 0)
            {
                Console.WriteLine("No reminders: promise a call (log-call --promise \"tomorrow 8:15\") and it is reminded here.");
                return 0;
            }

            foreach (var e in entries)
            {
                var who = e.ContactName ?? (e.Kind == ReminderKind.Digest ? "daily digest" : "(contact deleted)");
                Console.WriteLine($"{e.RemindAt.InZone(zone):yyyy-MM-dd HH:mm}  {Validation.Words.Of(e.State),-17} {Validation.Words.Of(e.Kind),-15} {who}"
                    + $"  (due {e.DueAt.InZone(zone):ddd HH:mm} your time)  {e.Id}");
                foreach (var d in e.Deliveries)
                {
                    var how = d.State switch
                    {
                        DeliveryState.Sent => $"sent {d.SentAt?.InZone(zone):HH:mm:ss}",
                        DeliveryState.Failed => $"failed {d.Attempts}x, next try {d.NextAttemptAt?.InZone(zone):HH:mm}: {d.LastError}",
                        DeliveryState.GaveUp => $"gave up after {d.Attempts}: {d.LastError}",
                        _ => Validation.Words.Of(d.State).ToLowerInvariant(),
                    };
                    Console.WriteLine($"      {Validation.Words.Of(d.Channel),-6} {how}");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command SendDue()
    {
        var at = new Option<string?>("--at") { Description = "Send what is due as of this instant, e.g. 2026-11-23T13:10:00Z (default: now)" };
        var command = new Command("send-due", "Send every reminder due now, mark missed promises, make digests: what the scheduler does every few seconds") { at };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var when = cli.Now;
            if (parse.GetValue(at) is { } text)
            {
                if (Scheduling.Instants.Parse(text) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync($"ringback reminders send-due: --at: {Scheduling.Instants.Why(text, "2026-11-23T13:10:00Z")}");
                    return 2;
                }

                when = parsed;
            }

            var report = await cli.Services.GetRequiredService<ReminderSender>().RunAsync(when, ct);
            Console.WriteLine($"{Validation.Words.Count(report.Sent, "delivery", "deliveries")} sent, {report.Failed} failed, "
                + $"{report.MissedWhileDown} missed while down, {Validation.Words.Count(report.MissedPromises, "promise")} missed, {Validation.Words.Count(report.Digests, "digest")} made.");
            return report.Failed > 0 ? 1 : 0;
        });
        return command;
    }
}
