using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        var now = TestEnvironment.WallClock.GetCurrentInstant();
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

        var (contacts, credited) = await Credits.RecomputeAllAsync(db, planner, default);
        (contacts, credited).ShouldBe((Credits.Batch + 3, Credits.Batch + 3));
        (await db.Calls.CountAsync(c => c.CalledBackAt != null)).ShouldBe(Credits.Batch + 3);

        var (_, withAWeek) = await Credits.RecomputeAllAsync(db, new PlannerOptions { Callbacks = new() { CreditDays = 7 } }, default);
        withAWeek.ShouldBe(0, "ten days is outside a seven-day window");
        (await db.Calls.CountAsync(c => c.CalledBackAt != null || c.CreditedCallId != null)).ShouldBe(0);
        (await db.Calls.Where(c => messages.Contains(c.Id)).Select(c => c.AttemptNumber).Distinct().ToListAsync()).ShouldBe([1]);
    }

    [Theory]
    [InlineData("Ringback:Callbacks:CreditDays", 7)]
    [InlineData("Ringback:Planner:CallbackCreditDays", 5)]
    public async Task The_credit_window_has_its_own_setting_and_the_old_name_still_works(string key, int days)
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [key] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var planner = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlannerOptions>>().Value;

        (planner.Callbacks.CreditDays, planner.CreditWindow).ShouldBe((days, Duration.FromDays(days)));
    }

    [Fact]
    public async Task The_credit_window_defaults_to_the_attribution_rule_s_14_days()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);

        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlannerOptions>>().Value.CreditWindow.ShouldBe(Ringback.Callbacks.Attribution.DefaultWindow);
    }
}
