using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Accounts;
using Ringback.Data.Contacts;
using Ringback.Data.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Contacts;

/// <summary>A merge says what moves, is audited, can be undone for 30 days (what was added since stays), and the merged-away address leads on.</summary>
public class ContactMergeTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_merge_is_audited_and_undone_within_30_days_with_what_was_theirs(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        var (_, kept) = await client.PostAsync("/api/v1/contacts", new { firstName = "Susan", lastName = "Jones", email = "sue@xyz.example" });
        var (_, other) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", mobilePhone = "+1 917 555 0190", title = "COO", notes = "Met at the expo" });
        var (keptId, otherId) = (Guid.Parse(kept.Str("contact.id")), Guid.Parse(other.Str("contact.id")));
        (await client.PostAsync($"/api/v1/contacts/{otherId}/gatekeepers", new { name = "Pat Smith", relationship = "assistant" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var hours in new[] { 50, 26 })
        {
            (await client.PostAsync($"/api/v1/contacts/{otherId}/calls", new { outcome = "no-answer", startedAt = (app.Clock.GetCurrentInstant() - Duration.FromHours(hours)).ToDateTimeOffset() }))
                .Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var planner = new PlannerOptions();
        var actor = new Actor(me.Id, me.Name);
        await using (var db = app.Database.NewContext(me.OrganizationId))
        {
            var preview = await ContactMerge.PreviewAsync(db, keptId, otherId, default);
            preview!.Moves.ShouldBe("2 calls and 1 gatekeeper");
            preview.Fills.ShouldBe(["title: COO", "mobile phone: +19175550190", "their notes, added to these"]);
            (await ContactMerge.MergeAsync(db, keptId, otherId, app.Clock.GetCurrentInstant(), planner, default, actor)).ShouldBeTrue();
        }

        (await client.GetJsonAsync($"/api/v1/contacts/{keptId}/timeline")).Body!.AsArray().Count.ShouldBe(2);
        (await client.PostAsync($"/api/v1/contacts/{keptId}/calls", new { outcome = "no-answer" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (moved, movedBody) = await client.GetJsonAsync($"/api/v1/contacts/{otherId}");
        (moved.StatusCode, movedBody.Str("contact.id"), moved.Content.Headers.ContentLocation?.ToString())
            .ShouldBe((HttpStatusCode.OK, keptId.ToString(), $"/api/v1/contacts/{keptId}"), "the merged-away address answers with the kept contact");
        await using (var db = app.Database.NewContext(me.OrganizationId))
        {
            (await ContactMerge.MergedIntoAsync(db, otherId, default)).ShouldBe(keptId);
            (await db.AuditLog.SingleAsync(a => a.Action == AuditActions.ContactsMerged)).Details!.ShouldContain("moved 2 calls and 1 gatekeeper");
            var merge = (await ContactMerge.UndoableAsync(db, keptId, app.Clock.GetCurrentInstant(), default)).Single();

            // The kept contact's title is changed after the merge: the rep's change stays when the merge is undone.
            await db.Contacts.Where(c => c.Id == keptId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Title, "Chief Operating Officer"));
            app.Clock.Advance(Duration.FromDays(29));
            (await ContactMerge.UndoAsync(db, merge.Id, app.Clock.GetCurrentInstant(), planner, actor, default)).ShouldBe(true);
            (await ContactMerge.UndoAsync(db, merge.Id, app.Clock.GetCurrentInstant(), planner, actor, default)).ShouldBeNull("undone once");
            (await ContactMerge.MergedIntoAsync(db, otherId, default)).ShouldBeNull();
            (await db.AuditLog.CountAsync(a => a.Action == AuditActions.ContactMergeUndone)).ShouldBe(1);
        }

        var (_, sue) = await client.GetJsonAsync($"/api/v1/contacts/{otherId}");
        (sue.Str("contact.firstName"), sue.Str("contact.title"), sue.Str("contact.mobilePhone"), sue.Str("notes")).ShouldBe(("Sue", "COO", "+19175550190", "Met at the expo"));
        (await client.GetJsonAsync($"/api/v1/contacts/{otherId}/timeline")).Body!.AsArray().Count.ShouldBe(2, "her calls went back with her");
        (await client.GetJsonAsync($"/api/v1/contacts/{otherId}/gatekeepers")).Body!.AsArray().Count.ShouldBe(1);
        var (_, susan) = await client.GetJsonAsync($"/api/v1/contacts/{keptId}");
        (susan.Str("contact.title"), susan.Str("contact.mobilePhone"), susan.Str("notes")).ShouldBe(("Chief Operating Officer", "<null>", "<null>"));
        (await client.GetJsonAsync($"/api/v1/contacts/{keptId}/timeline")).Body!.AsArray().Count.ShouldBe(1, "the call logged after the merge stays");

        // Merged again, 31 days on the merge can no longer be undone.
        await using (var db = app.Database.NewContext(me.OrganizationId))
        {
            (await ContactMerge.MergeAsync(db, keptId, otherId, app.Clock.GetCurrentInstant(), planner, default, actor)).ShouldBeTrue();
            var again = (await ContactMerge.UndoableAsync(db, keptId, app.Clock.GetCurrentInstant(), default)).Single();
            app.Clock.Advance(Duration.FromDays(31));
            (await ContactMerge.UndoableAsync(db, keptId, app.Clock.GetCurrentInstant(), default)).ShouldBeEmpty();
            (await ContactMerge.UndoAsync(db, again.Id, app.Clock.GetCurrentInstant(), planner, actor, default)).ShouldBeNull();
            (await ContactMerge.MergedIntoAsync(db, otherId, default)).ShouldBe(keptId, "the address still leads on");
        }
    }
}
