using System.Diagnostics;
using Bogus;
using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Contacts;
using Ringback.Data.Import;
using Ringback.Planner;
using Ringback.Scheduling;

namespace Ringback.Data.Demo;

public sealed record DemoRep(Guid Id, string Name);

/// <param name="CreditWindow">The callback credit window (<c>Ringback:Callbacks:CreditDays</c>), so the demo credits as the app does.</param>
/// <param name="PromiseTolerance">How near the promised minute a call keeps a promise (<c>Ringback:Planner:PromiseToleranceMinutes</c>).</param>
/// <param name="Cadences">How many cadences each contact is worked through over the period, on average (1 to 5): a team that
/// keeps its book for years works a contact again a season later, whatever came of the last cadence. About 4.3 calls each.</param>
public sealed record DemoOptions(int Contacts, int Months, int Seed, Instant Now, Duration CreditWindow, Duration PromiseTolerance, double Cadences = 1);

public sealed record DemoResult(int Companies, int Contacts, int Gatekeepers, int Calls, int Messages, int Callbacks, int Meetings, TimeSpan Elapsed);

/// <summary>
/// A plausible sales floor: reps working contacts through a seven-touch cadence over the months before now, leaving
/// messages with the seeds' strategies, some of which get returned more often than others — so a new user sees a
/// living dashboard, and the benchmarks have data. Written through the bulk path (binary COPY, prepared inserts),
/// credits computed by the same <see cref="Attribution"/> as real calls.
/// </summary>
public sealed class DemoGenerator(StorageOptions storage)
{
    public const int BatchSize = 5000;

    /// <summary>How often each strategy's message is returned, before the hour and the attempt number have their say.</summary>
    public static readonly IReadOnlyDictionary<Strategy, double> BaseCallbackRate = new Dictionary<Strategy, double>
    {
        [Strategy.Referral] = 0.32,
        [Strategy.AsPromised] = 0.27,
        [Strategy.ThirdParty] = 0.21,
        [Strategy.Association] = 0.17,
        [Strategy.WarmColdCall] = 0.13,
        [Strategy.Vague] = 0.10,
        [Strategy.StraightAheadPitch] = 0.07,
    };

    public static readonly string[] Industries =
        ["Manufacturing", "Healthcare", "Logistics", "Retail", "Software", "Construction", "Financial services", "Hospitality", "Education", "Energy"];

    /// <summary>Days after the first attempt on which the cadence calls again (the "seven touches in a month").</summary>
    private static readonly int[] AttemptDays = [0, 2, 4, 7, 11, 16, 23];

    private static readonly Strategy[] MiddleStrategies = [Strategy.WarmColdCall, Strategy.ThirdParty, Strategy.Association, Strategy.Vague];

    /// <summary>Prospects return morning messages more than late-afternoon ones.</summary>
    public static double HourFactor(int hour) => hour switch
    {
        < 10 => 1.35,
        < 12 => 1.1,
        < 14 => 0.8,
        < 16 => 0.95,
        _ => 0.75,
    };

    public async Task<DemoResult> FillAsync(Guid organizationId, IReadOnlyList<DemoRep> reps, DemoOptions options, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(reps.Count);
        var clock = Stopwatch.StartNew();
        var faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        var random = new Random(options.Seed);
        var areaCodes = NanpAreaCodes.All.Select(a => a.Key).Order(StringComparer.Ordinal).ToArray();
        var companyKeys = new HashSet<string>(StringComparer.Ordinal);
        var batch = new ImportBatch();
        var totals = new Totals();
        var created = options.Now - Duration.FromDays(options.Months * 30 + 7);

        await using var writer = await BulkWriters.OpenAsync(storage, large: options.Contacts >= 20_000, organizationId, cancellationToken);
        Company? company = null;
        for (var i = 0; i < options.Contacts; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (company is null || random.NextDouble() < 0.3)
            {
                company = NewCompany(faker, random, organizationId, areaCodes, companyKeys);
                batch.Companies.Add(company);
                totals.Companies++;
            }

            var rep = reps[random.Next(reps.Count)];
            var contact = NewContact(faker, random, organizationId, company, rep, areaCodes, created);
            batch.Contacts.Add(contact);
            Gatekeeper? gatekeeper = null;
            if (random.NextDouble() < 0.4)
            {
                gatekeeper = new Gatekeeper
                {
                    Id = Guid.CreateVersion7(),
                    OrganizationId = organizationId,
                    ContactId = contact.Id,
                    Name = faker.Name.FirstName(),
                    Relationship = random.NextDouble() < 0.7 ? GatekeeperRelationship.Assistant : GatekeeperRelationship.Receptionist,
                    AvailabilityNote = random.NextDouble() < 0.5 ? "Mornings, before the 10 o'clock stand-up" : null,
                    CreatedAt = created,
                    UpdatedAt = created,
                };
                batch.Gatekeepers.Add(gatekeeper);
                totals.Gatekeepers++;
            }

            var calls = Work(random, contact, gatekeeper, rep, options, totals);
            batch.Calls.AddRange(calls);
            totals.Contacts++;
            if (batch.Count >= BatchSize)
            {
                await writer.WriteAsync(batch, cancellationToken);
                batch.Clear();
                progress?.Report((double)i / options.Contacts);
            }
        }

        await writer.WriteAsync(batch, cancellationToken);
        await writer.CommitAsync(cancellationToken);
        progress?.Report(1);
        return new DemoResult(totals.Companies, totals.Contacts, totals.Gatekeepers, totals.Calls, totals.Messages, totals.Callbacks, totals.Meetings, clock.Elapsed);
    }

