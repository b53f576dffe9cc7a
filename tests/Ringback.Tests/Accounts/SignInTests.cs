using System.Net;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Accounts;

public class SignInTests
{
    [Fact]
    public async Task Sign_in_attempts_are_limited_to_ten_a_minute()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        await app.SignUpAsync();
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "freda@abc.example", ["Password"] = "guess " + i });
            statuses.Add((await client.PostAsync("/signin", form)).StatusCode);
        }

        statuses.Take(10).ShouldAllBe(s => s != HttpStatusCode.TooManyRequests);
        statuses[10].ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK, "only sign-in is limited");
    }
}
