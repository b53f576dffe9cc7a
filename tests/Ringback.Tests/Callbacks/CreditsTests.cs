using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

public class CreditsTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_changed_window_is_applied_to_every_callback_already_logged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var freda = await database.AddUserAsync();
        await using var db = database.NewContext(freda.OrganizationId);
        var now = SystemClock.Instance.GetCurrentInstant();
        var planner = new PlannerOptions();
        var messages = new List<Guid>();

        // More contacts than one batch, each with a message ten days ago and a callback today.
        for (var i = 0; i < Credits.Batch + 3; i++)
        {
            var contact = new Contact { Id = Guid.CreateVersion7(), LastName = $"Lane {i}", DirectPhone = $"+1212555{i:0000}", OwnerId = freda.Id, CreatedAt = now, UpdatedAt = now };
            db.Contacts.Add(contact);
            var message = new Call
            {
                Id = Guid.CreateVersion7(), ContactId = contact.Id, UserId = freda.Id, Direction = CallDirection.Outbound, Outcome = CallOutcome.VoicemailLeft,
                StartedAt = now - Duration.FromDays(10), CreatedAt = now,
            };
            var back = new Call
            {
                Id = Guid.CreateVersion7(), ContactId = contact.Id, UserId = freda.Id, Direction = CallDirection.Inbound, Outcome = CallOutcome.Connected,
                StartedAt = now - Duration.FromHours(1), CreatedAt = now,
            };
            db.Calls.AddRange(message, back);
            messages.Add(message.Id);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var (contacts, credited) = await Credits.RecomputeAllAsync(db, Duration.FromDays(planner.CallbackCreditDays), default);
        (contacts, credited).ShouldBe((Credits.Batch + 3, Credits.Batch + 3));
        (await db.Calls.CountAsync(c => c.CalledBackAt != null)).ShouldBe(Credits.Batch + 3);

        var (_, withAWeek) = await Credits.RecomputeAllAsync(db, Duration.FromDays(7), default);
        withAWeek.ShouldBe(0, "ten days is outside a seven-day window");
        (await db.Calls.CountAsync(c => c.CalledBackAt != null || c.CreditedCallId != null)).ShouldBe(0);
        (await db.Calls.Where(c => messages.Contains(c.Id)).Select(c => c.AttemptNumber).Distinct().ToListAsync()).ShouldBe([1]);
    }
}
