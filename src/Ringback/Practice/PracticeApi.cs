using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Data.Practice;

namespace Ringback.Practice;

public sealed record NumberResponse(string Digits, double Start, double End, double DigitsPerSecond);

public sealed record TakeResponse(
    Guid Id, double DurationSeconds, double? LoudnessLufs, double PeakDbfs, double SnrDb, double? MedianPitchHz, double? WordsPerMinute,
    string? Transcript, bool TranscriptReliable, IReadOnlyList<FindingResponse> Findings, IReadOnlyList<NumberResponse> Numbers,
    string? Text, Strategy? Strategy, Guid? ContactId, bool SharedWithManagers, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Mine)
{
    public static TakeResponse From(PracticeTake take, Guid viewerId)
    {
        ArgumentNullException.ThrowIfNull(take);
        var details = PracticeTakes.FindingsOf(take);
        return new TakeResponse(take.Id, take.DurationSeconds, take.LoudnessLufs, take.PeakDbfs, take.SnrDb, take.MedianPitchHz, take.WordsPerMinute,
            take.Transcript, take.TranscriptReliable,
            [.. details.Findings.Select(f => new FindingResponse(f.Rule, f.Severity, f.Message, f.Tip, f.Start, f.End))],
            [.. details.Numbers.Select(n => new NumberResponse(n.Digits, n.Start, n.End, n.DigitsPerSecond))],
            take.Text, take.Strategy, take.ContactId, take.SharedWithManagers, take.CreatedAt.ToDateTimeOffset(), take.ExpiresAt.ToDateTimeOffset(), take.UserId == viewerId);
    }
}

public sealed record ShareRequest(bool SharedWithManagers);

/// <summary>Practice takes over HTTP: record one (multipart), read, hear as recorded or through a phone line, share, delete.</summary>
public static class PracticeApi
{
    public static void MapPracticeApi(this IEndpointRouteBuilder routes)
    {
        var takes = routes.MapGroup("/practice/takes").WithTags("Practice");
        takes.MapPost("/", RecordAsync).DisableAntiforgery().WithName("RecordTake")
            .WithSummary("Analyse a recorded take (multipart: audio, optional text of the intended message, strategy, contactId): loudness, noise, pitch, pace, the number, findings");
        takes.MapGet("/", ListAsync).WithName("ListTakes").WithSummary("Your takes (and, for managers, those shared with you), newest first; ?text= for one message's");
        takes.MapGet("/{id:guid}", GetAsync).WithName("GetTake").WithSummary("One take and its findings");
        takes.MapGet("/{id:guid}/audio", AudioAsync).WithName("TakeAudio").WithSummary("The take as recorded (16 kHz WAVE)");
        takes.MapGet("/{id:guid}/phone", PhoneAsync).WithName("TakeThroughPhone").WithSummary("The take as a voicemail box hears it: 300–3400 Hz, 8 kHz, G.711 μ-law (WAVE)");
        takes.MapPut("/{id:guid}/shared", ShareAsync).WithName("ShareTake").WithSummary("Show the take to your managers, or stop");
        takes.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTake").WithSummary("Delete one of your takes");
    }

    public static async Task<IResult> RecordAsync(HttpContext http, TakeRecorder recorder, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > PracticeThresholds.MaxBytes + (64 * 1024))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["audio"] = [PracticeLab.TooLarge(http.Request.ContentLength.Value)!] });
        }

        if (!http.Request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["audio"] = ["send the take as multipart/form-data with the file in a part named audio"] });
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        Guid? contactId = Guid.TryParse(form["contactId"], out var id) ? id : null;
        if (!string.IsNullOrEmpty(form["contactId"]) && contactId is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactId"] = ["is not a contact id"] });
        }

        var result = await recorder.RecordAsync(http.User, form.Files["audio"], form["text"], form["strategy"], contactId, cancellationToken);
        if (result.Unavailable is { } unavailable)
        {
            var extensions = new Dictionary<string, object?>();
            if (result.TextCoach is { } coach)
            {
                extensions["textFindings"] = coach.Findings.Select(f => new FindingResponse(f.Rule, f.Severity, f.Message, f.Tip, f.Start, f.End)).ToList();
            }

            return TypedResults.Problem(unavailable, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The take could not be analysed on this server", extensions: extensions);
        }

        return result.Saved
            ? TypedResults.Created($"/api/v1/practice/takes/{result.Take!.Id}", TakeResponse.From(result.Take, RingbackClaims.UserOf(http.User)))
            : TypedResults.ValidationProblem(result.Errors.ToDictionary());
    }

    public static async Task<Ok<List<TakeResponse>>> ListAsync(PracticeTakes takes, HttpContext http, string? text, CancellationToken cancellationToken)
    {
        var me = RingbackClaims.UserOf(http.User);
        var query = takes.Visible(me, RingbackClaims.RoleOf(http.User));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var trimmed = text.Trim();
            query = query.Where(t => t.Text == trimmed);
        }

        var list = await query.Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(t => TakeResponse.From(t, me)).ToList());
    }

    public static async Task<Results<Ok<TakeResponse>, NotFound>> GetAsync(Guid id, PracticeTakes takes, HttpContext http, CancellationToken cancellationToken)
    {
        var me = RingbackClaims.UserOf(http.User);
        var take = await takes.Visible(me, RingbackClaims.RoleOf(http.User)).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return take is null ? TypedResults.NotFound() : TypedResults.Ok(TakeResponse.From(take, me));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> AudioAsync(Guid id, PracticeTakes takes, HttpContext http, CancellationToken cancellationToken) =>
        await takes.AudioAsync(RingbackClaims.UserOf(http.User), RingbackClaims.RoleOf(http.User), id, cancellationToken) is { } wav
            ? TypedResults.File(wav, "audio/wav", "take.wav")
            : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> PhoneAsync(Guid id, PracticeTakes takes, HttpContext http, CancellationToken cancellationToken) =>
        await takes.PhoneLineAsync(RingbackClaims.UserOf(http.User), RingbackClaims.RoleOf(http.User), id, cancellationToken) is { } wav
            ? TypedResults.File(wav, "audio/wav", "take-phone.wav")
            : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> ShareAsync(Guid id, [FromBody] ShareRequest request, PracticeTakes takes, HttpContext http, CancellationToken cancellationToken) =>
        await takes.ShareAsync(RingbackClaims.UserOf(http.User), id, request.SharedWithManagers, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, PracticeTakes takes, HttpContext http, CancellationToken cancellationToken) =>
        await takes.DeleteAsync(RingbackClaims.UserOf(http.User), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