    private sealed class Totals
    {
        public int Companies;
        public int Contacts;
        public int Gatekeepers;
        public int Calls;
        public int Messages;
        public int Callbacks;
        public int Meetings;
    }

    /// <summary>A fictional number: NANP keeps 555-0100 to 555-0199 for fiction, so a demo never rings a real line.</summary>
    private static string Number(Random random, string[] areaCodes) => $"+1{areaCodes[random.Next(areaCodes.Length)]}55501{random.Next(100):00}";

    private static Company NewCompany(Faker faker, Random random, Guid organizationId, string[] areaCodes, HashSet<string> keys)
    {
        var name = faker.Company.CompanyName();
        for (var n = 2; !keys.Add(Company.KeyOf(name)); n++)
        {
            name = $"{faker.Company.CompanyName()} {faker.Address.City()}";
            if (n > 5)
            {
                name += $" {n}";
            }
        }

        return new Company
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Name = name,
            NameKey = Company.KeyOf(name),
            Industry = Industries[random.Next(Industries.Length)],
            MainPhone = random.NextDouble() < 0.5 ? Number(random, areaCodes) : null,
        };
    }

    private static Contact NewContact(Faker faker, Random random, Guid organizationId, Company company, DemoRep rep, string[] areaCodes, Instant created)
    {
        var contact = new Contact
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            FirstName = faker.Name.FirstName(),
            LastName = faker.Name.LastName(),
            Title = faker.Name.JobTitle(),
            CompanyId = company.Id,
            Industry = company.Industry,
            DirectPhone = Number(random, areaCodes),
            MobilePhone = random.NextDouble() < 0.4 ? Number(random, areaCodes) : null,
            OwnerId = rep.Id,
            Status = ContactStatus.New,
            ReferredByName = random.NextDouble() < 0.12 ? faker.Name.FullName() : null,
            CreatedAt = created,
            UpdatedAt = created,
        };
        contact.Email = $"{contact.FirstName}.{contact.LastName}@{Company.KeyOf(company.Name).Split(' ')[0].ToLowerInvariant()}.example".ToLowerInvariant();
        contact.SearchText = Contact.SearchTextOf(contact, company.Name);
        return contact;
    }

    /// <summary>One contact's cadences over the period, with the contact's status after the last.</summary>
    private static List<Call> Work(Random random, Contact contact, Gatekeeper? gatekeeper, DemoRep rep, DemoOptions options, Totals totals)
    {
        var calls = new List<Call>();
        var zone = Planner.Places.Of(contact).Zone ?? DateTimeZone.Utc;
        var periodDays = options.Months * 30;

        // Several cadences share the period out, the earliest first, each starting on a random day of its share.
        var cadences = Math.Max(1, (int)options.Cadences + (options.Cadences % 1 > 0 && random.NextDouble() < options.Cadences % 1 ? 1 : 0));
        var share = periodDays / cadences;
        var responded = false;
        for (var cadence = cadences - 1; cadence >= 0; cadence--)
        {
            var firstDay = options.Now.InZone(zone).Date.PlusDays(-cadence * share - random.Next(share + 10));
            responded = Cadence(random, contact, gatekeeper, rep, options, totals, zone, firstDay, calls);
        }

        contact.Status = calls.Count == 0 ? ContactStatus.New
            : calls.Any(c => c.AppointmentStart is not null) ? ContactStatus.MeetingBooked
            : responded ? ContactStatus.Engaged
            : calls.Count(c => c.Direction == CallDirection.Outbound) >= AttemptDays.Length && random.NextDouble() < 0.5 ? ContactStatus.MovedOn
            : ContactStatus.Working;
        Attribution.Apply(calls, zone, options.CreditWindow, options.PromiseTolerance);
        totals.Calls += calls.Count;
        return calls;
    }

    /// <summary>One cadence from <paramref name="firstDay"/> until the contact responds, the cadence ends, or now.</summary>
    /// <returns>Whether the contact responded.</returns>
    private static bool Cadence(Random random, Contact contact, Gatekeeper? gatekeeper, DemoRep rep, DemoOptions options, Totals totals, DateTimeZone zone,
        LocalDate firstDay, List<Call> calls)
    {
        Call? promiseFrom = null;
        var responded = false;
        for (var k = 1; k <= AttemptDays.Length && !responded; k++)
        {
            var day = AttemptDay(firstDay, k);
            var local = day.At(new LocalTime(8 + random.Next(10), random.Next(60)));
            var at = promiseFrom?.PromisedNextCallAt is { } promised && random.NextDouble() < 0.85
                ? promised
                : LocalTimes.Resolve(local, zone).ToInstant();
            if (at >= options.Now)
            {
                break;
            }

            var call = NewCall(contact, rep, CallDirection.Outbound, at);
            var roll = random.NextDouble();
            if (roll < 0.09)
            {
                call.Outcome = CallOutcome.Connected;
                call.DurationSeconds = 120 + random.Next(900);
                responded = true;
                if (random.NextDouble() < 0.4)
                {
                    Book(call, random);
                    totals.Meetings++;
                }
            }
            else if (roll < 0.2)
            {
                call.Outcome = random.NextDouble() < 0.8 ? CallOutcome.NoAnswer : CallOutcome.Busy;
            }
            else
            {
                call.Outcome = gatekeeper is not null && random.NextDouble() < 0.35 ? CallOutcome.GatekeeperMessage : CallOutcome.VoicemailLeft;
                call.AnsweredByGatekeeperId = call.Outcome == CallOutcome.GatekeeperMessage ? gatekeeper!.Id : null;
                call.DurationSeconds = 20 + random.Next(25);
                call.Strategy = promiseFrom is not null ? Strategy.AsPromised
                    : k == 1 && contact.ReferredByName is not null ? Strategy.Referral
                    : k == AttemptDays.Length ? Strategy.StraightAheadPitch
                    : MiddleStrategies[random.Next(MiddleStrategies.Length)];
                totals.Messages++;
                var chance = BaseCallbackRate[call.Strategy.Value] * HourFactor(local.Hour) * Math.Pow(0.93, k - 1);
                if (random.NextDouble() < chance)
                {
                    // Most callbacks come within hours; a few after days, some after the 14-day window.
                    var delay = Duration.FromMinutes(Math.Min(-Math.Log(1 - random.NextDouble()) * 8.6 * 60, 20 * 24 * 60));
                    var back = at + delay;
                    var nextAttempt = k < AttemptDays.Length ? LocalTimes.Resolve(firstDay.PlusDays(AttemptDays[k]).AtMidnight(), zone).ToInstant() : back;
                    if (back < options.Now && back <= nextAttempt)
                    {
                        var callback = NewCall(contact, rep, CallDirection.Inbound, back);
                        var answered = random.NextDouble() < 0.7;
                        callback.Outcome = answered ? CallOutcome.Connected : CallOutcome.NoAnswer;
                        callback.DurationSeconds = answered ? 90 + random.Next(600) : 0;
                        if (answered && random.NextDouble() < 0.35)
                        {
                            Book(callback, random);
                            totals.Meetings++;
                        }

                        calls.Add(call);
                        calls.Add(callback);
                        totals.Callbacks++;
                        responded = true;
                        continue;
                    }
                }

                // Sometimes the message promises the next call to the minute, as the method teaches.
                if (!responded && k < AttemptDays.Length && random.NextDouble() < 0.15)
                {
                    var next = AttemptDay(firstDay, k + 1).At(new LocalTime(8, 15));
                    call.PromisedNextCallAt = LocalTimes.Resolve(next, zone).ToInstant();
                }
            }

            promiseFrom = call.PromisedNextCallAt is null ? null : call;
            calls.Add(call);
        }

        return responded;
    }

    /// <summary>The k-th attempt's day, moved off the weekend.</summary>
    private static LocalDate AttemptDay(LocalDate first, int k)
    {
        var day = first.PlusDays(AttemptDays[k - 1]);
        return day.DayOfWeek switch { IsoDayOfWeek.Saturday => day.PlusDays(2), IsoDayOfWeek.Sunday => day.PlusDays(1), _ => day };
    }

    private static Call NewCall(Contact contact, DemoRep rep, CallDirection direction, Instant at) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = contact.OrganizationId,
        ContactId = contact.Id,
        UserId = rep.Id,
        Direction = direction,
        StartedAt = at,
        CreatedAt = at,
    };

    private static void Book(Call call, Random random)
    {
        call.AppointmentStart = call.StartedAt + Duration.FromDays(3 + random.Next(8));
        call.AppointmentEnd = call.AppointmentStart + Duration.FromMinutes(30);
        call.AppointmentPlace = "Video call";
    }
}
