using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Reminders;
using Ringback.Reminders;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Coach;

/// <summary>A tag team between two reps: the message names the colleague and the month, earns the callback, and the colleague hears of both.</summary>
public class HandOffTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callback_after_a_tag_team_message_is_credited_to_it_and_the_rep_whose_conversation_it_named_is_told(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (greg, gregApi) = await app.SignUpAsync("greg@abc.example", "ABC", "Greg Pitcher");
        var (_, sally) = await app.SignUpAsync("sally@abc.example", "ABC", "Sally LeQuota");
        var (_, created) = await gregApi.PostAsync("/api/v1/contacts", new { firstName = "Steve", lastName = "Ford", directPhone = "(703) 555-8047", timeZone = "America/New_York" });
        var steve = created.Str("contact.id");
        (await gregApi.PostAsync($"/api/v1/contacts/{steve}/calls", new { outcome = "connected", startedAt = "2026-05-12T15:00:00Z", notes = "Decided not to go ahead." }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var (_, message) = await sally.PostAsync($"/api/v1/contacts/{steve}/compose", new { strategy = "tag-team", nextCallAt = RingbackApiFactory.Now.ToDateTimeOffset().AddDays(1) });
        var text = message.Str("text");
        text.ShouldContain("about Greg Pitcher, one of our team, who spoke with you in May");
        var (left, call) = await sally.PostAsync($"/api/v1/contacts/{steve}/calls", new { outcome = "voicemail-left", strategy = "tag-team", messageText = text });
        left.StatusCode.ShouldBe(HttpStatusCode.Created);
        var handOffId = call.Str("id");
        var sender = app.Services.GetRequiredService<ReminderSender>();
        (await sender.RunAsync(app.Clock.GetCurrentInstant(), default)).Sent.ShouldBe(1, "Greg hears of it in the app at once");

        // An hour later Steve calls back: the call is credited to Sally's hand-off message.
        app.Clock.Advance(Duration.FromHours(1));
        var (back, captured) = await sally.PostAsync("/api/v1/callbacks", new { from = "703.555.8047", answered = true, durationSeconds = 240 });
        back.StatusCode.ShouldBe(HttpStatusCode.Created);
        captured.Str("credit.messageCallId").ShouldBe(handOffId);
        captured.Str("credit.strategy").ShouldBe("tag-team");

        // Greg is told twice, through his reminder channels: when the message was left, and when it earned the callback.
        (await sender.RunAsync(app.Clock.GetCurrentInstant(), default)).Sent.ShouldBe(1);
        await using var db = app.Database.NewContext(greg.OrganizationId);
        var notes = await db.Reminders.Where(r => r.Kind == ReminderKind.HandOff).OrderBy(r => r.CreatedAt).ToListAsync();
        notes.Select(n => n.UserId).ShouldAllBe(u => u == greg.Id);
        notes.Select(n => n.Title).ShouldBe(["Sally LeQuota left Steve Ford a message about your conversation", "Steve Ford called back after Sally LeQuota's tag-team message"]);
        notes[0].Text!.ShouldContain("your conversation with them in May");
        notes.ShouldAllBe(n => n.State == ReminderState.Sent);
        (await db.ReminderDeliveries.CountAsync(d => d.Channel == ReminderChannel.App)).ShouldBe(2);

        // Recomputing the credits tells nobody again.
        await gregApi.PostAsync($"/api/v1/contacts/{steve}/calls", new { outcome = "no-answer" });
        (await db.Reminders.CountAsync(r => r.Kind == ReminderKind.HandOff)).ShouldBe(2);
    }
}
