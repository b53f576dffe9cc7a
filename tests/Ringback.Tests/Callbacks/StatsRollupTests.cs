using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Callbacks;

/// <summary>
/// The Stats report reads daily tallies that triggers keep; these tests hold them to the calls: random calls logged,
/// corrected, deleted, restored and removed with their contact through the API, then the report from the tallies
/// must equal the same report counted from the calls in memory, for the team, one rep and periods cut anywhere, and
/// <c>ringback stats rebuild</c> must leave every tally as it was.
/// </summary>
public class StatsRollupTests
{
    // Half-hour, quarter-hour, no-DST, southern-hemisphere DST and far-from-UTC zones, and one contact with none.
    private static readonly string?[] Zones =
        ["America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/Phoenix", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago", null];

    private static readonly string[] Outcomes = ["voicemail-left", "voicemail-left", "gatekeeper-message", "connected", "no-answer", "busy"];
    private static readonly string?[] Strategies = ["vague", "warm-cold-call", "straight-ahead-pitch", null];

    private static string Iso(Instant instant) => instant.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_tallies_give_the_figures_the_calls_give_after_any_sequence_of_changes(DatabaseProvider provider)
    {
        await using var app = await RingbackApiFactory.StartAsync(provider);
        var (freda, fredaClient) = await app.SignUpAsync("freda@abc.example", "ABC");
        var (bo, boClient) = await app.SignUpAsync("bo@abc.example", "ABC", "Bo Diaz");
        var now = RingbackApiFactory.Now;
        var random = new Random(20261129);
        var clients = new[] { fredaClient, boClient };

        var contacts = new List<(string Id, HttpClient Owner)>();
        for (var i = 0; i < Zones.Length * 2; i++)
        {
            var owner = clients[i % 2];
            var (response, body) = await owner.PostAsync("/api/v1/contacts", new { firstName = "Pat", lastName = $"Zone{i}", timeZone = Zones[i % Zones.Length] });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
            contacts.Add((body.Str("contact.id"), owner));
        }

        var logged = new List<(string Id, HttpClient Owner, string Contact)>();
        for (var step = 0; step < 160; step++)
        {
            var (contact, owner) = contacts[random.Next(contacts.Count)];
            // Calls over the last 100 days at any minute, so some cross the prospect's midnight, the periods' edges and the
            // months' (a period of whole months is read from the monthly tallies, its other days from the daily ones).
            var at = now - Duration.FromMinutes(random.Next(100 * 24 * 60));
            var roll = random.NextDouble();
            if (roll < 0.6 || logged.Count == 0)
            {
                var outcome = Outcomes[random.Next(Outcomes.Length)];
                var gatekeeper = outcome == "gatekeeper-message" ? new { name = $"Gail {step}" } : null;
                var inbound = random.NextDouble() < 0.25;
                var promise = random.NextDouble() < 0.2 ? at + Duration.FromMinutes(random.Next(-60, 6 * 24 * 60)) : (Instant?)null;
                var meeting = outcome == "connected" && random.NextDouble() < 0.3 ? at + Duration.FromDays(3) : (Instant?)null;
                var direction = inbound ? "inbound" : "outbound";
                var said = inbound ? (random.NextDouble() < 0.7 ? "connected" : "no-answer") : outcome;
                var strategy = inbound || outcome is not ("voicemail-left" or "gatekeeper-message") ? null : Strategies[random.Next(Strategies.Length)];
                object Call(bool withPromise) => new
                {
                    direction,
                    outcome = said,
                    strategy,
                    startedAt = Iso(at),
                    promisedNextCallAt = withPromise && promise is { } p && p > at ? Iso(p) : null,
                    appointmentStart = meeting is { } m ? Iso(m) : null,
                    appointmentEnd = meeting is { } e ? Iso(e + Duration.FromHours(1)) : null,
                    appointmentPlace = meeting is null ? null : "their office",
                    newGatekeeper = inbound ? null : gatekeeper,
                };

                // A promise at a random minute may fall outside the calling hours of the prospect's place: refused, and logged without it.
                var (response, body) = await owner.PostAsync($"/api/v1/contacts/{contact}/calls", Call(withPromise: true));
                if (response.StatusCode == HttpStatusCode.BadRequest && body.Str("errors.promisedNextCallAt.0").Contains("outside", StringComparison.Ordinal))
                {
                    (response, body) = await owner.PostAsync($"/api/v1/contacts/{contact}/calls", Call(withPromise: false));
                }

                response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
                logged.Add((body.Str("id"), owner, contact));
            }
            else if (roll < 0.75)
            {
                // Corrected: moved in time and given another outcome.
                var (id, by, _) = logged[random.Next(logged.Count)];
                var (_, call) = await by.GetJsonAsync($"/api/v1/calls/{id}");
                if (call is null || call.Str("direction") != "outbound")
                {
                    continue;
                }

                var (response, body) = await by.PutAsync($"/api/v1/calls/{id}", new
                {
                    direction = "outbound", outcome = "voicemail-left", startedAt = Iso(at), strategy = Strategies[random.Next(Strategies.Length)],
                });
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound], body?.ToJsonString());
            }
            else if (roll < 0.9)
            {
                var (id, by, _) = logged[random.Next(logged.Count)];
                var (response, _) = await by.SendAsync(HttpMethod.Delete, $"/api/v1/calls/{id}");
                response.StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.NotFound);
            }
            else if (roll < 0.98)
            {
                var (id, by, _) = logged[random.Next(logged.Count)];
                var (response, _) = await by.PostAsync($"/api/v1/calls/{id}/restore", new { });
                response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.BadRequest);
            }
            else
            {
                // A contact removed with all their calls (a cascade the application never sees row by row).
                var index = random.Next(contacts.Count);
                var (id, by) = contacts[index];
                (await by.SendAsync(HttpMethod.Delete, $"/api/v1/contacts/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
                contacts.RemoveAt(index);
                logged.RemoveAll(c => c.Contact == id);
            }
        }

        var planner = new PlannerOptions();
        await using var db = Data.Storage.NewContext(app.Database.Storage, OrganizationScope.Fixed(freda.OrganizationId));
        var calls = await db.Calls.AsNoTracking().ToListAsync();
        var zones = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TimeZone);
        calls.Count.ShouldBeGreaterThan(60, "enough calls survived to make the comparison mean something");
        calls.Count(c => c.CalledBackAt is not null).ShouldBeGreaterThan(3);

        var today = now.InUtc().Date;
        var lastMonth = today.With(DateAdjusters.StartOfMonth).PlusMonths(-1);
        LocalDate[][] periods =
        [
            [today.PlusDays(-101), today.PlusDays(1)], [today.PlusDays(-20), today.PlusDays(-3)], [today.PlusDays(-1), today], [today.PlusDays(-12), today.PlusDays(-12)],
            [lastMonth, lastMonth.With(DateAdjusters.EndOfMonth)], [lastMonth.PlusMonths(-2), today], [lastMonth.PlusDays(-1), lastMonth.PlusMonths(1)],
        ];
        foreach (var period in periods)
        {
            foreach (var rep in new Guid?[] { null, bo.Id })
            {
                var query = new StatsQuery(period[0], period[1], rep);
                var fromTallies = await CallbackStats.ReportAsync(db, query, now, planner, CancellationToken.None);
                var fromCalls = CallbackReport.Build(Count(calls, zones, query, now, planner.Settings.PromiseTolerance, new Dictionary<Guid, string> { [freda.Id] = freda.Name, [bo.Id] = bo.Name }));
                Json(fromTallies).ShouldBe(Json(fromCalls), $"{period[0]}..{period[1]}, {(rep is null ? "team" : "Bo")}");
            }
        }

        // The figures are not empty: the whole period has messages, callbacks and promises of both reps.
        var whole = await CallbackStats.ReportAsync(db, new StatsQuery(today.PlusDays(-101), today.PlusDays(1), null), now, planner, CancellationToken.None);
        whole.Reps.Count.ShouldBe(2);
        whole.CallbackRate.Successes.ShouldBeGreaterThan(0);
        whole.TimeToCallback.Count.ShouldBeGreaterThan(0);
        whole.Hours.Count.ShouldBeGreaterThan(3);

        var before = await TalliesAsync(db);
        before.ShouldNotBeEmpty();
        before.Count(r => r.StartsWith("month ", StringComparison.Ordinal)).ShouldBeGreaterThan(10, "the months are kept beside the days");
        var rows = await StatsRollups.RebuildAsync(db, CancellationToken.None);
        var after = await TalliesAsync(db);
        after.ShouldBe(before, "the triggers kept exactly what a count from the calls gives");
        rows.ShouldBe(after.Count);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-30", "2026-11-01", "2026-11-30")]
    [InlineData("2026-10-31", "2026-12-01", "2026-11-01", "2026-11-30")]
    [InlineData("2025-11-22", "2026-11-29", "2025-12-01", "2026-10-31")]
    [InlineData("2024-02-01", "2024-02-29", "2024-02-01", "2024-02-29")]
    [InlineData("2026-11-02", "2026-11-30", null, null)]
    [InlineData("2026-11-01", "2026-11-29", null, null)]
    [InlineData("2026-10-15", "2026-11-14", null, null)]
    public void A_period_is_read_as_its_whole_months_and_the_days_either_side(string first, string last, string? monthsFrom, string? monthsTo)
    {
        var pattern = NodaTime.Text.LocalDatePattern.Iso;
        var span = MonthSpan.Of(pattern.Parse(first).Value, pattern.Parse(last).Value);
        (span is null).ShouldBe(monthsFrom is null);
        if (span is not null)
        {
            pattern.Format(span.First).ShouldBe(monthsFrom);
            pattern.Format(span.Last).ShouldBe(monthsTo);
        }
    }

    /// <summary>The oracle: the report's counts from the calls themselves, each call's day worked out here from its contact's zone.</summary>
    private static ReportCounts Count(List<Call> calls, Dictionary<Guid, string?> zones, StatsQuery query, Instant now, Duration tolerance, Dictionary<Guid, string> names)
    {
        LocalDate DayOf(Call c) => zones[c.ContactId] is { } zone ? c.StartedAt.InZone(DateTimeZoneProviders.Tzdb[zone]).Date : c.StartedAt.InUtc().Date;
        var inPeriod = calls.Where(c => DayOf(c) >= query.First && DayOf(c) <= query.Last && (query.UserId is null || c.UserId == query.UserId)).ToList();
        var outbound = inPeriod.Where(c => c.Direction == CallDirection.Outbound).ToList();
        var messages = outbound.Where(c => c.Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage).ToList();
        return new ReportCounts
        {
            Strategies = [.. messages.GroupBy(c => c.Strategy).Select(g => new StrategyTally(g.Key, g.Count(), g.Count(c => c.CalledBackAt != null), g.Count(c => c.MeetingBookedAt != null)))],
            Attempts = [.. messages.Where(c => c.AttemptNumber != null).GroupBy(c => c.AttemptNumber!.Value).Select(g => new AttemptTally(g.Key, g.Count(), g.Count(c => c.CalledBackAt != null)))],
            Hours = [.. messages.Where(c => zones[c.ContactId] is not null)
                .GroupBy(c => c.StartedAt.InZone(DateTimeZoneProviders.Tzdb[zones[c.ContactId]!]).LocalDateTime)
                .Select(g => new HourTally(g.Key.DayOfWeek, g.Key.Hour, g.Count(), g.Count(c => c.CalledBackAt != null)))],
            Reps = [.. inPeriod.GroupBy(c => c.UserId).Select(g =>
            {
                var promises = g.Where(c => c.PromisedNextCallAt != null).ToList();
                var kept = promises.Count(c => c.PromiseKeptByCallId != null);
                var missed = promises.Count(c => c.PromiseKeptByCallId == null && c.PromisedNextCallAt!.Value + tolerance < now);
                var mine = g.Where(c => c.Direction == CallDirection.Outbound).ToList();
                var left = mine.Where(c => c.Outcome is CallOutcome.VoicemailLeft or CallOutcome.GatekeeperMessage).ToList();
                return new RepTally(g.Key, names[g.Key], left.Count, left.Count(c => c.CalledBackAt != null), mine.Count, mine.Count(c => c.Outcome == CallOutcome.Connected), kept, missed);
            }).Where(r => r.OutboundCalls != 0 || r.PromisesKept + r.PromisesMissed != 0)],
            Delays = [.. messages.Where(c => c.CalledBackAt != null).Select(c => new DelayTally(CallbackDelay.BucketOf(c.CalledBackAt!.Value - c.StartedAt), 1))],
        };
    }

    private static string Json(CallbackReport report) => JsonSerializer.Serialize(report);

    private static async Task<List<string>> TalliesAsync(RingbackDbContext db)
    {
        List<string> rows =
        [
            .. (await db.CallTallies.AsNoTracking().Where(t => t.Calls != 0 || t.Promises != 0).ToListAsync())
                .Select(t => $"{t.LocalDate} {t.UserId} {t.Direction} {t.Outcome} {t.Strategy}: {t.Calls} {t.CalledBack} {t.Meetings} {t.Promises} {t.PromisesKept}"),
            .. (await db.MessageAttemptTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"{t.LocalDate} {t.UserId} a{t.Attempt}: {t.Messages} {t.CalledBack}"),
            .. (await db.MessageHourTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"{t.LocalDate} {t.UserId} h{t.LocalHour}: {t.Messages} {t.CalledBack}"),
            .. (await db.CallbackDelayTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"{t.LocalDate} {t.UserId} b{t.Bucket}: {t.Messages}"),
            .. (await db.CallMonthTallies.AsNoTracking().Where(t => t.Calls != 0 || t.Promises != 0).ToListAsync())
                .Select(t => $"month {t.LocalDate} {t.UserId} {t.Direction} {t.Outcome} {t.Strategy}: {t.Calls} {t.CalledBack} {t.Meetings} {t.Promises} {t.PromisesKept}"),
            .. (await db.MessageAttemptMonthTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"month {t.LocalDate} {t.UserId} a{t.Attempt}: {t.Messages} {t.CalledBack}"),
            .. (await db.MessageHourMonthTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"month {t.LocalDate} {t.UserId} d{t.Weekday} h{t.LocalHour}: {t.Messages} {t.CalledBack}"),
            .. (await db.CallbackDelayMonthTallies.AsNoTracking().Where(t => t.Messages != 0).ToListAsync()).Select(t => $"month {t.LocalDate} {t.UserId} b{t.Bucket}: {t.Messages}"),
        ];
        return [.. rows.Order(StringComparer.Ordinal)];
    }
    /// <summary>
    /// On PostgreSQL the report has its statements planned for its dates (generic plans made a year's report twice as
    /// slow), and gives its connection back to the pool as it found it: every other query keeps its generic plans.
    /// </summary>
    [Fact]
    public async Task A_report_on_PostgreSQL_leaves_its_connection_as_it_found_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var user = await database.AddUserAsync();
        // One connection in the pool, so the query after the report runs on the connection the report used; and no
        // reset when it goes back (an operator may turn that off), so only the report itself can put it right.
        var storage = new StorageOptions
        {
            Postgres = new Npgsql.NpgsqlConnectionStringBuilder(database.Storage.Postgres) { MaxPoolSize = 1, NoResetOnClose = true }.ConnectionString,
        };
        await using var db = Ringback.Data.Storage.NewContext(storage, Ringback.Data.OrganizationScope.Fixed(user.OrganizationId));
        var today = RingbackApiFactory.Now.InUtc().Date;

        var report = await CallbackStats.ReportAsync(db, new StatsQuery(today.PlusDays(-400), today, null), RingbackApiFactory.Now, new PlannerOptions(), CancellationToken.None);

        report.ShouldNotBeNull();
        (await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync()).ShouldBe("auto");
    }
}
