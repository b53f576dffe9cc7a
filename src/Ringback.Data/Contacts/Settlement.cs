using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Planner;

namespace Ringback.Data.Contacts;

/// <summary>What a writer changed, which decides how much of a contact is made again.</summary>
public sealed record Change
{
    /// <summary>The contact's fields, owner, cadence or do-not-call listing changed; its calls did not, so neither did their credits.</summary>
    public static Change Contact { get; } = new();

    /// <summary>Calls were corrected, deleted, restored or moved here by a merge: status, attempt numbers and credits are replayed from them.</summary>
    public static Change Calls { get; } = new() { CallsChanged = true, ReplayStatus = true };

    /// <summary>A call is being logged (added to the context, unsaved): it takes its place among the others and is saved numbered and credited.
    /// The call itself already moved the contact's status, from the status the rep set.</summary>
    public static Change Logged(Call call) => new() { CallsChanged = true, Adding = call };

    public bool CallsChanged { get; private init; }

    public bool ReplayStatus { get; private init; }

    public Call? Adding { get; private init; }
}

/// <summary>
/// What follows every change to a contact or its calls, in the writer's transaction, so that whoever wrote — the API, a
/// page, the CLI, telephony, a merge, a cadence, the reminder sender — the contact is left the same way: its status
/// and its calls' attempt numbers and credits true to the calls as they now stand, its follow-up plan made again, and
/// its reminders moved to the new plan. Writers call this and nothing below it; it calls <see cref="Callbacks.Credits"/>,
/// <see cref="Plans"/> and <see cref="Reminders.ReminderBook"/>, none of which calls another.
/// </summary>
public static class Settlement
{
    /// <param name="contact">The contact tracked with its company and gatekeepers (<see cref="Plans.ContactAsync"/>), when the writer has it.</param>
    /// <returns>False when there is no such contact in the organization (deleted meanwhile): nothing to settle.</returns>
    public static async Task<bool> SettleAsync(RingbackDbContext db, Guid contactId, Change change, Instant now, PlannerOptions planner, CancellationToken cancellationToken,
        Contact? contact = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(planner);
        contact ??= await Plans.ContactAsync(db, contactId, cancellationToken);
        if (contact is null)
        {
            return false;
        }

        List<Call>? calls = null;
        if (change.CallsChanged)
        {
            calls = await Callbacks.Credits.RecomputeAsync(db, contact, planner, cancellationToken, change.Adding);
            if (change.ReplayStatus)
            {
                var status = ContactProgress.Replay(contact.Status,
                    calls.OrderBy(c => c.StartedAt).ThenBy(c => c.Id).Select(c => (c.Direction, c.Outcome, c.AppointmentStart is not null)));
                if (status != contact.Status)
                {
                    contact.Status = status;
                    contact.UpdatedAt = now;
                }
            }
        }

        var plan = await Plans.ReplanAsync(db, contactId, now, planner, cancellationToken, calls, contact);
        await Reminders.ReminderBook.SyncAsync(db, contactId, plan, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
