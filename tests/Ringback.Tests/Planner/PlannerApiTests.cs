using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

public class PlannerApiTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>The app runs on the system clock, so the test's days are relative to it: the next Tuesday at least two days away.</summary>
    private static LocalDate NextTuesday()
    {
        var today = RingbackApiFactory.Now.InZone(NewYork).Date.PlusDays(2);
        while (today.DayOfWeek != IsoDayOfWeek.Tuesday)
        {
            today = today.PlusDays(1);
        }

        return today;
    }

    private static string Iso(Instant instant) => instant.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);

    private static Instant Ny(LocalDate day, int hour, int minute = 0) => day.At(new LocalTime(hour, minute)).InZoneLeniently(NewYork).ToInstant();

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_promise_to_a_prospect_in_another_zone_tops_today_at_their_minute(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync(); // a rep in Chicago
        await client.PutAsync("/api/v1/me", new { name = "Freda Whitehouse", timeZone = "America/Chicago", callbackPhone = "901-555-2120", workingHours = "Mon-Fri 07:00-17:00" });
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var (_, place) = await client.GetJsonAsync($"/api/v1/contacts/{sueId}/place");
        (place.Str("zone"), place.Str("source"), place.Str("inferred"), place.Str("subdivision")).ShouldBe(("America/New_York", "area-code", "true", "NY"));

        var tuesday = NextTuesday();
        var promised = Ny(tuesday, 8, 15);
        var (logged, _) = await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "voicemail-left", strategy = "warm-cold-call", messageText = "Hi Sue, this is Freda Whitehouse at 901-555-2120.", promisedNextCallAt = Iso(promised),
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (_, other) = await client.PostAsync("/api/v1/contacts", new { firstName = "Ann", lastName = "Lee", directPhone = "(312) 555-0100", ownerId = (string?)null });

        var (response, queue) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(Iso(promised))}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var top = queue!["items"]![0]!;
        (top.Str("kind"), top.Str("contactName"), top.Str("strategy"), top.Str("opener")).ShouldBe(("promise", "Sue Jones", "as-promised", "Hi Sue, I'm calling as promised…"));
        top.Str("prospectLocalNow").ShouldEndWith("T08:15:00");
        (top.Str("prospectZone"), top.Str("zoneInferred"), top.Str("lawfulNow")).ShouldBe(("America/New_York", "true", "true"));
        DateTimeOffset.Parse(top.Str("dueAt"), CultureInfo.InvariantCulture).ShouldBe(promised.ToDateTimeOffset());
        _ = other;

        // Not yet due: the promise counts as pending, neither kept nor missed.
        var (_, promises) = await client.GetJsonAsync($"/api/v1/promises?to={Uri.EscapeDataString(Iso(promised + Duration.FromDays(1)))}");
        (promises.Str("0.rep"), promises.Str("0.kept"), promises.Str("0.missed"), promises.Str("0.pending")).ShouldBe(("Freda Whitehouse", "0", "0", "1"));
        (await client.GetJsonAsync("/api/v1/promises?from=yesterday")).Body.Str("errors.from.0").ShouldContain("'yesterday' is not an instant");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Phone_tag_is_kept_with_the_plan_and_worked_out_from_the_calls_for_rows_planned_before(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147" });
        var sueId = sue.Str("contact.id");
        var now = RingbackApiFactory.Now;
        var promised = Ny(NextTuesday(), 10);
        async Task LogAsync(string direction, string outcome, Duration ago) =>
            (await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
            {
                direction, outcome, startedAt = Iso(now - ago), strategy = direction == "outbound" && outcome == "voicemail-left" ? "vague" : null,
                promisedNextCallAt = direction == "outbound" ? Iso(promised) : null,
            })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        async Task<(string PhoneTag, string? Advice)> QueuedAsync()
        {
            var (_, queue) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(Iso(promised))}");
            var item = queue!["items"]!.AsArray().SingleOrDefault(i => i!["contactId"]!.GetValue<string>() == sueId);
            item.ShouldNotBeNull(queue.ToJsonString());
            return (item.Str("phoneTag"), item["phoneTagAdvice"]?.GetValue<string>());
        }

        // Our message, their missed call back, our message again (each promising the next call for Tuesday 10:00
        // their time): three misses in turn are phone tag.
        await LogAsync("outbound", "voicemail-left", Duration.FromHours(50));
        await LogAsync("inbound", "no-answer", Duration.FromHours(30));
        await LogAsync("outbound", "voicemail-left", Duration.FromHours(26));
        (await QueuedAsync()).ShouldBe(("true", Ringback.Planner.PhoneTag.Advice));
        await using (var db = app.Database.NewContext())
        {
            var kept = await db.FollowUps.IgnoreQueryFilters().Where(f => f.ContactId == Guid.Parse(sueId)).Select(f => f.PhoneTag).ToListAsync();
            kept.ShouldNotBeEmpty();
            kept.ShouldAllBe(t => t == true);

            // Rows planned before the plan kept it: Today reads the calls instead, with the same answer.
            await db.FollowUps.IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(f => f.PhoneTag, (bool?)null));
        }

        (await QueuedAsync()).ShouldBe(("true", Ringback.Planner.PhoneTag.Advice));

        // They pick up (and the next call is promised again): the tag is broken, and the replanned row says so.
        await LogAsync("outbound", "connected", Duration.FromHours(1));
        (await QueuedAsync()).ShouldBe(("false", (string?)null));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_promise_outside_lawful_hours_is_refused_with_the_next_lawful_time(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, miami) = await client.PostAsync("/api/v1/contacts", new { lastName = "Ortiz", directPhone = "(305) 555-0110" });
        var tuesday = NextTuesday();

        var (refused, problem) = await client.PostAsync($"/api/v1/contacts/{miami.Str("contact.id")}/calls", new { outcome = "no-answer", promisedNextCallAt = Iso(Ny(tuesday, 20, 30)) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = problem.Str("errors.promisedNextCallAt.0");
        error.ShouldContain("20:30 their time is outside lawful calling hours (Florida: Mon-Sun 08:00-20:00)");
        error.ShouldContain($"the next lawful time is {tuesday.PlusDays(1).ToString("ddd d MMM", CultureInfo.InvariantCulture)} 08:00");
        (await client.PostAsync($"/api/v1/contacts/{miami.Str("contact.id")}/calls", new { outcome = "no-answer", promisedNextCallAt = Iso(Ny(tuesday, 19, 30)) }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Do_not_call_numbers_are_never_queued_and_an_override_reason_is_recorded(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        var (_, listed) = await client.PostAsync("/api/v1/contacts", new { lastName = "Listed", directPhone = "(212) 555-0199", ownerId = me.Id });
        var (_, free) = await client.PostAsync("/api/v1/contacts", new { lastName = "Free", directPhone = "(212) 555-0198", ownerId = me.Id });
        var today = RingbackApiFactory.Now.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (bad, badProblem) = await client.PostAsync("/api/v1/dnc-lists", new { name = "US National DNC", copyDate = today, numbers = "number\n212-555-0199\n555\n" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badProblem.Str("errors.numbers.1").ShouldStartWith("line 3: '555' is not a phone number");
        (await client.GetJsonAsync("/api/v1/dnc-lists")).Body!.AsArray().ShouldBeEmpty();

        var (imported, list) = await client.PostAsync("/api/v1/dnc-lists", new { name = "US National DNC", copyDate = today, numbers = "number\n212-555-0199\n+1 212 555 0199\n" });
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, list?.ToJsonString());
        list.Str("entries").ShouldBe("1");

        var (_, queue) = await client.GetJsonAsync("/api/v1/queue");
        queue!["items"]!.AsArray().Select(i => i.Str("contactName")).ShouldBe(["Free"]);

        var listedId = listed.Str("contact.id");
        var (refused, problem) = await client.PostAsync($"/api/v1/contacts/{listedId}/calls", new { outcome = "no-answer" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.dncOverrideReason.0").ShouldStartWith("+12125550199 is on US National DNC: give a reason");
        var (allowed, call) = await client.PostAsync($"/api/v1/contacts/{listedId}/calls", new { outcome = "connected", dncOverrideReason = "They emailed asking us to call" });
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        call.Str("dncOverrideReason").ShouldBe("They emailed asking us to call");
        (await client.GetJsonAsync($"/api/v1/contacts/{listedId}/place")).Body.Str("onDoNotCallList").ShouldBe("true");

        // "Please don't call me again": on our own list at once, out of the queue.
        (await client.PostAsync($"/api/v1/contacts/{free.Str("contact.id")}/do-not-call", new { reason = "Asked on the phone" })).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync("/api/v1/queue")).Body!["items"]!.AsArray().ShouldBeEmpty();
        (await client.GetJsonAsync($"/api/v1/contacts/{free.Str("contact.id")}")).Body.Str("contact.status").ShouldBe("do-not-call");
        var lists = (await client.GetJsonAsync("/api/v1/dnc-lists")).Body!.AsArray();
        lists.Single(l => l.Str("kind") == "internal").Str("entries").ShouldBe("1");
    }

    [Fact]
    public async Task A_stale_registry_copy_holds_back_north_american_numbers_with_a_warning()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (me, client) = await app.SignUpAsync();
        await client.PostAsync("/api/v1/contacts", new { lastName = "Newyorker", directPhone = "(212) 555-0197", ownerId = me.Id });
        await client.PostAsync("/api/v1/contacts", new { lastName = "Londoner", directPhone = "+44 20 7946 0958", ownerId = me.Id });

        var (_, none) = await client.GetJsonAsync("/api/v1/queue");
        none.Str("warnings.0").ShouldStartWith("No do-not-call registry copy has been imported");
        none!["items"]!.AsArray().Count.ShouldBe(2);

        var old = RingbackApiFactory.Now.InUtc().Date.PlusDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await client.PostAsync("/api/v1/dnc-lists", new { name = "US National DNC", copyDate = old, numbers = "212-555-0100" });
        var (_, stale) = await client.GetJsonAsync("/api/v1/queue");
        stale.Str("warnings.0").ShouldContain("is 40 days old (more than 31)");
        stale!["items"]!.AsArray().Select(i => i.Str("contactName")).ShouldBe(["Londoner"]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cadence_plans_its_steps_and_a_conversation_ends_it(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        await client.PutAsync("/api/v1/me", new { name = "Freda Whitehouse", timeZone = "America/New_York", workingHours = "Mon-Sun 07:00-21:00" });
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147", ownerId = me.Id });
        var sueId = sue.Str("contact.id");
        var (_, cadences) = await client.GetJsonAsync("/api/v1/cadences");
        cadences!.AsArray().Select(c => c.Str("name")).ShouldBe(["Seven touches in a month", "Referral follow-up"]);
        var (badCadence, badProblem) = await client.PostAsync("/api/v1/cadences", new { name = "Mine", steps = "day 0 09:00-11:00 vague; day one 10:00-11:00 vague" });
        badCadence.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badProblem.Str("errors.steps.0").ShouldStartWith("step 2 'day one 10:00-11:00 vague'");

        var (enrolled, result) = await client.PostAsync($"/api/v1/cadences/{cadences[0].Str("id")}/enroll", new { contactIds = new[] { sueId, Guid.NewGuid().ToString() } });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (result.Str("enrolled"), result!["notFound"]!.AsArray().Count).ShouldBe(("1", 1));

        var (_, planned) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(Iso(RingbackApiFactory.Now + Duration.FromDays(1)))}");
        var step = planned!["items"]!.AsArray().Single(i => i.Str("contactName") == "Sue Jones");
        (step.Str("kind"), step.Str("strategy")).ShouldBe(("cadence-step", "warm-cold-call"));
        step.Str("why").ShouldBe("Seven touches in a month: step 1 of 7 (day 0)");
        var due = Instant.FromDateTimeOffset(DateTimeOffset.Parse(step.Str("dueAt"), CultureInfo.InvariantCulture)).InZone(NewYork).TimeOfDay;
        due.ShouldBeInRange(new LocalTime(9, 0), new LocalTime(11, 0));

        await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new { outcome = "connected" });
        var (_, after) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(Iso(RingbackApiFactory.Now + Duration.FromDays(3)))}");
        after!["items"]!.AsArray().Where(i => i.Str("contactName") == "Sue Jones").ShouldBeEmpty();
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/contacts/{sueId}/cadence")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_hand_built_day_comes_out_in_the_queues_order()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (me, client) = await app.SignUpAsync();
        await client.PutAsync("/api/v1/me", new { name = "Freda Whitehouse", timeZone = "America/New_York", workingHours = "Mon-Sun 07:00-21:00" });
        async Task<string> Contact(string name) =>
            (await client.PostAsync("/api/v1/contacts", new { firstName = name, lastName = "Test", directPhone = "(212) 555-01" + (name.Length + 10), ownerId = me.Id })).Body.Str("contact.id");
        var now = RingbackApiFactory.Now;
        var tuesday = NextTuesday();

        var promise = await Contact("Promise");
        await client.PostAsync($"/api/v1/contacts/{promise}/calls", new { outcome = "voicemail-left", promisedNextCallAt = Iso(Ny(tuesday, 10)) });
        var meeting = await Contact("Meeting");
        await client.PostAsync($"/api/v1/contacts/{meeting}/calls", new { outcome = "connected", appointmentStart = Iso(Ny(tuesday, 14)), appointmentPlace = "Their office" });
        var waiting = await Contact("Waiting");
        await client.PostAsync($"/api/v1/contacts/{waiting}/calls", new { outcome = "voicemail-left", startedAt = Iso(now - Duration.FromDays(6)) });
        var cadence = await Contact("Cadence");
        var (_, cadences) = await client.GetJsonAsync("/api/v1/cadences");
        await client.PostAsync($"/api/v1/cadences/{cadences![0].Str("id")}/enroll", new { contactIds = new[] { cadence } });
        await Contact("Fresh");

        var (_, queue) = await client.GetJsonAsync($"/api/v1/queue?at={Uri.EscapeDataString(Iso(Ny(tuesday, 10)))}");

        var items = queue!["items"]!.AsArray();
        items.Select(i => (i.Str("kind"), i.Str("contactName"))).ShouldBe([
            ("promise", "Promise Test"), ("appointment", "Meeting Test"), ("expected-callback", "Waiting Test"), ("cadence-step", "Cadence Test"), ("new-contact", "Fresh Test")]);
        items.Select(i => i.Str("opener")).ShouldAllBe(o => !o.Contains("haven't", StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_calendar_feed_is_valid_icalendar_with_promises_and_appointments_and_can_be_revoked(DatabaseProvider provider)
    {
        await DebianPython.RequireModuleAsync("icalendar", "python3-icalendar");
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147", timeZone = "America/New_York" });
        var sueId = sue.Str("contact.id");
        var tuesday = NextTuesday();
        await client.PostAsync($"/api/v1/contacts/{sueId}/calls", new
        {
            outcome = "connected", promisedNextCallAt = Iso(Ny(tuesday, 8, 15)), appointmentStart = Iso(Ny(tuesday.PlusDays(1), 14)), appointmentEnd = Iso(Ny(tuesday.PlusDays(1), 15)),
            appointmentPlace = "XYZ Company, 3rd floor; room 12", appointmentDirections = "Visitor parking behind building B\nAsk for Pat",
        });

        var (_, feed) = await client.PostAsync("/api/v1/me/calendar", new { });
        var url = new Uri(feed.Str("url"));
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync(url.PathAndQuery);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();

        var (exitCode, parsed, errors) = await DebianPython.RunScriptAsync(Path.Combine("Planner", "icalendar_check.py"), ics);
        exitCode.ShouldBe(0, errors + "\n" + ics);
        var events = JsonNode.Parse(parsed)!["events"]!.AsArray();
        var call = events.Single(e => e.Str("summary") == "Call Sue Jones (as promised)");
        DateTimeOffset.Parse(call.Str("start"), CultureInfo.InvariantCulture).ShouldBe(Ny(tuesday, 8, 15).ToDateTimeOffset());
        call.Str("description").ShouldStartWith("Hi Sue, I'm calling as promised…\n");
        var meeting = events.Single(e => e.Str("summary") == "Meeting: Sue Jones");
        meeting.Str("location").ShouldBe("XYZ Company, 3rd floor; room 12");
        meeting.Str("description").ShouldContain("Directions: Visitor parking behind building B\nAsk for Pat");
        DateTimeOffset.Parse(meeting.Str("end"), CultureInfo.InvariantCulture).ShouldBe(Ny(tuesday.PlusDays(1), 15).ToDateTimeOffset());

        await client.SendAsync(HttpMethod.Delete, "/api/v1/me/calendar");
        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/calendar/cal_guess.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_long_day_lists_two_hundred_calls_counts_the_rest_and_uses_the_companys_zone()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (me, client) = await app.SignUpAsync();
        var (_, created) = await client.PostAsync("/api/v1/contacts", new { firstName = "Kai", lastName = "Tanaka", company = "Tokyo Trading", ownerId = me.Id });
        var contactId = Guid.Parse(created.Str("contact.id"));
        var now = RingbackApiFactory.Now;
        await using (var db = app.Database.NewContext(me.OrganizationId))
        {
            // The company's zone is the only zone known for Kai.
            var company = await db.Companies.SingleAsync();
            company.TimeZone = "Asia/Tokyo";
            for (var i = 0; i < 205; i++)
            {
                db.FollowUps.Add(new Ringback.Planner.FollowUp
                {
                    Id = Guid.NewGuid(), ContactId = contactId, UserId = me.Id, Kind = Ringback.Planner.FollowUpKind.CadenceStep,
                    DueAt = now - Duration.FromMinutes(i + 1), Strategy = Ringback.Calls.Strategy.Vague, Why = $"step {i}",
                });
            }

            await db.SaveChangesAsync();
        }

        var (_, queue) = await client.GetJsonAsync("/api/v1/queue");

        queue!["items"]!.AsArray().Count.ShouldBe(200);
        queue.Str("moreDue").ShouldBe("5");
        queue.Str("items.0.why").ShouldBe("step 204"); // the longest overdue first
        (queue.Str("items.0.prospectZone"), queue.Str("items.0.zoneInferred")).ShouldBe(("Asia/Tokyo", "false"));
    }

    [Fact]
    public async Task A_day_whose_first_calls_are_to_do_not_call_contacts_still_lists_two_hundred_in_order()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (me, client) = await app.SignUpAsync();
        var (_, callable) = await client.PostAsync("/api/v1/contacts", new { firstName = "Kai", lastName = "Tanaka", directPhone = "+81 3-3201-3331", ownerId = me.Id });
        var (_, barred) = await client.PostAsync("/api/v1/contacts", new { firstName = "Noor", lastName = "Haddad", directPhone = "+1 415 555 0199", ownerId = me.Id });
        var now = RingbackApiFactory.Now;
        await using (var db = app.Database.NewContext(me.OrganizationId))
        {
            // Planned before the contact asked not to be called: the list reads past them to the next due calls.
            var noor = await db.Contacts.SingleAsync(c => c.Id == Guid.Parse(barred.Str("contact.id")));
            noor.Status = Ringback.Contacts.ContactStatus.DoNotCall;
            for (var i = 0; i < 150; i++)
            {
                db.FollowUps.Add(Step(noor.Id, now - Duration.FromHours(10) - Duration.FromMinutes(i), $"barred {i}"));
            }

            for (var i = 0; i < 205; i++)
            {
                db.FollowUps.Add(Step(Guid.Parse(callable.Str("contact.id")), now - Duration.FromMinutes(i + 1), $"step {i}"));
            }

            await db.SaveChangesAsync();
        }

        var (_, queue) = await client.GetJsonAsync("/api/v1/queue");

        var whys = queue!["items"]!.AsArray().Select(i => i!["why"]!.GetValue<string>()).ToList();
        whys.ShouldBe([.. Enumerable.Range(0, 200).Select(i => $"step {204 - i}")]);
        queue.Str("moreDue").ShouldBe("5");

        Ringback.Planner.FollowUp Step(Guid contactId, Instant dueAt, string why) => new()
        {
            Id = Guid.NewGuid(), ContactId = contactId, UserId = me.Id, Kind = Ringback.Planner.FollowUpKind.CadenceStep,
            DueAt = dueAt, Strategy = Ringback.Calls.Strategy.Vague, Why = why,
        };
    }
}
