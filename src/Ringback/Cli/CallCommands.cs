using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Ringback.Calls;
using Ringback.Data.Calls;

namespace Ringback.Cli;

/// <summary><c>ringback call correct|delete|restore</c>: taking back a mistake from the terminal.</summary>
public static class CallCommands
{
    public static Command Create()
    {
        var call = new Command("call", "Correct, delete or restore a logged call (its id is printed by log-call)");
        call.Subcommands.Add(Correct());
        call.Subcommands.Add(Delete());
        call.Subcommands.Add(Restore());
        return call;
    }

    private static Argument<Guid> CallId() => new("id") { Description = "The call's id" };

    private static Option<string?> ActAs() => CliServices.ActAsOption("the rep making the change");

    private static Command Correct()
    {
        var id = CallId();
        var outcome = new Option<string?>("--outcome") { Description = "connected, voicemail-left, gatekeeper-message, no-answer, busy, wrong-number, bad-number" };
        var duration = new Option<int?>("--duration") { Description = "Length in seconds" };
        var strategy = new Option<string?>("--strategy") { Description = "Message strategy, e.g. referral; \"none\" for none" };
        var message = new Option<string?>("--message") { Description = "The message left, word for word" };
        var notes = new Option<string?>("--notes") { Description = "Notes (replace what is there)" };
        var promise = new Option<string?>("--promise") { Description = "Promised next call, in the prospect's local time: \"2026-11-23 08:15\"; \"none\" for none" };
        var commitments = new Option<string?>("--commitments") { Description = "What you promised to do" };
        var actAs = ActAs();
        var command = new Command("correct", "Change what a logged call says; only the options given change")
        {
            id, outcome, duration, strategy, message, notes, promise, commitments, actAs,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var user = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (user is null)
            {
                return 1;
            }

            var db = cli.Db;
            var planner = cli.Planner;
            var region = cli.Region;
            var existing = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parse.GetValue(id), ct);
            var target = existing is null ? null : await db.Contacts.FirstOrDefaultAsync(c => c.Id == existing.ContactId, ct);
            if (existing is null || target is null)
            {
                await Console.Error.WriteLineAsync($"ringback: id: no call {parse.GetValue(id)} here");
                return 1;
            }

            var draft = CallDraft.From(existing);
            var promiseText = parse.GetValue(promise);
            if (string.Equals(promiseText, "none", StringComparison.OrdinalIgnoreCase))
            {
                draft = draft with { PromisedNextCallAt = null };
            }
            else if (promiseText is not null)
            {
                var (ok, promised) = await LogCallCommand.PromiseAsync(db, target, user, planner, promiseText, cli.Now, ct);
                if (!ok)
                {
                    return 1;
                }

                draft = draft with { PromisedNextCallAt = promised };
            }

            var strategyText = parse.GetValue(strategy);
            draft = draft with
            {
                Outcome = parse.GetValue(outcome) ?? draft.Outcome,
                DurationSeconds = parse.GetValue(duration) ?? draft.DurationSeconds,
                Strategy = string.Equals(strategyText, "none", StringComparison.OrdinalIgnoreCase) ? null : strategyText ?? draft.Strategy,
                MessageText = parse.GetValue(message) ?? draft.MessageText,
                Notes = parse.GetValue(notes) ?? draft.Notes,
                Commitments = parse.GetValue(commitments) ?? draft.Commitments,
            };
            var now = cli.Now;
            var result = await CallLog.CorrectAsync(db, existing.Id, user.Id, draft, existing.Version, now, ct, planner, region);
            if (result.Stale)
            {
                await Console.Error.WriteLineAsync("ringback: the call was changed by someone else just now; run the command again");
                return 1;
            }

            if (!result.IsValid)
            {
                await LogCallCommand.WriteErrorsAsync(result.Errors);
                return 1;
            }

            Console.WriteLine($"Corrected the call with {target.DisplayName} ({existing.Id}): attempts, credits and the plan follow it.");
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = CallId();
        var actAs = ActAs();
        var command = new Command("delete", "Delete a call: it stops counting, and can be restored for 30 days") { id, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            var user = await cli.ActAsAsync(parse.GetValue(actAs), ct);
            if (user is null)
            {
                return 1;
            }

            var planner = cli.Planner;
            var now = cli.Now;
            var result = await CallLog.DeleteAsync(cli.Db, parse.GetValue(id), user.Id, expectedVersion: null, now, ct, planner);
            if (result.NotFound)
            {
                await Console.Error.WriteLineAsync($"ringback: id: no call {parse.GetValue(id)} here");
                return 1;
            }

            Console.WriteLine($"Deleted call {parse.GetValue(id)}. Undo with: ringback call restore {parse.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static Command Restore()
    {
        var id = CallId();
        var actAs = ActAs();
        var command = new Command("restore", "Restore a deleted call, with everything it counted for") { id, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.StartAsync(parse, ct);
            if (await cli.ActAsAsync(parse.GetValue(actAs), ct) is null)
            {
                return 1;
            }

            var planner = cli.Planner;
            var now = cli.Now;
            var result = await CallLog.RestoreAsync(cli.Db, parse.GetValue(id), now, ct, planner);
            if (result.NotFound)
            {
                await Console.Error.WriteLineAsync($"ringback: id: no call {parse.GetValue(id)} here");
                return 1;
            }

            Console.WriteLine($"Restored call {parse.GetValue(id)}.");
            return 0;
        });
        return command;
    }
}
