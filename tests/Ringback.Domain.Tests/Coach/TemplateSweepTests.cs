using Bogus;
using NodaTime;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Scheduling;

namespace Ringback.Domain.Tests.Coach;

/// <summary>
/// The coach never faults the app's own messages: every built-in template, filled from realistic records (real
/// names long and short, companies as CRMs hold them, a reason and a benefit of up to twelve words between them as
/// reps type them, a reference's result of up to twelve words, a promise at any working hour in the prospect's
/// zone), has no findings and is said in 30 seconds at the coached pace.
/// </summary>
/// <remarks>
/// Twelve words between the reason and the benefit, not twelve each: the number said twice digit by digit is 20 words
/// and 2 s of pauses, which at 130 words a minute leaves 46 words for everything else in 30 s; a greeting, the rep's
/// name and a promised time take about 10 of them, so two twelve-word phrases cannot fit in any message the seeds
/// describe. The coach says "too long" then, about the rep's words, which is right.
/// </remarks>
public class TemplateSweepTests
{
    private const int FillsPerStrategy = 200;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);

    /// <summary>What reps type into "What you want to talk about", from three words to twelve.</summary>
    private static readonly string[] Reasons =
    [
        "your winter hiring",
        "the bid I sent last week",
        "your fleet insurance renewal in March",
        "the driver shortage at your Memphis terminal",
        "your feedback on the proposal for the new warehouse shifts",
        "replacing the forklifts at both of your distribution centres this spring",
        "the CDL training program your operations team asked about in October",
        "covering the night shift at your Columbus plant through the holiday peak",
        "the quote for temporary pickers",
        "your open dispatcher role",
    ];

    /// <summary>What reps type into "How it helps them", from three words to twelve.</summary>
    private static readonly string[] Benefits =
    [
        "we fill CDL seats in under two weeks",
        "we cut hiring time by a third",
        "your drivers wait less at the dock",
        "we lowered overtime costs by eighteen percent for a carrier your size",
        "your supervisors get their evenings back without hiring a single extra manager",
        "fewer empty trucks leave your yard each Monday morning",
        "it pays for itself within the first quarter",
        "one call gets you vetted pickers by Friday",
        "your night shift runs full without overtime",
        "a vetted dispatcher starts within ten days",
    ];

    private static readonly string[] Zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix", "Pacific/Honolulu", "Europe/London", "Asia/Kolkata"];

    private static readonly string[] AreaCodes = ["212", "415", "901", "312", "713", "206", "617", "404"];

    public static TheoryData<Strategy> Strategies => [.. Enum.GetValues<Strategy>()];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Every_built_in_template_filled_from_realistic_records_has_no_findings_and_fits_30_seconds(Strategy strategy)
    {
        var (failures, _) = Sweep(strategy, seed: 1000, (template, input) => Composer.Compose(template, input), ReasonAndBenefit, Benefits, company: f => f.Company.CompanyName());
        failures.Count.ShouldBe(0, $"{failures.Count} of {FillsPerStrategy} fills fail, e.g.\n{string.Join("\n", failures.Take(3))}");
    }

    /// <summary>
    /// Fills a strategy's built-in template <see cref="FillsPerStrategy"/> times from realistic records and coaches each
    /// against the reason, benefit and result it says: the fills that have findings, run past 30 s or miss a field, and
    /// how many were shortened.
    /// </summary>
    private static (List<string> Failures, int Shortened) Sweep(Strategy strategy, int seed, Func<VoicemailTemplate, ComposeInput, ComposedMessage> compose,
        Func<Faker, (string Reason, string Benefit)> reasonAndBenefit, string[] results, Func<Faker, string> company)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed + (int)strategy) };
        var template = VoicemailTemplates.DefaultFor(strategy);
        var failures = new List<string>();
        var shortened = 0;
        for (var i = 0; i < FillsPerStrategy; i++)
        {
            var number = $"+1{faker.PickRandom(AreaCodes)}{faker.Random.Int(200, 999)}{faker.Random.Int(0, 9999):0000}";
            var caller = new Caller(Name(faker), company(faker), number, null, WeeklyWindows.Parse("Mon-Fri 08:00-17:00"));
            var prospect = new Prospect(faker.Random.Bool(0.3f) ? faker.PickRandom("Ms.", "Mr.", "Dr.") : null, faker.Name.FirstName(), LastName(faker), faker.Company.CompanyName(), "Logistics");
            var zone = DateTimeZoneProviders.Tzdb[faker.PickRandom(Zones)];
            var next = Now.InZone(zone).Date.PlusDays(faker.Random.Int(1, 6)).At(new LocalTime(faker.Random.Int(8, 17), faker.PickRandom(0, 15, 30, 45))).InZoneLeniently(zone);
            var referrer = Name(faker);
            var (reason, benefit) = reasonAndBenefit(faker);
            var input = new ComposeInput
            {
                Caller = caller,
                Prospect = prospect,
                ReferrerName = referrer,
                Reference = new ReferenceOption(Guid.NewGuid(), faker.Company.CompanyName(), "Logistics", faker.PickRandom(results)),
                Earlier = new EarlierConversation(Name(faker), Now - Duration.FromDays(faker.Random.Int(20, 200))),
                NextCall = next,
                Reason = reason,
                Benefit = benefit,
                Now = Now,
            };

            var composed = compose(template, input);
            var report = MessageCoach.Review(composed.Text, new CoachContext
            {
                Strategy = strategy,
                CallerName = caller.Name,
                ReferrerName = referrer,
                CallerNumbers = [number],
                Reason = composed.Reason ?? input.Reason,
                Benefit = composed.Benefit ?? input.Benefit,
                ReferenceResult = composed.ReferenceResult ?? input.Reference.Result,
            });
            shortened += composed.Shortened.Count > 0 ? 1 : 0;
            if (composed.Missing.Count > 0 || report.Findings.Count > 0 || report.EstimatedSeconds > MessageCoach.MaxSeconds)
            {
                failures.Add($"{report.EstimatedSeconds:0.0}s {string.Join(", ", report.Findings.Select(f => f.Rule))} {string.Join(", ", composed.Missing.Select(m => m.Field))}: {composed.Text}");
            }
        }

        return (failures, shortened);
    }

    /// <summary>What reps really type: a clause or two each, up to 25 words.</summary>
    private static readonly string[] LongReasons =
    [
        "the driver shortage at your Memphis terminal, which your ops manager mentioned at the expo in October",
        "replacing the forklifts at both of your distribution centres this spring, before the lease on the old ones runs out",
        "your feedback on the proposal for the new warehouse shifts that I sent to Dana last Tuesday",
        "covering the night shift at your Columbus plant through the holiday peak and into January",
        "the CDL training program your operations team asked about in October, and whether it could start in the new year",
        "your fleet insurance renewal in March; I have a quote that could lower it",
    ];

    private static readonly string[] LongBenefits =
    [
        "we lowered overtime costs by eighteen percent for a carrier your size, and their drivers stayed longer too",
        "your supervisors get their evenings back without hiring a single extra manager, which one client said saved their peak season",
        "fewer empty trucks leave your yard each Monday morning because loads are matched the Friday before",
        "one call gets you vetted pickers by Friday, so the holiday orders go out on time",
        "we cut hiring time by a third for Performance Tires, and their turnover fell by half within a year",
        "it pays for itself within the first quarter, usually sooner for a fleet of your size",
    ];

    /// <summary>
    /// Reasons and benefits of a clause or two each, as reps type them: the composer chooses its shorter form (the
    /// rep's company left out, the reason and benefit cut to their head phrase) before the coach would complain, so
    /// every composed message is clean and under 30 seconds.
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_composed_message_with_long_reasons_and_benefits_is_clean_and_fits_30_seconds(Strategy strategy)
    {
        var (failures, shortened) = Sweep(strategy, seed: 2000, (template, input) => Composer.ComposeToFit(template, input, m => MessageCoach.Fits(m.Text)),
            f => (f.PickRandom(LongReasons.Concat(Reasons).ToArray()), f.PickRandom(LongBenefits.Concat(Benefits).ToArray())), LongBenefits,
            company: f => f.Company.CompanyName() + f.PickRandom("", " Logistics Solutions", " International Holdings"));

        failures.Count.ShouldBe(0, $"{failures.Count} of {FillsPerStrategy} fills fail, e.g.\n{string.Join("\n", failures.Take(3))}");
        if (strategy is not (Strategy.Vague or Strategy.TagTeam))
        {
            shortened.ShouldBeGreaterThan(0, "long reasons and benefits call for the shorter form");
        }
    }

    [Theory]
    [InlineData("the driver shortage at your Memphis terminal", "the driver shortage")]
    [InlineData("we lowered overtime costs by eighteen percent for a carrier your size", "we lowered overtime costs")]
    [InlineData("your fleet insurance renewal in March; I have a quote", "your fleet insurance renewal")]
    [InlineData("your winter hiring", "your winter hiring")]
    [InlineData("the bid I sent last week", "the bid I sent last week")]
    public void A_reason_is_cut_to_its_head_phrase(string typed, string head)
    {
        Composer.HeadPhrase(typed).ShouldBe(head);
    }

    /// <summary>A reason and a benefit with twelve words or fewer between them.</summary>
    private static (string Reason, string Benefit) ReasonAndBenefit(Faker faker)
    {
        while (true)
        {
            var (reason, benefit) = (faker.PickRandom(Reasons), faker.PickRandom(Benefits));
            if (reason.Split(' ').Length + benefit.Split(' ').Length <= 12)
            {
                return (reason, benefit);
            }
        }
    }

    /// <summary>Names as they come: short, long, hyphenated.</summary>
    private static string Name(Faker faker) => $"{faker.Name.FirstName()} {LastName(faker)}";

    private static string LastName(Faker faker) => faker.Random.Int(0, 9) switch
    {
        0 => $"{faker.Name.LastName()}-{faker.Name.LastName()}",
        1 => "Featherstonehaugh",
        _ => faker.Name.LastName(),
    };
}
