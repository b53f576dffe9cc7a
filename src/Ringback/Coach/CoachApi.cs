using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Data;
using Ringback.Data.Coach;
using Ringback.Hosting;
using Ringback.Phones;
using Ringback.Validation;

namespace Ringback.Coach;

public sealed record CoachRequest
{
    public string? Message { get; init; }

    /// <summary>referral, third-party, association, warm-cold-call, straight-pitch, vague, tag-team, as-promised or generic.</summary>
    public string? Strategy { get; init; }

    /// <summary>Your name as said in the message; your profile's name when omitted.</summary>
    public string? CallerName { get; init; }

    /// <summary>Your callback number; your profile's numbers when omitted.</summary>
    public string? Number { get; init; }

    public string? Referrer { get; init; }

    public bool FollowUp { get; init; }

    /// <summary>The specific point you mean to talk about, as typed in the composer: the coach finds it in the message.</summary>
    public string? Reason { get; init; }

    /// <summary>How the call helps them, as typed in the composer: the coach finds it in the message.</summary>
    public string? Benefit { get; init; }
}

public sealed record FindingResponse(string Rule, Severity Severity, string Message, string Tip, int? Start, int? End);

/// <param name="ShownNumber">The rep's number as it is written at home ("(901) 555-2120") or abroad ("+44 20 7946 0958").</param>
public sealed record CoachResponse(int Score, int Sentences, double EstimatedSeconds, IReadOnlyList<FindingResponse> Findings, string? SpeakableNumber, string? ShownNumber)
{
    public static CoachResponse From(CoachReport report, string? number, string region) => new(report.Score, report.Sentences, report.EstimatedSeconds,
        [.. report.Findings.Select(f => new FindingResponse(f.Rule, f.Severity, f.Message, f.Tip, f.Start, f.End))],
        number is null ? null : PhoneSpeech.Speak(number), number is null ? null : PhoneFormat.Shown(number, region));
}

public sealed record RuleResponse(string Id, Severity Severity, string Source, string Tip);

public sealed record StrategyResponse(Strategy Strategy, bool Available, string? Reason, string? Warning, ReferenceResponse? Reference, EarlierResponse? Earlier)
{
    public static StrategyResponse From(StrategyOption o) => new(o.Strategy, o.Available, o.Reason, o.Warning,
        o.Reference is { } r ? new ReferenceResponse(r.Id, r.Company, r.Industry, r.Result) : null,
        o.Earlier is { } e ? new EarlierResponse(e.RepName, e.At.ToDateTimeOffset()) : null);
}

public sealed record ReferenceResponse(Guid Id, string Company, string Industry, string? Result);

public sealed record EarlierResponse(string Rep, DateTimeOffset At);

public sealed record ComposeApiRequest
{
    public string? Strategy { get; init; }
    public Guid? TemplateId { get; init; }
    public string? Reason { get; init; }
    public string? Benefit { get; init; }

    /// <summary>When you will call again ("I'll call you again tomorrow at 8:15"); any offset.</summary>
    public DateTimeOffset? NextCallAt { get; init; }

    public Guid? ReferenceClientId { get; init; }
}

public sealed record MissingResponse(string Field, string Help);

/// <param name="Shortened">What the composer left out or cut to keep the message under 30 seconds, when it chose a shorter form.</param>
public sealed record ComposeResponse(Strategy Strategy, TemplateResponse Template, string Text, IReadOnlyList<MissingResponse> Missing,
    string? Warning, ReferenceResponse? Reference, CoachResponse Coach, IReadOnlyList<string> Shortened);

public sealed record PracticeRequest(string? Message);

/// <summary>The voicemail coach and composer over HTTP: coach any message, see which strategies are honest for a contact, compose one.</summary>
public static class CoachApi
{
    public static void MapCoachApi(this IEndpointRouteBuilder routes)
    {
        var coach = routes.MapGroup("/coach").WithTags("Coach");
        coach.MapPost("/", CoachAsync).WithName("CoachMessage")
            .WithSummary("Read a voicemail message against the seeds' rules: findings, a score out of 100, sentences and seconds to say");
        coach.MapGet("/rules", () => TypedResults.Ok(CoachRules.All.Select(r => new RuleResponse(r.Id, r.Severity, r.Source, r.Tip)).ToList()))
            .WithName("CoachRules").WithSummary("Every rule id the coach reports, with its seed and a tip");
        coach.MapPost("/audio", PracticeAsync).WithName("PracticeMessage")
            .WithSummary("The message spoken at the coached pace as WAVE audio (needs espeak-ng on the server); X-Audio-Seconds gives its length");

        var contact = routes.MapGroup("/contacts/{contactId:guid}").WithTags("Coach");
        contact.MapGet("/strategies", StrategiesAsync).WithName("ContactStrategies")
            .WithSummary("Which strategies can be used honestly for this contact now, and why not");
        contact.MapPost("/compose", ComposeAsync).WithName("ComposeMessage")
            .WithSummary("Fill a strategy's template from the records, refusing a strategy the records don't back");
    }

