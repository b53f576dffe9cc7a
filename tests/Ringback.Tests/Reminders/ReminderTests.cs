using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ringback.Data;
using Ringback.Data.Reminders;
using Ringback.Reminders;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Reminders;

/// <summary>A promise made through the API reaches the rep by email and in the app at the lead time, once; a missed one is told and replanned.</summary>
public class ReminderTests
{
    private static readonly Instant Promised = Instant.FromUtc(2026, 11, 25, 13, 15); // Wednesday 08:15 in New York

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_promise_is_reminded_once_by_email_at_the_lead_time_moves_with_the_plan_and_is_told_when_missed(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = await RingbackApiFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Ringback:Smtp:Host"] = "127.0.0.1",
            ["Ringback:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ringback:Smtp:Security"] = "None",
            ["Ringback:Smtp:From"] = "Ringback <reminders@abc.example>",
        });
        var (me, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", company = "Acme Freight", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var (logged, _) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, Freda here.", promisedNextCallAt = "2026-11-25T08:15:00-05:00",
            commitments = "send the fill-rate sheet",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var sender = app.Services.GetRequiredService<ReminderSender>();

        (await sender.RunAsync(Promised - Duration.FromMinutes(6), default)).Sent.ShouldBe(0, "six minutes before, a five-minute reminder is not due");
        var due = await sender.RunAsync(Promised - Duration.FromMinutes(5), default);
        due.Sent.ShouldBe(2, "in the app and by email");
        (await sender.RunAsync(Promised - Duration.FromMinutes(4), default)).Sent.ShouldBe(0, "nothing twice");

        var mail = smtp.Messages().ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("freda@abc.example");
        mail.Subject.ShouldBe("Call Sue Jones at Wed 08:15 EST their time, as promised");
        mail.MessageId.ShouldStartWith("reminder-");
        mail.TextBody!.ShouldContain("Hi Sue, I'm calling as promised…");
        mail.TextBody!.ShouldContain("(Wed 07:15 CST yours)");
        mail.TextBody!.ShouldContain("Lawful to call then.");
        mail.TextBody!.ShouldContain("Last time you promised: send the fill-rate sheet");
        mail.HtmlBody!.ShouldContain("href=\"tel:+12125550147\"");
        mail.HtmlBody!.ShouldContain($"/contacts/{sueId}");

        // Not kept: past the tolerance the rep is told once, and the call is planned at the next lawful minute, not "as promised".
        var missed = await sender.RunAsync(Promised + Duration.FromMinutes(11), default);
        (missed.MissedPromises, missed.Sent).ShouldBe((1, 2));
        (await sender.RunAsync(Promised + Duration.FromMinutes(12), default)).MissedPromises.ShouldBe(0);
        smtp.Messages()[^1].Subject.ShouldBe("The Wed 08:15 EST call to Sue Jones was not made");
        smtp.Messages()[^1].TextBody!.ShouldNotContain("as promised");
        var (_, queue) = await client.GetJsonAsync($"/api/v1/queue?at={Promised + Duration.FromMinutes(12)}");
        queue.Str("items.0.kind").ShouldBe("missed-promise");

        // A promise moved moves its reminder; the mail server down: the mail waits and is retried, the banner still shows it.
        var (_, ann) = await client.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = "Lee", directPhone = "(212) 555-0199" });
        var (_, call) = await client.PostAsync($"/api/v1/contacts/{ann.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", messageText = "Hi Ann, Freda here.", promisedNextCallAt = "2026-11-26T10:00:00-05:00",
        });
        (await client.PutAsync($"/api/v1/calls/{call.Str("id")}", new { outcome = "voicemail-left", messageText = "Hi Ann, Freda here.", promisedNextCallAt = "2026-11-26T11:00:00-05:00" }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = Instant.FromUtc(2026, 11, 26, 16, 0);
        await using (var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId)))
        {
            var list = await ReminderBook.ListAsync(db, me.Id, Promised, 10, default);
            list.Where(r => r.ContactName == "Ann Lee" && r.State == ReminderState.Scheduled).Select(r => r.RemindAt).ShouldBe([moved - Duration.FromMinutes(5)]);
        }

        await smtp.DownAsync();
        var failing = await sender.RunAsync(moved - Duration.FromMinutes(5), default);
        // In the app it is shown; by email it fails, and so does the day's digest (09:00 in Chicago, made at this pass).
        (failing.Sent, failing.Failed, failing.Digests).ShouldBe((1, 2, 1));
        await using (var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId)))
        {
            var email = (await ReminderBook.ListAsync(db, me.Id, moved, 10, default)).First(r => r.ContactName == "Ann Lee").Deliveries.Single(d => d.Channel == ReminderChannel.Email);
            (email.State, email.Attempts).ShouldBe((DeliveryState.Failed, 1));
            email.LastError!.ShouldContain($"the mail server 127.0.0.1:{smtp.Port} said");
            email.NextAttemptAt.ShouldBe(moved - Duration.FromMinutes(4));
        }

        await smtp.UpAsync();
        (await sender.RunAsync(moved - Duration.FromMinutes(4), default)).Sent.ShouldBe(2);
        var subjects = smtp.Messages().Select(m => m.Subject).ToList();
        subjects.ShouldContain("Call Ann Lee at Thu 11:00 EST their time, as promised");
        subjects.ShouldContain("Your calls for Thursday 26 November: 2 promises and appointments", "Ann's promise, and Sue's still owed");
        smtp.Messages().Single(m => m.Subject?.StartsWith("Your calls", StringComparison.Ordinal) == true).TextBody!.ShouldContain("Ann Lee");
    }

    /// <summary>The settings page saves through the same rule the plan uses: switching "appointments only in working hours"
    /// drops and brings back an out-of-hours appointment's reminder, and a new lead time moves the rest.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changing_reminder_settings_keeps_to_the_one_rule_for_appointments_out_of_hours(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        await using (var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId)))
        {
            var rep = await db.Users.FindAsync(me.Id);
            rep!.WorkingHours = Scheduling.WeeklyWindows.Parse("Mon-Fri 09:00-17:00");
            await db.SaveChangesAsync();
        }

        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        // 19:00 in Chicago, outside Freda's hours (and 20:00 in New York, inside the prospect's).
        var late = Instant.FromUtc(2026, 12, 2, 1, 0);
        var (booked, _) = await client.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "connected", appointmentStart = "2026-12-01T20:00:00-05:00", appointmentEnd = "2026-12-01T20:30:00-05:00",
        });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (_, ann) = await client.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = "Lee", directPhone = "(212) 555-0199" });
        var promised = Instant.FromUtc(2026, 11, 26, 16, 0);
        (await client.PostAsync($"/api/v1/contacts/{ann.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", messageText = "Hi Ann, Freda here.", promisedNextCallAt = "2026-11-26T11:00:00-05:00",
        })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<List<(ReminderKind Kind, Instant RemindAt)>> ScheduledAsync()
        {
            await using var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId));
            return [.. (await ReminderBook.ListAsync(db, me.Id, RingbackApiFactory.Now, 20, default))
                .Where(r => r.State == ReminderState.Scheduled).OrderBy(r => r.DueAt).Select(r => (r.Kind, r.RemindAt))];
        }

        async Task SaveAsync(ReminderSettings settings)
        {
            await using var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(me.OrganizationId));
            var rep = await db.Users.FindAsync(me.Id);
            await ReminderBook.SaveSettingsAsync(db, rep!, settings, RingbackApiFactory.Now, default);
        }

        (await ScheduledAsync()).ShouldBe([(ReminderKind.Promise, promised - Duration.FromMinutes(5)), (ReminderKind.Appointment, late - Duration.FromMinutes(5))]);

        await SaveAsync(ReminderSettings.Default with { LeadMinutes = 30, WorkingHoursOnly = true });
        (await ScheduledAsync()).ShouldBe([(ReminderKind.Promise, promised - Duration.FromMinutes(30))], "the appointment is outside working hours now");

        await SaveAsync(ReminderSettings.Default with { LeadMinutes = 15 });
        (await ScheduledAsync()).ShouldBe([(ReminderKind.Promise, promised - Duration.FromMinutes(15)), (ReminderKind.Appointment, late - Duration.FromMinutes(15))]);

        await SaveAsync(new ReminderSettings(15, App: false, Email: false, Push: false, WorkingHoursOnly: false));
        (await ScheduledAsync()).ShouldBeEmpty("no channel, no reminder");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_appointment_is_sent_to_the_prospect_as_a_calendar_invitation_that_a_calendar_library_reads(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = await RingbackApiFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Ringback:Smtp:Host"] = "127.0.0.1",
            ["Ringback:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ringback:Smtp:Security"] = "None",
            ["Ringback:Smtp:From"] = "Ringback <reminders@abc.example>",
        });
        var (_, api) = await app.SignUpAsync();
        var (_, sue) = await api.PostAsync("/api/v1/contacts", new
        {
            firstName = "Sue", lastName = "Jones", company = "Acme Freight", email = "sue.jones@acme-freight.example", directPhone = "(212) 555-0147",
        });
        var sueId = sue.Str("contact.id");
        var (_, call) = await api.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "connected", appointmentStart = "2026-12-02T10:00:00-05:00", appointmentEnd = "2026-12-02T11:00:00-05:00",
            appointmentPlace = "Acme Freight, 3rd floor", appointmentDirections = "Visitor parking behind building B",
        });
        var callId = call.Str("id");

        var pages = await app.SignInToPagesAsync();
        var page = await pages.GetStringAsync($"/contacts/{sueId}");
        page.ShouldContain("Send an invitation to sue.jones@acme-freight.example");
        var token = RingbackApiFactory.AntiforgeryToken(page);
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))
        {
            var sent = await pages.PostAsync($"/contacts/{sueId}?handler=Invite&callId={callId}", form);
            var status = System.Text.RegularExpressions.Regex.Match(await sent.Content.ReadAsStringAsync(), "role=\"status\">([^<]*)<").Groups[1].Value;
            System.Net.WebUtility.HtmlDecode(status).ShouldBe("Invitation sent to sue.jones@acme-freight.example.");
        }

        var mail = smtp.Messages().ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("sue.jones@acme-freight.example");
        mail.ReplyTo.Mailboxes.Single().Address.ShouldBe("freda@abc.example");
        mail.Subject.ShouldBe("Invitation: Meeting with Freda Whitehouse (ABC Company) — Wednesday 2 December 2026, 10:00 (EST)");
        var part = mail.BodyParts.OfType<MimeKit.TextPart>().First(p => p.ContentType.MimeType == "text/calendar");
        part.ContentType.Parameters["method"].ShouldBe("REQUEST");

        // Read back by Debian's python3-icalendar, as another program would.
        // The Maildir keeps the mail with local (LF) line ends; iCalendar's are CRLF, as they went over SMTP.
        var ics = part.Text.ReplaceLineEndings("\r\n");
        var (exit, output, error) = await DebianPython.RunScriptAsync(Path.Combine("Planner", "icalendar_check.py"), ics);
        exit.ShouldBe(0, error);
        using var read = System.Text.Json.JsonDocument.Parse(output);
        read.RootElement.GetProperty("method").GetString().ShouldBe("REQUEST");
        var invited = read.RootElement.GetProperty("events").EnumerateArray().ShouldHaveSingleItem();
        invited.GetProperty("uid").GetString().ShouldBe($"appointment-{Guid.Parse(callId):N}@ringback", "the same event as in the rep's calendar feed");
        invited.GetProperty("start").GetString().ShouldBe("2026-12-02T15:00:00+00:00");
        invited.GetProperty("end").GetString().ShouldBe("2026-12-02T16:00:00+00:00");
        invited.GetProperty("location").GetString().ShouldBe("Acme Freight, 3rd floor");
        invited.GetProperty("organizer").GetString().ShouldBe("mailto:freda@abc.example");
        invited.GetProperty("attendees").EnumerateArray().Select(a => a.GetString()).ShouldBe(["mailto:sue.jones@acme-freight.example"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reminder_whose_minute_passed_while_ringback_was_down_is_not_sent_late_and_today_says_so(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, api) = await app.SignUpAsync();
        var (_, sue) = await api.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        (await api.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", messageText = "Hi Sue, Freda here.", promisedNextCallAt = "2026-11-25T08:15:00-05:00",
        })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);

        // Nothing ran from before the reminder until an hour after the promise: it is recorded, not sent an hour late;
        // the missed promise is told (in the app) with the next lawful time instead.
        var back = await app.Services.GetRequiredService<ReminderSender>().RunAsync(Promised + Duration.FromHours(1), default);
        (back.MissedWhileDown, back.MissedPromises, back.Sent).ShouldBe((1, 1, 1));

        app.Clock.Reset(Promised + Duration.FromHours(1));
        var pages = await app.SignInToPagesAsync();
        var today = await pages.GetStringAsync("/today");
        today.ShouldContain("A reminder could not be sent in time");
        today.ShouldContain("Sue Jones, due Wed 07:15 your time");
        var token = RingbackApiFactory.AntiforgeryToken(today);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        (await pages.PostAsync("/today?handler=SeenMissedWhileDown", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pages.GetStringAsync("/today")).ShouldNotContain("could not be sent in time");
    }
}
