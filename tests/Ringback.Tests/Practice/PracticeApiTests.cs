using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Practice;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Practice;

[Trait("Tier", "Audio")]
public sealed class PracticeApiTests : IDisposable
{
    private readonly Takes _takes = new();

    public PracticeApiTests() => Takes.RequireTools();

    public void Dispose() => _takes.Dispose();

    private static async Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode? Body)> RecordAsync(HttpClient client, byte[] audio, string? text, string name = "take.wav")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "audio", name);
        if (text is not null)
        {
            form.Add(new StringContent(text), "text");
        }

        var response = await client.PostAsync("/api/v1/practice/takes", form);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body.Length == 0 ? null : System.Text.Json.Nodes.JsonNode.Parse(body));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_take_is_measured_kept_heard_through_a_phone_line_and_private_to_its_rep_unless_shared(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (freda, client) = await app.SignUpAsync("freda@abc.example", "ABC");
        var (manager, managerClient) = await app.SignUpAsync("max@abc.example", "ABC", "Max Manager");
        var (_, rae) = await app.SignUpAsync("rae@abc.example", "ABC", "Rae Rep");
        await using (var db = app.Database.NewContext(freda.OrganizationId))
        {
            await db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Manager), TestContext.Current.CancellationToken);
        }

        var audio = await File.ReadAllBytesAsync(_takes.Padded(_takes.Flite(stretch: 0.9)), TestContext.Current.CancellationToken);
        var (created, take) = await RecordAsync(client, audio, Takes.Message);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, take?.ToJsonString());
        var id = take.Str("id");
        double.Parse(take.Str("durationSeconds"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(10);
        foreach (var field in new[] { "loudnessLufs", "peakDbfs", "snrDb", "medianPitchHz", "wordsPerMinute", "transcript" })
        {
            take.Str(field).ShouldNotBe("<null>", field);
        }

        take!["findings"]!.AsArray().Select(f => f.Str("rule")).ShouldContain("too-fast");
        take["findings"]!.AsArray().First().Str("tip").ShouldNotBe("<null>");

        var wav = await client.GetByteArrayAsync($"/api/v1/practice/takes/{id}/audio", TestContext.Current.CancellationToken);
        var phone = await client.GetByteArrayAsync($"/api/v1/practice/takes/{id}/phone", TestContext.Current.CancellationToken);
        Wav.Read(wav)!.SampleRate.ShouldBe(16000);
        var line = Wav.Read(phone)!;
        line.SampleRate.ShouldBe(8000);
        line.Seconds.ShouldBe(Wav.Read(wav)!.Seconds, 0.01);

        // Another rep never sees it; a manager only once it is shared; only its rep deletes it.
        (await rae.GetAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await rae.GetAsync($"/api/v1/practice/takes/{id}/audio", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await managerClient.GetAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PutAsync($"/api/v1/practice/takes/{id}/shared", new { sharedWithManagers = true })).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await managerClient.GetAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rae.GetAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await managerClient.DeleteAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (_, list) = await client.GetJsonAsync($"/api/v1/practice/takes?text={Uri.EscapeDataString(Takes.Message)}");
        list!.AsArray().Count.ShouldBe(1);
        (await client.DeleteAsync($"/api/v1/practice/takes/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/practice/takes/{id}/audio", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var check = app.Database.NewContext(freda.OrganizationId);
        (await check.PracticeTakeAudio.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0, "the audio goes with its take");
    }

    [Fact]
    public async Task Takes_older_than_thirty_days_are_gone()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var (_, elsewhere) = await app.SignUpAsync("bo@xyz.example", "XYZ", "Bo Outsider");
        var audio = await File.ReadAllBytesAsync(_takes.Padded(_takes.Flite("Hi Dana, this is Freda.")), TestContext.Current.CancellationToken);
        var (_, take) = await RecordAsync(client, audio, null);
        await RecordAsync(elsewhere, audio, null);

        app.Clock.Advance(NodaTime.Duration.FromDays(30) + NodaTime.Duration.FromMinutes(1));

        (await client.GetAsync($"/api/v1/practice/takes/{take.Str("id")}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await RecordAsync(client, audio, null);
        await using var db = app.Database.NewContext(null);
        (await db.PracticeTakes.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken)).ShouldBe(1, "recording a take clears out expired ones, every organization's");
    }

    [Fact]
    public async Task Bad_takes_get_a_400_that_says_which_and_why()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await app.SignUpAsync();
        var silent = _takes.Next("wav");
        Takes.Run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", silent, "trim", "0", "2");

        var (notAudio, notAudioBody) = await RecordAsync(client, "name,phone\nSue,555"u8.ToArray(), null, "contacts.csv");
        var (quiet, quietBody) = await RecordAsync(client, await File.ReadAllBytesAsync(silent, TestContext.Current.CancellationToken), null);
        var (huge, hugeBody) = await RecordAsync(client, new byte[21 * 1024 * 1024], null);
        var (badStrategy, badStrategyBody) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/practice/takes")
        {
            Content = new MultipartFormDataContent { { new StringContent("flattery"), "strategy" } },
        }, TestContext.Current.CancellationToken) is var r ? (r, System.Text.Json.Nodes.JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))) : default;

        (notAudio.StatusCode, quiet.StatusCode, huge.StatusCode, badStrategy.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        notAudioBody.Str("errors.audio.0").ShouldStartWith("The file is not audio that ffmpeg can read");
        notAudioBody.Str("errors.audio.0").ShouldNotContain("/tmp");
        quietBody.Str("errors.audio.0").ShouldContain("silent");
        hugeBody.Str("errors.audio.0").ShouldContain("at most 20 MB");
        badStrategyBody.Str("errors.strategy.0").ShouldContain("not a strategy");
        badStrategyBody.Str("errors.audio.0").ShouldContain("is required");
    }

    [Fact]
    public async Task Without_ffmpeg_the_server_names_it_and_still_coaches_the_typed_message()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Ringback:Ffmpeg"] = "/nonexistent/ffmpeg" });
        var (_, client) = await app.SignUpAsync();

        var (response, problem) = await RecordAsync(client, [1, 2, 3], "Hi, call me.");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        problem.Str("detail").ShouldContain("apt-get install ffmpeg");
        problem!["textFindings"]!.AsArray().Select(f => f.Str("rule")).ShouldContain("caller-name-first");
    }

    [Fact]
    public async Task Without_pocketsphinx_the_take_is_still_measured_and_the_recognizer_named()
    {
        await using var app = await RingbackApiFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Ringback:Pocketsphinx"] = "/nonexistent/pocketsphinx_continuous" });
        var (_, client) = await app.SignUpAsync();
        var audio = await File.ReadAllBytesAsync(_takes.Padded(_takes.Flite("Hi Dana, call me.")), TestContext.Current.CancellationToken);

        var (response, take) = await RecordAsync(client, audio, "Hi Dana, call me.");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        take.Str("loudnessLufs").ShouldNotBe("<null>");
        var rules = take!["findings"]!.AsArray().Select(f => f.Str("rule")).ToList();
        rules.ShouldContain("recognition-unsure");
        rules.ShouldContain("number-missing", "the typed message is coached as on the composer");
        take["findings"]!.AsArray().Single(f => f.Str("rule") == "recognition-unsure").Str("message").ShouldContain("apt-get install pocketsphinx");
    }
}