    public static async Task<Results<Ok<CoachResponse>, ValidationProblem>> CoachAsync(
        CoachRequest request, RingbackDbContext db, IOptions<RingbackOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var message = Field.Text(errors, "message", request.Message, CallRules.MessageMax, required: true);
        if (!StrategyNames.TryParse(request.Strategy, out var strategy))
        {
            errors.Add("strategy", $"'{request.Strategy}' is not a strategy; use one of {StrategyNames.Choices}");
        }

        var number = Field.Phone(errors, "number", request.Number, options.Value.DefaultRegion, allowExtension: false);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(http.User), cancellationToken);
        var numbers = number is { } given ? [given.E164] : new[] { me.CallbackPhone, me.AfterHoursPhone }.OfType<string>().ToArray();
        var report = MessageCoach.Review(message!, new CoachContext
        {
            Strategy = strategy,
            CallerName = string.IsNullOrWhiteSpace(request.CallerName) ? me.Name : request.CallerName.Trim(),
            ReferrerName = request.Referrer,
            FollowUp = request.FollowUp,
            CallerNumbers = numbers,
            Reason = request.Reason,
            Benefit = request.Benefit,
        });
        return TypedResults.Ok(CoachResponse.From(report, numbers.FirstOrDefault(), options.Value.DefaultRegion));
    }

    public static async Task<Results<Ok<List<StrategyResponse>>, NotFound>> StrategiesAsync(
        Guid contactId, RingbackDbContext db, IClock clock, HttpContext http, CancellationToken cancellationToken)
    {
        var facts = await VoicemailDesk.LoadAsync(db, contactId, RingbackClaims.UserOf(http.User), clock.GetCurrentInstant(), cancellationToken);
        return facts is null ? TypedResults.NotFound() : TypedResults.Ok(StrategyOptions.For(facts.Honesty).Select(StrategyResponse.From).ToList());
    }

    public static async Task<Results<Ok<ComposeResponse>, NotFound, ValidationProblem>> ComposeAsync(
        Guid contactId, ComposeApiRequest request, RingbackDbContext db, IClock clock, IOptions<RingbackOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var strategy = Field.Enum<Strategy>(errors, "strategy", request.Strategy);
        if (strategy is null && errors.IsEmpty)
        {
            errors.Add("strategy", $"is required: one of {EnumText.Choices<Strategy>()}");
        }

        var now = clock.GetCurrentInstant();
        var nextCall = request.NextCallAt is { } at ? Instant.FromDateTimeOffset(at) : (Instant?)null;
        if (nextCall <= now)
        {
            errors.Add("nextCallAt", "must be in the future: it is when you will call again");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var facts = await VoicemailDesk.LoadAsync(db, contactId, RingbackClaims.UserOf(http.User), now, cancellationToken);
        if (facts is null)
        {
            return TypedResults.NotFound();
        }

        var result = await VoicemailDesk.ComposeAsync(db, facts,
            new ComposeRequest(strategy!.Value, request.TemplateId, request.Reason, request.Benefit, nextCall, request.ReferenceClientId), cancellationToken);
        if (!result.IsComposed)
        {
            var field = result.Option.Available ? (request.TemplateId is not null && result.Template is null ? "templateId" : "referenceClientId") : "strategy";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [result.Error!] });
        }

        var reference = result.Option.Reference is { } r ? new ReferenceResponse(r.Id, r.Company, r.Industry, r.Result) : null;
        return TypedResults.Ok(new ComposeResponse(strategy.Value, TemplateResponse.From(result.Template!), result.Message!.Text,
            [.. result.Message.Missing.Select(m => new MissingResponse(m.Field, m.Help))], result.Option.Warning, reference,
            CoachResponse.From(result.Report!, facts.Rep.CallbackPhone, options.Value.DefaultRegion), result.Message.Shortened));
    }

    public static async Task<IResult> PracticeAsync(PracticeRequest request, Practice.PracticeVoice voice, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var message = Field.Text(errors, "message", request.Message, CallRules.MessageMax, required: true);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!voice.IsAvailable)
        {
            return TypedResults.Problem(Practice.PracticeVoice.InstallHint, statusCode: StatusCodes.Status501NotImplemented, title: "Speech is not installed on this server");
        }

        var audio = await voice.RenderAsync(message!, cancellationToken);
        http.Response.Headers["X-Audio-Seconds"] = audio.Seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(audio.Wav, "audio/wav", "message.wav");
    }
}
