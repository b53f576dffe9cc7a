using System.Net;
using NodaTime;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>Today shows what is coming: a Tuesday promise seen on Saturday, any day picked, what is pressing, and who has no next step.</summary>
public class TodayViewsTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task On_a_weekend_the_week_ahead_shows_a_tuesday_promise_and_the_day_picker_opens_that_day(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        await client.PutAsync("/api/v1/me", new { name = "Freda Whitehouse", timeZone = "America/Chicago", callbackPhone = "901-555-2120", workingHours = "Mon-Fri 07:00-17:00" });
        app.Clock.Reset(Instant.FromUtc(2026, 11, 28, 16, 0)); // Saturday 10:00 in Chicago

        var (_, sue) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "(212) 555-0147", company = "XYZ Company" });
        var (logged, _) = await client.PostAsync($"/api/v1/contacts/{sue.Str("contact.id")}/calls", new
        {
            outcome = "voicemail-left", strategy = "vague", messageText = "Hi Sue, this is Freda Whitehouse at 901-555-2120. I'll call Tuesday at 9. 901-555-2120.",
            startedAt = "2026-11-27T15:00:00Z", promisedNextCallAt = "2026-12-01T09:00:00-05:00", commitments = "Send Sue the fill-rate sheet",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);

        // Imported as being worked, never called, nothing planned: the seeds' discipline says that is a prospect being forgotten.
        var (_, dana) = await client.PostAsync("/api/v1/contacts", new { firstName = "Dana", company = "Acme Freight", status = "In progress" });
        dana.Str("contact.status").ShouldBe("working");

        var pages = await app.SignInToPagesAsync();
        var today = await pages.GetStringAsync("/today");
        today.ShouldContain("Coming up");
        var coming = today[today.IndexOf("coming-heading", StringComparison.Ordinal)..];
        coming.ShouldContain("Tuesday 1 December");
        coming.ShouldContain(">Sue Jones<");
        coming.ShouldContain("08:00", Case.Sensitive, "09:00 in New York is 08:00 in Chicago");
        today.ShouldContain("href=\"/today/unplanned\"");
        var unplanned = await pages.GetStringAsync("/today/unplanned");
        unplanned.ShouldContain("Dana");
        unplanned.ShouldContain("never called");
        unplanned.ShouldNotContain("Sue Jones");

        today.ShouldNotContain("Send Sue the fill-rate sheet", Case.Sensitive, "due before Tuesday's call, not today");
        var tuesday = await pages.GetStringAsync("/today?day=2026-12-01");
        tuesday.ShouldContain("<h1>Tuesday 1 December</h1>");
        var commitments = tuesday[tuesday.IndexOf("commitments-heading", StringComparison.Ordinal)..];
        commitments.ShouldContain("Send Sue the fill-rate sheet");

        // Ticked off from Today: gone from the list, shown as done on Sue's page.
        var id = System.Text.RegularExpressions.Regex.Match(commitments, "name=\"commitmentId\" value=\"([^\"]+)\"").Groups[1].Value;
        var token = RingbackApiFactory.AntiforgeryToken(tuesday);
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["commitmentId"] = id, ["day"] = "2026-12-01", ["__RequestVerificationToken"] = token }))
        {
            (await pages.PostAsync("/today?handler=Done", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await pages.GetStringAsync("/today?day=2026-12-01")).ShouldNotContain("commitments-heading");
        var suePage = await pages.GetStringAsync($"/contacts/{sue.Str("contact.id")}");
        suePage.ShouldContain("class=\"done\" data-commitment");
        var queue = tuesday[tuesday.IndexOf("kind-promise", StringComparison.Ordinal)..];
        queue.ShouldContain(">Sue Jones<");
        queue.ShouldContain("Hi Sue, I&#x27;m calling as promised");

        (await pages.GetStringAsync("/today?day=someday")).ShouldContain("&#x27;someday&#x27; is not a day like 2026-11-28; showing today.");

        // Ten minutes before the promised minute, on the day, the card says so.
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 13, 50));
        var soon = await pages.GetStringAsync("/today");
        soon.ShouldContain("class=\"queue-item  urgent\"");
        soon.ShouldContain("in 10 min");
    }
}
