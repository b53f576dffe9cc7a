using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Calls;

/// <summary>
/// A burst of calls into one real <c>ringback serve</c> on SQLite, killed with SIGKILL in the middle: every call the
/// server acknowledged is there after a restart, once. This is what the in-process writer queue must not break:
/// a call is answered only after its own transaction has committed (synchronous=FULL), never because it is queued.
/// </summary>
[Trait("Tier", "Process")]
public class BurstCrashTests
{
    [Fact]
    public async Task A_server_killed_during_a_burst_of_calls_loses_none_it_acknowledged()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ringback = new RingbackProcess(database);
        var added = await ringback.RunAsync("user", "add", "--email", "freda@abc.example", "--name", "Freda Whitehouse", "--password", "correct horse battery staple", "--token");
        added.ExitCode.ShouldBe(0, added.Error);
        var token = added.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();

        var server = await ringback.ServeAsync();
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var contacts = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var (created, body) = await server.Client.PostAsync("/api/v1/contacts", new { firstName = "Pat", lastName = $"Burst{i}", directPhone = $"+1 415 616 {2400 + i:0000}" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
            contacts.Add(body.Str("contact.id"));
        }

        var acknowledged = new ConcurrentDictionary<Guid, bool>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 16).Select(async worker =>
        {
            using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = Guid.CreateVersion7();
                try
                {
                    var (response, body) = await client.PostAsync($"/api/v1/contacts/{contacts[(worker + n) % contacts.Count]}/calls", new { id, outcome = "no-answer" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[id] = true;
                        continue;
                    }

                    ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(500, $"only the kill may refuse a call: {response.StatusCode} {body?.ToJsonString()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The server died with this call in flight: it may or may not have been stored, and was not acknowledged.
                }

                return;
            }
        }).ToList();

        await Poll.UntilAsync(async () =>
        {
            if (workers.FirstOrDefault(w => w.IsFaulted) is { } faulted)
            {
                await faulted;
            }

            workers.ShouldContain(w => !w.IsCompleted, "the clients stopped before the kill");
            return acknowledged.Count >= 150;
        }, () => $"150 calls acknowledged ({acknowledged.Count} so far)");

        await server.CrashAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await server.DisposeAsync();

        await using var restarted = await ringback.ServeAsync();
        restarted.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await restarted.Client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = database.NewContext();
        var stored = await db.Calls.IgnoreQueryFilters().Select(c => c.Id).ToListAsync();
        stored.Count.ShouldBe(stored.Distinct().Count());
        var lost = acknowledged.Keys.Except(stored).ToList();
        lost.ShouldBeEmpty($"{lost.Count} of {acknowledged.Count} acknowledged calls lost by the kill");
        stored.Count.ShouldBeLessThanOrEqualTo(acknowledged.Count + 16, "at most one unacknowledged call in flight per client");
    }
}
