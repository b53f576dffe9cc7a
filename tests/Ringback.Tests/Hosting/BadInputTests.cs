using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Hosting;

/// <summary>What fuzzing the API found: each input gets a clear answer, never a 500, a wrong page or a second copy.</summary>
public class BadInputTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_retried_post_with_an_idempotency_key_is_answered_again_not_done_again(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (_, client) = await app.SignUpAsync();

        async Task<(HttpResponseMessage Response, string Body)> PostAsync(string key, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsStringAsync());
        }

        var first = await PostAsync("add-sue-1", new { firstName = "Sue", lastName = "Jones" });
        var retry = await PostAsync("add-sue-1", new { firstName = "Sue", lastName = "Jones" });
        first.Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (retry.Response.StatusCode, retry.Body, retry.Response.Headers.Location).ShouldBe((HttpStatusCode.Created, first.Body, first.Response.Headers.Location));
        retry.Response.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        first.Response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();

        // Five retries at once still make one contact; a key reused for another request is refused.
        var burst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync("add-ann-1", new { firstName = "Ann", lastName = "Lee" })));
        burst.Count(b => b.Response.StatusCode == HttpStatusCode.Created).ShouldBeGreaterThanOrEqualTo(1);
        burst.ShouldAllBe(b => b.Response.StatusCode == HttpStatusCode.Created || b.Response.StatusCode == HttpStatusCode.Conflict);
        var reused = await PostAsync("add-sue-1", new { firstName = "Bob", lastName = "Ray" });
        reused.Response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        reused.Body.ShouldContain("used for a different request");

        var (_, page) = await client.GetJsonAsync("/api/v1/contacts");
        page!["items"]!.AsArray().Select(c => c.Str("lastName")).Order().ShouldBe(["Jones", "Lee"]);

        // A day later the key is forgotten: the same request is new work.
        app.Clock.Advance(NodaTime.Duration.FromHours(25));
        (await PostAsync("add-sue-1", new { firstName = "Sue", lastName = "Jones" })).Response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_however_large_its_number()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        await client.PostAsync("/api/v1/contacts", new { lastName = "Jones" });

        foreach (var page in new[] { 2, 2147483647 })
        {
            var (response, body) = await client.GetJsonAsync($"/api/v1/contacts?page={page}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (body!["items"]!.AsArray().Count, body.Str("total"), body.Str("page")).ShouldBe((0, "1", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var signedIn = await app.SignInToPagesAsync();
        var html = await signedIn.GetStringAsync("/contacts?page=2147483647");
        html.ShouldNotContain(">Jones<");
        (await signedIn.GetStringAsync("/contacts?page=1")).ShouldContain(">Jones<");

        // The web list's own pages: the second shows the contacts after the first fifty.
        for (var i = 0; i < 55; i++)
        {
            await client.PostAsync("/api/v1/contacts", new { lastName = $"Zed {i:00}" });
        }

        var second = await signedIn.GetStringAsync("/contacts?page=2");
        (second.Contains(">Zed 54<", StringComparison.Ordinal), second.Contains(">Jones<", StringComparison.Ordinal)).ShouldBe((true, false));
    }

    [Fact]
    public async Task A_do_not_call_list_with_a_stray_quote_names_the_line_instead_of_failing()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var today = RingbackApiFactory.Now.InUtc().Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (stray, problem) = await client.PostAsync("/api/v1/dnc-lists", new { name = "Own list", copyDate = today, numbers = "212-555-0199\n212-555\"0198\n212-555-0197\n" });
        stray.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("errors.numbers.1").ShouldContain("line 2: has a stray quote");

        var (unclosed, unclosedProblem) = await client.PostAsync("/api/v1/dnc-lists", new { name = "Own list", copyDate = today, numbers = "212-555-0199\n\"212-555-0198\n212-555-0197\n" });
        unclosed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unclosedProblem.Str("errors.numbers.1").ShouldStartWith("line 2:");
        (await client.GetJsonAsync("/api/v1/dnc-lists")).Body!.AsArray().ShouldBeEmpty();
    }
}
