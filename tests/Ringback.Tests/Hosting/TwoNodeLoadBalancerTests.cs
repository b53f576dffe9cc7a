using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ringback.Callbacks;
using Ringback.Data;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Hosting;

/// <summary>
/// Two real <c>ringback serve</c> processes on one PostgreSQL behind Debian's HAProxy with the repository's
/// <c>deploy/haproxy.cfg</c>: whichever node answers, a sign-in, the Twilio token and a webhook work; a webhook
/// delivered to both at once logs one call; a web import checked on one node imports on the other; and a node killed
/// while calls are being logged loses none that was acknowledged and logs none twice.
/// </summary>
[Trait("Tier", "Cluster")]
public class TwoNodeLoadBalancerTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Either_node_serves_the_same_team_and_a_node_killed_under_load_loses_and_doubles_nothing()
    {
        TestEnvironment.PostgresConnectionOrSkip();
        TestEnvironment.RequireTool(TestEnvironment.HasProgram("haproxy"), "haproxy (the Debian package) is not installed");
        await DebianPython.RequireModuleAsync("twilio", "python3-twilio");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var added = await new RingbackProcess(database).RunWithInputAsync(Password + "\n",
            "user", "add", "--email", "freda@abc.example", "--name", "Freda Whitehouse", "--org", "ABC", "--password-stdin", "--token");
        added.ExitCode.ShouldBe(0, added.Error);
        var token = added.Out.Trim().Split('\n')[^1].Trim();

        var lbPort = FreePort();
        var lb = new Uri($"http://127.0.0.1:{lbPort}");
        RingbackProcess Node(string name)
        {
            var node = new RingbackProcess(database);
            node.Environment["Ringback__PublicUrl"] = lb.ToString().TrimEnd('/');

            // Each node has its own folder, as on two machines: nothing may pass between them but the database.
            node.Environment["Ringback__DataDirectory"] = Path.Combine(database.Directory, "node-" + name);
            return node;
        }

        await using var a = await Node("a").ServeAsync();
        await using var b = await Node("b").ServeAsync();
        using var haproxy = StartHaproxy(lbPort, a.Client.BaseAddress!, b.Client.BaseAddress!);
        using var api = new HttpClient { BaseAddress = lb };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await Poll.UntilAsync(async () => (await api.GetAsync("/healthz")).IsSuccessStatusCode, () => "HAProxy answers");

        // A sign-in through the balancer: the cookie, made by whichever node answered, opens pages on both.
        var cookies = await SignInAsync(lb);
        foreach (var node in new[] { a, b })
        {
            using var browser = Browser(cookies, node);
            var today = await browser.GetAsync("/today");
            today.StatusCode.ShouldBe(HttpStatusCode.OK, $"/today on {node.Client.BaseAddress}");
        }

        await WebImportAcrossNodesAsync(cookies, a, b, database);

        // The Twilio token is saved through node A, encrypted with the key ring both read from the database; a status
        // callback signed with it is checked by node B, and the same callback delivered to both at once logs one call.
        var authToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var nodeA = Authorized(a, token);
        var (setup, hook) = await nodeA.PutAsync("/api/v1/telephony/twilio", new { authToken });
        setup.StatusCode.ShouldBe(HttpStatusCode.OK, hook?.ToJsonString());
        var url = hook.Str("webhookUrl");
        url.ShouldStartWith(lb.ToString().TrimEnd('/'));
        var (_, contact) = await api.PostAsync("/api/v1/contacts", new { firstName = "Sue", lastName = "Jones", directPhone = "+1 212 555 0147" });
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC" + new string('1', 32), ["CallSid"] = "CA" + new string('7', 32), ["CallStatus"] = "completed", ["CallDuration"] = "95",
            ["Direction"] = "inbound", ["From"] = "+12125550147", ["To"] = "+19015552120", ["Caller"] = "+12125550147", ["Called"] = "+19015552120",
        };
        var signature = await TwilioSignatureAsync(authToken, url, form);
        var path = new Uri(url).PathAndQuery;
        var deliveries = await Task.WhenAll(new[] { a, b, a, b }.Select(async node =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TwilioSignature.Header, signature);
            return (await node.Client.SendAsync(request)).StatusCode;
        }));
        deliveries.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Created || s == HttpStatusCode.NoContent, string.Join(", ", deliveries));
        var (_, timeline) = await api.GetJsonAsync($"/api/v1/contacts/{contact.Str("contact.id")}/timeline");
        timeline!.AsArray().Count.ShouldBe(1, "four deliveries of one call to two nodes log it once");

        // Calls logged through the balancer by eight clients while node A is killed: each client retries a call
        // (same id) until it is acknowledged, as a phone system or the web page would.
        var contacts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var (created, body) = await api.PostAsync("/api/v1/contacts", new { firstName = "Pat", lastName = $"Burst{i}" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
            contacts.Add(body.Str("contact.id"));
        }

        var acknowledged = new ConcurrentDictionary<Guid, int>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var workers = contacts.Select(async (contactId, worker) =>
        {
            using var client = new HttpClient { BaseAddress = lb, Timeout = TimeSpan.FromSeconds(20) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            for (var n = 0; n < 40; n++)
            {
                var id = Guid.CreateVersion7();
                var body = new { id, outcome = "no-answer", startedAt = (TestEnvironment.WallClock.GetCurrentInstant() - NodaTime.Duration.FromMinutes(n + 1)).ToString() };
                for (var attempt = 0; ; attempt++)
                {
                    attempt.ShouldBeLessThan(50, "a call is acknowledged within 50 tries");
                    try
                    {
                        var (response, _) = await client.PostAsync($"/api/v1/contacts/{contactId}/calls", body);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            acknowledged.AddOrUpdate(id, 1, (_, count) => count + 1);
                            break;
                        }

                        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(500, $"only a node's death may refuse a call: {response.StatusCode}");


                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // The connection died with the node: try again, same id.
                    }

                    Interlocked.Increment(ref failures);
                    await Task.Delay(100);
                }
            }
        }).ToList();

        await Poll.UntilAsync(async () =>
        {
            if (workers.FirstOrDefault(w => w.IsFaulted) is { } faulted)
            {
                await faulted;
            }

            return acknowledged.Count >= 60;
        }, () => $"the burst is under way ({acknowledged.Count} acknowledged, {failures} failed tries)");
        await a.CrashAsync();
        await Task.WhenAll(workers);

        await using var db = database.NewContext();
        var stored = await db.Calls.IgnoreQueryFilters().Where(c => contacts.Select(Guid.Parse).Contains(c.ContactId)).Select(c => c.Id).ToListAsync();
        acknowledged.Count.ShouldBe(8 * 40);
        stored.Count.ShouldBe(acknowledged.Count, $"every acknowledged call stored once ({failures} tries failed while node A died, {clock.Elapsed.TotalSeconds:0.0} s)");
        stored.ToHashSet().SetEquals(acknowledged.Keys).ShouldBeTrue();
        (await api.GetAsync("/healthz")).IsSuccessStatusCode.ShouldBeTrue("node B serves alone");
    }

    /// <summary>
    /// A browser's import whose three requests reach different nodes: the file is checked on A, imported on B, and
    /// its progress and result are read on A.
    /// </summary>
    private static async Task WebImportAcrossNodesAsync(CookieContainer cookies, RingbackProcess.Server a, RingbackProcess.Server b, TestDatabase database)
    {
        using var onA = Browser(cookies, a);
        using var onB = Browser(cookies, b);
        var csv = new StringBuilder("First Name,Last Name,Phone Number\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Nodeimport,Person{i},+1 415 616 {i:0000}\n");
        }

        var antiforgery = RingbackApiFactory.AntiforgeryToken(await onA.GetStringAsync("/import"));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "Csv", "contacts.csv" },
        };
        var checkedPage = await (await onA.PostAsync("/import?handler=Check", upload)).Content.ReadAsStringAsync();
        var name = Regex.Match(checkedPage, "name=\"Upload\" value=\"([^\"]+)\"").Groups[1].Value;
        name.ShouldNotBeEmpty(checkedPage);

        var started = await onB.PostAsync("/import?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Upload"] = name, ["Duplicates"] = "Skip",
        }));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var job = started.Headers.Location!.ToString();
        job.ShouldStartWith("/import?job=");

        await Poll.UntilAsync(async () =>
        {
            var status = JsonNode.Parse(await onA.GetStringAsync(job.Replace("?job=", "?handler=Status&job=", StringComparison.Ordinal)))!;
            return status["done"]!.GetValue<bool>();
        }, () => "the import, polled on node A, finishes on node B");
        var result = await onA.GetStringAsync(job);
        result.ShouldContain("Imported 5,000 contacts", customMessage: result);
        await using var db = database.NewContext();
        (await db.Contacts.IgnoreQueryFilters().CountAsync(c => c.FirstName == "Nodeimport")).ShouldBe(5000);
    }

    /// <summary>A browser with the signed-in cookie, talking to one node directly.</summary>
    private static HttpClient Browser(CookieContainer cookies, RingbackProcess.Server node) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.Client.BaseAddress };

    private static HttpClient Authorized(RingbackProcess.Server node, string token)
    {
        var client = new HttpClient { BaseAddress = node.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<CookieContainer> SignInAsync(Uri lb)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = lb };
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = RingbackApiFactory.AntiforgeryToken(form);
        var signedIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Email"] = "freda@abc.example", ["Password"] = Password,
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return cookies;
    }

    private static async Task<string> TwilioSignatureAsync(string authToken, string url, Dictionary<string, string> form)
    {
        var cases = new JsonArray(new JsonObject
        {
            ["token"] = authToken,
            ["url"] = url,
            ["params"] = new JsonObject([.. form.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]),
        });
        var (exit, output, error) = await DebianPython.RunScriptAsync(Path.Combine("Callbacks", "twilio_sign.py"), cases.ToJsonString());
        exit.ShouldBe(0, error);
        return JsonNode.Parse(output)!.AsArray()[0]!["signature"]!.GetValue<string>();
    }

    private static Haproxy StartHaproxy(int port, Uri a, Uri b)
    {
        var info = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "haproxy.cfg"), "-db" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["RINGBACK_LB"] = $"127.0.0.1:{port}";
        info.Environment["RINGBACK_NODE_A"] = $"{a.Host}:{a.Port}";
        info.Environment["RINGBACK_NODE_B"] = $"{b.Host}:{b.Port}";
        return new Haproxy(Process.Start(info)!);
    }

    private sealed class Haproxy(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
