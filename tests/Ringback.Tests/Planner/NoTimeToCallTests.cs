using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Planner;

/// <summary>When a prospect's hours never meet the rep's, the place says why, what helps, and who on the team can call them.</summary>
public class NoTimeToCallTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_prospect_whose_hours_never_meet_the_reps_is_handed_to_a_teammate_whose_hours_do(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (me, client) = await app.SignUpAsync();
        await using (var db = app.Database.NewContext())
        {
            var teammate = await db.Users.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == me.Id);
            teammate.Id = Guid.CreateVersion7();
            teammate.Email = "kenji@abc.example";
            teammate.Name = "Kenji Sato";
            teammate.TimeZone = "Asia/Tokyo";
            db.Users.Add(teammate);
            await db.SaveChangesAsync();
        }

        var (_, tokyo) = await client.PostAsync("/api/v1/contacts", new { firstName = "Yuki", lastName = "Tanaka", directPhone = "+81 3-1234-5678" });
        var (response, place) = await client.GetJsonAsync($"/api/v1/contacts/{tokyo.Str("contact.id")}/place");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, place?.ToJsonString());
        (place.Str("lawfulNow"), place.Str("nextLawfulAt")).ShouldBe(("false", "<null>"));
        place.Str("noTimeReason").ShouldContain("never meet your working hours (Mon-Fri 09:00-17:00, America/Chicago)");
        place!["teammatesWhoCanCall"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["Kenji Sato"]);

        // A Chicago prospect: there is a time, and no one is suggested.
        var (_, chicago) = await client.PostAsync("/api/v1/contacts", new { firstName = "Pat", lastName = "Lee", directPhone = "(312) 555-0144" });
        var (_, near) = await client.GetJsonAsync($"/api/v1/contacts/{chicago.Str("contact.id")}/place");
        (near.Str("noTimeReason"), near!["teammatesWhoCanCall"]!.AsArray().Count).ShouldBe(("<null>", 0));
    }

    [Fact]
    public async Task A_promise_before_the_reps_day_starts_is_allowed_and_said()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, london) = await client.PostAsync("/api/v1/contacts", new { firstName = "Olivia", lastName = "Hughes", directPhone = "+44 20 7946 0958" });
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        var today = RingbackApiFactory.Now.InZone(zone).Date;
        var tuesday = today.Next(NodaTime.IsoDayOfWeek.Tuesday);
        var eleven = tuesday.At(new NodaTime.LocalTime(11, 0)).InZoneStrictly(zone).ToDateTimeOffset();

        var (response, call) = await client.PostAsync($"/api/v1/contacts/{london.Str("contact.id")}/calls", new { outcome = "no-answer", promisedNextCallAt = eleven });

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, call?.ToJsonString());
        call.Str("notices.0").ShouldBe("Promised for 05:00 your time, outside your hours.");
    }
}
