using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Reminders;
using Ringback.Planner;
using Ringback.Reminders;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

/// <summary>People come and go: a leaving rep's book moves with what it owes, and a rep's prospects are theirs to change.</summary>
public class TeamTests
{
    private static readonly Instant Promised = Instant.FromUtc(2026, 11, 25, 13, 15);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_leaving_reps_book_goes_to_another_with_its_promises_cadences_and_reminders(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (owner, _) = await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
        var (leaver, leaverApi) = await app.SignUpAsync("lee@abc.example", "ABC", "Lee Leaving");
        var (taker, takerApi) = await app.SignUpAsync("tia@abc.example", "ABC", "Tia Taking");
        var (_, sue) = await leaverApi.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var (_, ann) = await leaverApi.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = "Lee", directPhone = "(212) 555-0148" });
        var (_, kept) = await takerApi.PostAsync("/api/v1/contacts", new { firstName = "Kim", lastName = "Tia's own", directPhone = "(212) 555-0149" });
        (await leaverApi.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, Lee here.", promisedNextCallAt = "2026-11-25T08:15:00-05:00",
        })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (_, cadences) = await leaverApi.GetJsonAsync("/api/v1/cadences");
        (await leaverApi.PostAsync($"/api/v1/cadences/{cadences.Str("0.id")}/enroll", new { contactIds = new[] { ann.Str("contact.id") } })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            (await db.Reminders.SingleAsync(r => r.State == ReminderState.Scheduled)).UserId.ShouldBe(leaver.Id, "before: the promise is Lee's to keep");
        }

        var olga = await app.SignInToPagesAsync("olga@abc.example");
        var team = PageForms.Text(await olga.GetStringAsync("/team"));
        team.ShouldContain("Give their 2 contacts to");
        (await olga.PostFormAsync("/team", $"/team?handler=Deactivate&userId={leaver.Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = await olga.PostFormAsync("/team", $"/team?handler=Reassign&from={leaver.Id}", new Dictionary<string, string> { ["to"] = taker.Id.ToString() });
        PageForms.Text(await moved.Content.ReadAsStringAsync()).ShouldContain("Tia Taking now has 2 of Lee Leaving's contacts, 1 open cadences");

        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            (await db.Contacts.Where(c => c.OwnerId == taker.Id).CountAsync()).ShouldBe(3);
            (await db.CadenceEnrollments.SingleAsync(e => e.EndedAt == null)).UserId.ShouldBe(taker.Id);
            var promise = await db.FollowUps.SingleAsync(f => f.Kind == FollowUpKind.Promise);
            promise.UserId.ShouldBe(taker.Id, "the promise Lee made is Tia's to keep");
            var reminders = await db.Reminders.Where(r => r.Kind == ReminderKind.Promise).ToListAsync();
            reminders.Single(r => r.State == ReminderState.Scheduled).UserId.ShouldBe(taker.Id, "and its reminder is Tia's");
            reminders.Where(r => r.UserId == leaver.Id).ShouldAllBe(r => r.State == ReminderState.Cancelled);
            (await db.Calls.SingleAsync()).UserId.ShouldBe(leaver.Id, "history keeps who made the call");
            (await db.AuditLog.SingleAsync(e => e.Action == AuditActions.Reassigned)).Subject.ShouldBe("2 contacts of Lee Leaving to Tia Taking");
        }

        var (_, queue) = await takerApi.GetJsonAsync($"/api/v1/queue?at={Promised - Duration.FromMinutes(1)}");
        queue!.ToJsonString().ShouldContain("Sue");

        // The reminder is sent to Tia, not to Lee.
        var sent = await app.Services.GetRequiredService<ReminderSender>().RunAsync(Promised - Duration.FromMinutes(5), default);
        sent.Sent.ShouldBe(1);
        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            var delivered = await db.ReminderDeliveries.SingleAsync();
            (await db.Reminders.SingleAsync(r => r.Id == delivered.ReminderId)).UserId.ShouldBe(taker.Id);
        }

        kept.Str("contact.id").ShouldNotBeNullOrEmpty();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rep_changes_only_their_own_contacts_unless_the_owner_lets_reps_edit_each_others(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (owner, ownerApi) = await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
        var (raeUser, rae) = await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        var (_, sue) = await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var (_, call) = await ownerApi.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "no-answer" });

        (await rae.GetJsonAsync($"/api/v1/contacts/{sueId}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK, "reps see the whole book");
        (await rae.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "no-answer" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created, "and may call anyone in it");
        var (edit, problem) = await rae.PutAsync($"/api/v1/contacts/{sueId}", new { firstName = "Susan", lastName = "Jones" });
        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        problem.Str("detail").ShouldContain("Only its rep, a manager or an owner may change this contact");
        (await rae.SendAsync(HttpMethod.Delete, $"/api/v1/contacts/{sueId}")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rae.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{call.Str("id")}")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var raePages = await app.SignInToPagesAsync("rae@abc.example");
        (await raePages.GetAsync($"/contacts/{sueId}/edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var olga = await app.SignInToPagesAsync("olga@abc.example");
        (await olga.PostFormAsync("/team", "/team?handler=Settings", new Dictionary<string, string> { ["RepsEditTeamContacts"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await rae.PutAsync($"/api/v1/contacts/{sueId}", new { firstName = "Susan", lastName = "Jones", directPhone = "(212) 555-0147", ownerId = owner.Id }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.OK, "the team shares everything now");
        var (giveAway, why) = await rae.PutAsync($"/api/v1/contacts/{sueId}", new { firstName = "Susan", lastName = "Jones", ownerId = (Guid?)null });
        giveAway.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "but giving a contact to someone else is still a manager's");
        why.Str("errors.ownerId.0").ShouldContain("only a manager or an owner");
        var (forOlga, whyNot) = await rae.PostAsync("/api/v1/contacts", new { firstName = "Bo", lastName = "Diaz", directPhone = "(212) 555-0188", ownerId = owner.Id });
        forOlga.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a rep may not add a contact for a teammate either");
        whyNot.Str("errors.ownerId.0").ShouldContain("only a manager or an owner");
        var (forRae, _) = await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Bo", lastName = "Diaz", directPhone = "(212) 555-0188", ownerId = raeUser.Id });
        forRae.StatusCode.ShouldBe(HttpStatusCode.Created, "an owner may");
        (await rae.SendAsync(HttpMethod.Delete, $"/api/v1/contacts/{sueId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using var db = app.Database.NewContext(owner.OrganizationId);
        var deleted = await db.AuditLog.SingleAsync(e => e.Action == AuditActions.ContactDeleted);
        (deleted.Subject, deleted.ActorName).ShouldBe(("Susan Jones", "Rae Rep"));
        (await db.AuditLog.SingleAsync(e => e.Action == AuditActions.SettingsChanged)).Details.ShouldBe("on");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_manager_gives_the_contacts_a_filter_finds_to_another_rep_and_a_rep_may_not(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (owner, ownerApi) = await app.SignUpAsync("olga@abc.example", "ABC", "Olga Owner");
        var (rae, _) = await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", industry = "Tires", directPhone = "(212) 555-0147" });
        await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = "Lee", industry = "Tires", directPhone = "(212) 555-0148" });
        await ownerApi.PostAsync("/api/v1/contacts", new { firstName = "Bo", lastName = "Chem", industry = "Chemicals", directPhone = "(212) 555-0149" });

        var olga = await app.SignInToPagesAsync("olga@abc.example");
        var moved = await olga.PostFormAsync("/contacts?industry=Tires", "/contacts?handler=Reassign", new Dictionary<string, string> { ["Industry"] = "Tires", ["to"] = rae.Id.ToString() });
        PageForms.Text(await moved.Content.ReadAsStringAsync()).ShouldContain("Rae Rep now has these 2 contacts");

        await using (var db = app.Database.NewContext(owner.OrganizationId))
        {
            (await db.Contacts.Where(c => c.OwnerId == rae.Id).Select(c => c.LastName).OrderBy(n => n).ToListAsync()).ShouldBe(["Jones", "Lee"], "only the filter's contacts");
        }

        var raePages = await app.SignInToPagesAsync("rae@abc.example");
        PageForms.Text(await raePages.GetStringAsync("/contacts")).ShouldNotContain("Give the contacts these filters find");
        (await raePages.PostFormAsync("/contacts", "/contacts?handler=Reassign", new Dictionary<string, string> { ["to"] = rae.Id.ToString() })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_command_line_invites_as_the_user_it_acts_for_and_prints_the_link_without_a_mail_server()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var owner = await database.AddUserAsync("olga@abc.example");
        var ringback = new RingbackProcess(database);
        (await ringback.RunAsync("user", "add", "--email", "rae@abc.example", "--name", "Rae Rep", "--org", "ABC Company", "--token")).ExitCode.ShouldBe(0);

        var invited = await ringback.RunAsync("user", "invite", "--email", "max@abc.example", "--role", "manager", "--as", "olga@abc.example");
        invited.ExitCode.ShouldBe(0, invited.Error);
        invited.Error.ShouldContain("No mail server is set");
        invited.Out.Trim().ShouldMatch(@"^http://127\.0\.0\.1:5080/invite/[A-Za-z0-9_-]{43}$");

        var refused = await ringback.RunAsync("user", "invite", "--email", "x@abc.example", "--as", "rae@abc.example");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("rae@abc.example is a rep; this needs an owner or manager");
        var export = await ringback.RunAsync("export", "contacts", "--as", "rae@abc.example");
        export.ExitCode.ShouldBe(1, "a rep may not take the book out");

        (await ringback.RunAsync("user", "deactivate", "--email", "rae@abc.example", "--as", "olga@abc.example")).ExitCode.ShouldBe(0);
        (await ringback.RunAsync("today", "--as", "rae@abc.example")).Error.ShouldContain("rae@abc.example is deactivated");

        await using var db = database.NewContext(owner.OrganizationId);
        (await db.Invitations.SingleAsync()).Role.ShouldBe(UserRole.Manager);
        (await db.AuditLog.Select(e => e.Action).ToListAsync()).ShouldBe([AuditActions.UserInvited, AuditActions.UserDeactivated], ignoreOrder: true);
    }
}
