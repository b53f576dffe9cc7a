using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Contacts;
using Ringback.Scheduling;

namespace Ringback.Cli;

/// <summary><c>ringback log-call</c>: a quick call from the terminal.</summary>
public static class LogCallCommand
{
    /// <summary>How many matching contacts a name lists before asking for something more precise.</summary>
    private const int MaxListed = 10;

    public static Command Create()
    {
        var contact = new Option<string>("--contact") { Description = "The contact: a name, a phone number (any form), an email or an id", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "connected, voicemail-left, gatekeeper-message, no-answer, busy, wrong-number, bad-number", Required = true };
        var inbound = new Option<bool>("--inbound") { Description = "They called us" };
        var duration = new Option<int?>("--duration") { Description = "Length in seconds" };
        var strategy = new Option<string?>("--strategy") { Description = "Message strategy, e.g. referral, as-promised" };
        var message = new Option<string?>("--message") { Description = "The message left, word for word" };
        var notes = new Option<string?>("--notes") { Description = "Notes" };
        var gatekeeper = new Option<string?>("--gatekeeper") { Description = "Name of the gatekeeper who answered; someone new is added to the contact" };
        var promise = new Option<string?>("--promise") { Description = "Promised next call, in the prospect's local time: \"tomorrow 8:15\", \"Tue 10am\", \"2026-11-23 08:15\"" };
        var commitments = new Option<string?>("--commitments") { Description = "What you promised to do" };
        var actAs = CliServices.ActAsOption("the rep who made the call");
        var dncOverride = new Option<string?>("--dnc-override") { Description = "Why a number on a do-not-call list was called anyway (recorded)" };
        var askedNotToCall = new Option<bool>("--asked-not-to-call") { Description = "They asked not to be called again: put them on your own do-not-call list" };

        var command = new Command("log-call", "Log a call from the terminal")
        {
            contact, outcome, inbound, duration, strategy, message, notes, gatekeeper, promise, commitments, actAs, dncOverride, askedNotToCall,
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
            var who = parse.GetValue(contact)!;
            var found = await FindContactAsync(db, who, region, ct);
            if (found.Count != 1)
            {
                await Console.Error.WriteLineAsync(found.Count == 0
                    ? $"ringback: --contact: no contact matches '{who}'"
                    : $"ringback: --contact: {(found.Count > MaxListed ? $"more than {MaxListed}" : found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} contacts match '{who}'; say which with an email, a number or an id:");
                foreach (var c in found.Take(MaxListed))
                {
                    await Console.Error.WriteLineAsync($"  {c.DisplayName}{(c.Company is null ? "" : ", " + c.Company.Name)}  {c.Email ?? c.DirectPhone ?? c.MobilePhone}  {c.Id}");
                }

                return 1;
            }

            var target = found[0];
            // A gatekeeper the contact does not have yet is added with the call, as on the contact page.
            Guid? gatekeeperId = null;
            GatekeeperDraft? newGatekeeper = null;
            if (parse.GetValue(gatekeeper) is { } gatekeeperName)
            {
                gatekeeperId = await db.Gatekeepers.Where(g => g.ContactId == target.Id && g.Name == gatekeeperName).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
                newGatekeeper = gatekeeperId is null ? new GatekeeperDraft { Name = gatekeeperName } : null;
            }

            var (promiseOk, promised) = await PromiseAsync(db, target, user, planner, parse.GetValue(promise), cli.Now, ct);
            if (!promiseOk)
            {
                return 1;
            }

            var draft = new CallDraft
            {
                Direction = parse.GetValue(inbound) ? "inbound" : "outbound",
                Outcome = parse.GetValue(outcome),
                DurationSeconds = parse.GetValue(duration),
                Strategy = parse.GetValue(strategy),
                MessageText = parse.GetValue(message),
                Notes = parse.GetValue(notes),
                AnsweredByGatekeeperId = gatekeeperId,
                NewGatekeeper = newGatekeeper,
                PromisedNextCallAt = promised,
                Commitments = parse.GetValue(commitments),
                DncOverrideReason = parse.GetValue(dncOverride),
                AskedNotToCall = parse.GetValue(askedNotToCall),
            };
            var result = await CallLog.LogAsync(db, target.Id, user.Id, draft, id: null, cli.Now, ct, planner,
                region);
            if (!result.IsValid)
            {
                await WriteErrorsAsync(result.Errors);
                return 1;
            }

            Console.WriteLine($"Logged {Validation.EnumText.Format(result.Call!.Outcome)} with {target.DisplayName} ({result.Call.Id}).");
            foreach (var note in result.Notes)
            {
                Console.WriteLine(note);
            }
            return 0;
        });
        return command;
    }

    /// <summary>"--promise" read in the prospect's zone: their own, their company's, or inferred from their number.</summary>
    internal static async Task<(bool Ok, Instant? Promised)> PromiseAsync(RingbackDbContext db, Contacts.Contact target, Accounts.User user,
        Data.Planner.PlannerOptions planner, string? text, Instant now, CancellationToken ct)
    {
        if (text is null)
        {
            return (true, null);
        }

        await db.Entry(target).Reference(c => c.Company).LoadAsync(ct);
        var zone = Data.Planner.Places.For(target, user, planner).Zone;
        if (SpokenLocalTimes.Parse(text, now.InZone(zone).LocalDateTime) is not { } local)
        {
            await Console.Error.WriteLineAsync($"ringback: --promise: '{text}' is not a time like \"tomorrow 8:15\", \"Tue 10am\" or \"2026-11-23 08:15\" (the prospect's time)");
            return (false, null);
        }

        return (true, LocalTimes.Resolve(local, zone).ToInstant());
    }

    /// <summary>Every error of a refused call, one line each, named by field.</summary>
    internal static async Task WriteErrorsAsync(Validation.ValidationErrors errors)
    {
        foreach (var field in errors.Fields)
        {
            foreach (var error in errors.For(field))
            {
                await Console.Error.WriteLineAsync($"ringback: {field}: {error}");
            }
        }
    }

    private static async Task<List<Contacts.Contact>> FindContactAsync(RingbackDbContext db, string who, string region, CancellationToken ct)
    {
        if (Guid.TryParse(who, out var id))
        {
            return await db.Contacts.Where(c => c.Id == id).ToListAsync(ct);
        }

        if (who.Contains('@', StringComparison.Ordinal))
        {
            var email = who.Trim();
            return await db.Contacts.Include(c => c.Company).Where(c => c.Email == email).Take(MaxListed + 1).ToListAsync(ct);
        }

        // Digits are a number; anything else is a name (or a company), found as the contact book's search finds it.
        var filter = who.Count(char.IsAsciiDigit) >= 4 ? new ContactFilter { Phone = who } : new ContactFilter { Query = who };
        var found = await db.Contacts.Include(c => c.Company).Filter(db, filter, region).OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(MaxListed + 1).ToListAsync(ct);

        // "Sue Jones" names her even when "Sue Jonestown" also matches the search.
        var exact = found.Where(c => string.Equals(c.DisplayName, who.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count == 1 ? exact : found;
    }
}
