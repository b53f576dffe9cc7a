using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Coach;

public class CoachApiTests
{
    /// <summary>The app runs on the system clock here, so times in requests are relative to it.</summary>
    private static DateTimeOffset Now => RingbackApiFactory.Now.ToDateTimeOffset();

    private const string Association = "Good morning, Steve. This is Dave Dialer at 703-555-8047. I'm calling from Boheme Chemicals regarding the success " +
        "we've had working with Performance Tires. I look forward to hearing from you.";

    [Fact]
    public async Task The_coach_reads_a_message_and_names_each_finding_by_its_rule()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (response, report) = await client.PostAsync("/api/v1/coach", new { message = Association, strategy = "association", callerName = "Dave Dialer", number = "703-555-8047" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        report!["findings"]!.AsArray().Select(f => f.Str("rule")).ShouldBe(["number-not-at-end", "no-specific-time", "gives-away-control"], ignoreOrder: true);
        report.Str("findings.0.severity").ShouldBe("warning");
        (report.Str("score"), report.Str("sentences"), report.Str("speakableNumber")).ShouldBe(("70", "3", "seven oh three — five five five — eight oh four seven"));
        double.Parse(report.Str("estimatedSeconds"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(15, 25);
    }

    [Fact]
    public async Task Without_a_caller_name_or_number_the_coach_uses_the_reps_profile()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (_, mine) = await client.PostAsync("/api/v1/coach", new { message = "Hi Sue, this is Freda Whitehouse at 901-555-2120. Again, 901-555-2120." });
        var (_, typo) = await client.PostAsync("/api/v1/coach", new { message = "Hi Sue, this is Freda Whitehouse at 901-555-2120. Again, 901-555-2102." });

        mine!["findings"]!.AsArray().Select(f => f.Str("rule")).ShouldNotContain("caller-name-first");
        mine["findings"]!.AsArray().Select(f => f.Str("rule")).ShouldNotContain("number-differs");
        typo!["findings"]!.AsArray().Select(f => f.Str("rule")).ShouldContain("number-differs");
    }

    [Fact]
    public async Task Bad_coach_requests_say_which_field_is_wrong()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();

        var (response, problem) = await client.PostAsync("/api/v1/coach", new { message = " ", strategy = "flattery", number = "12" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.message.0").ShouldContain("required");
        problem.Str("errors.strategy.0").ShouldContain("straight-pitch");
        problem.Str("errors.number.0").ShouldNotBe("<null>");
        (await client.GetJsonAsync("/api/v1/coach/rules")).Body!.AsArray().Count.ShouldBe(16);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_referral_is_refused_until_the_contact_has_a_referrer_then_composes_cleanly(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, created) = await client.PostAsync("/api/v1/contacts", new { salutation = "Ms.", firstName = "Sue", lastName = "Jones", timeZone = "America/New_York" });
        var id = created.Str("contact.id");

        var (_, strategies) = await client.GetJsonAsync($"/api/v1/contacts/{id}/strategies");
        var referral = strategies!.AsArray().Single(s => s.Str("strategy") == "referral");
        (referral.Str("available"), referral.Str("reason")).ShouldBe(("false", "No one referred Sue Jones: add the referrer on the contact to use a referral."));

        var (refused, problem) = await client.PostAsync($"/api/v1/contacts/{id}/compose", new { strategy = "referral" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.strategy.0").ShouldContain("No one referred");

        var (notLogged, logProblem) = await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", strategy = "referral", messageText = "Joe said call." });
        notLogged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        logProblem.Str("errors.strategy.0").ShouldContain("No one referred");

        await client.PutAsync($"/api/v1/contacts/{id}", new { salutation = "Ms.", firstName = "Sue", lastName = "Jones", timeZone = "America/New_York", referredByName = "Joe Sampson" });
        var nextCall = Now.AddDays(2);
        var (composed, message) = await client.PostAsync($"/api/v1/contacts/{id}/compose", new
        {
            strategy = "referral", reason = "your winter hiring", benefit = "we cut hiring time by a third", nextCallAt = nextCall,
        });

        composed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = message.Str("text");
        text.ShouldStartWith("Joe Sampson suggested I call you, Ms. Jones. I'm Freda Whitehouse, 901-555-2120");
        message!["coach"]!["findings"]!.AsArray().ShouldBeEmpty(text);
        message.Str("template.builtIn").ShouldBe("true");

        var (logged, _) = await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", strategy = "referral", messageText = text });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_tag_team_needs_a_colleagues_real_conversation_and_names_it(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, freda) = await app.SignUpAsync("freda@abc.example", organization: "ABC");
        var (_, dana) = await app.SignUpAsync("dana@abc.example", organization: "ABC", name: "Dana Reyes");
        var (_, created) = await freda.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones" });
        var id = created.Str("contact.id");
        bool TagTeamAvailable(System.Text.Json.Nodes.JsonNode? list) => list!.AsArray().Single(s => s.Str("strategy") == "tag-team").Str("available") == "true";

        // Freda's own conversation does not make a tag team; a voicemail of Dana's is no conversation.
        await freda.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "connected", startedAt = Now.AddDays(-20) });
        await dana.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", startedAt = Now.AddDays(-15) });
        TagTeamAvailable((await freda.GetJsonAsync($"/api/v1/contacts/{id}/strategies")).Body).ShouldBeFalse();
        (await freda.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", strategy = "tag-team" })).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var spoke = Now.AddDays(-10);
        await dana.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "connected", startedAt = spoke });
        var (_, strategies) = await freda.GetJsonAsync($"/api/v1/contacts/{id}/strategies");
        TagTeamAvailable(strategies).ShouldBeTrue();
        var tagTeam = strategies!.AsArray().Single(s => s.Str("strategy") == "tag-team");
        tagTeam.Str("earlier.rep").ShouldBe("Dana Reyes");
        DateTimeOffset.Parse(tagTeam.Str("earlier.at"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(spoke, TimeSpan.FromSeconds(1));

        var (_, message) = await freda.PostAsync($"/api/v1/contacts/{id}/compose", new { strategy = "tag-team", nextCallAt = Now.AddDays(1) });
        message.Str("text").ShouldContain("about Dana Reyes, one of our team, who spoke with you");
        (await freda.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", strategy = "tag-team", messageText = message.Str("text") }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Association_names_a_client_in_the_prospects_industry_and_warns_when_there_is_none(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, created) = await client.PostAsync("/api/v1/contacts", new { firstName = "Steve", lastName = "Ford", company = "Ford", industry = "Automotive" });
        var id = created.Str("contact.id");
        Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode? Body)> Compose() =>
            client.PostAsync($"/api/v1/contacts/{id}/compose", new { strategy = "association", nextCallAt = Now.AddDays(1) });

        (await Compose()).Body.Str("errors.strategy.0").ShouldContain("no reference client you may name");

        await client.PostAsync("/api/v1/reference-clients", new { companyName = "Pepsi", industry = "Beverages", result = "we doubled their reorder rate", mayName = true });
        await client.PostAsync("/api/v1/reference-clients", new { companyName = "Toyota", industry = "Automotive", result = "secret", mayName = false });
        var (_, offIndustry) = await Compose();
        offIndustry.Str("reference.company").ShouldBe("Pepsi");
        offIndustry.Str("warning").ShouldContain("No reference client in Automotive");

        await client.PostAsync("/api/v1/reference-clients", new { companyName = "General Motors", industry = "automotive", result = "we cut line downtime by 12%", mayName = true });
        var (_, sameIndustry) = await Compose();
        sameIndustry.Str("reference.company").ShouldBe("General Motors");
        sameIndustry.Str("warning").ShouldBe("<null>");
        sameIndustry.Str("text").ShouldContain("our success with General Motors: we cut line downtime by 12%.");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task As_promised_is_offered_only_when_a_promise_falls_due_about_now(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();
        var (_, created) = await client.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones" });
        var id = created.Str("contact.id");
        async Task<string> AsPromised() =>
            (await client.GetJsonAsync($"/api/v1/contacts/{id}/strategies")).Body!.AsArray().Single(s => s.Str("strategy") == "as-promised").Str("available");

        (await AsPromised()).ShouldBe("false");
        await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "connected", startedAt = Now.AddDays(-1), promisedNextCallAt = Now.AddHours(3) });
        (await AsPromised()).ShouldBe("false");
        await client.PostAsync($"/api/v1/contacts/{id}/calls", new { outcome = "voicemail-left", startedAt = Now.AddHours(-1), promisedNextCallAt = Now.AddMinutes(5) });
        (await AsPromised()).ShouldBe("true");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reps_own_template_comes_first_and_is_theirs_alone(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, freda) = await app.SignUpAsync("freda@abc.example", organization: "ABC");
        var (_, dana) = await app.SignUpAsync("dana@abc.example", organization: "ABC", name: "Dana Reyes");
        var (_, created) = await freda.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones" });

        var (bad, problem) = await freda.PostAsync("/api/v1/templates", new { strategy = "vague", name = "Mine", body = "Hi {contact.nickname}" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.body.0").ShouldContain("{contact.nickname} is not a field");

        var (made, template) = await freda.PostAsync("/api/v1/templates", new
        {
            strategy = "vague", name = "Short vague", body = "Hi {contact.firstName}, {caller.name} here, on {caller.number}. Try me {next.call}: {caller.number}.",
        });
        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        var templateId = template.Str("id");

        var (_, vague) = await freda.GetJsonAsync("/api/v1/templates?strategy=vague");
        vague!.AsArray().Select(t => t.Str("name")).ShouldBe(["Short vague", "Vague"]);
        var (_, composed) = await freda.PostAsync($"/api/v1/contacts/{created.Str("contact.id")}/compose", new { strategy = "vague", nextCallAt = Now.AddDays(1) });
        composed.Str("text").ShouldStartWith("Hi Sue, Freda Whitehouse here, on 901-555-2120. Try me ");
        composed.Str("template.id").ShouldBe(templateId);

        (await dana.GetJsonAsync("/api/v1/templates?strategy=vague")).Body!.AsArray().Count.ShouldBe(1);
        (await dana.PutAsync($"/api/v1/templates/{templateId}", new { strategy = "vague", name = "Taken", body = "Hi" })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dana.SendAsync(HttpMethod.Delete, $"/api/v1/templates/{templateId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await freda.SendAsync(HttpMethod.Delete, $"/api/v1/templates/{templateId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await freda.GetJsonAsync("/api/v1/templates?strategy=vague")).Body!.AsArray().Count.ShouldBe(1);
    }

    [Fact, Trait("Tier", "Audio")]
    public async Task Practice_audio_is_the_message_spoken_at_the_coached_pace()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        const string message = "Hi Sue, this is Freda Whitehouse at 901-555-2120. I'll call you again Thursday at 10, or reach me at 901-555-2120.";
        var (_, report) = await client.PostAsync("/api/v1/coach", new { message });
        var estimate = double.Parse(report.Str("estimatedSeconds"), System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.PostAsync("/api/v1/coach/audio", System.Net.Http.Json.JsonContent.Create(new { message }));

        if (!TestEnvironment.HasProgram("espeak-ng"))
        {
            // Without espeak-ng the API says how to install it; where tools are required (CI), its absence is a failure.
            Assert.False(TestEnvironment.RequireTools, "RINGBACK_REQUIRE_TOOLS=1 but espeak-ng is not installed");
            response.StatusCode.ShouldBe(HttpStatusCode.NotImplemented);
            (await response.Content.ReadAsStringAsync()).ShouldContain("apt-get install espeak-ng");
            return;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        var wav = await response.Content.ReadAsByteArrayAsync();
        var seconds = Ringback.Practice.Wav.Seconds(wav);
        seconds.ShouldNotBeNull();
        response.Headers.GetValues("X-Audio-Seconds").Single().ShouldBe(seconds.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        // The estimate models a person at 130 words a minute; espeak-ng at -s 130 should land in the same range.
        seconds.Value.ShouldBeInRange(estimate * 0.6, estimate * 1.4, $"estimate {estimate} s");
    }
}
