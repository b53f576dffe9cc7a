using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Data;
using Ringback.Data.Practice;
using Ringback.Validation;

namespace Ringback.Practice;

/// <summary>How recording a take went: saved, refused (which field, why), or the server's tools could not decode it.</summary>
public sealed record RecordedTake(PracticeTake? Take, TakeReport? Report, ValidationErrors Errors, string? Unavailable, CoachReport? TextCoach)
{
    public bool Saved => Take is not null;
}

/// <summary>
/// A take from an upload to a saved report, for the API and the Practice page alike: the size rule before anything is
/// read, the file to a temporary place for ffmpeg, the rep's own name and numbers for the coach, then the lab and the store.
/// </summary>
public sealed partial class TakeRecorder(PracticeLab lab, PracticeTakes takes, RingbackDbContext db, ILogger<TakeRecorder> logger)
{
    public async Task<RecordedTake> RecordAsync(ClaimsPrincipal user, IFormFile? audio, string? text, string? strategyName, Guid? contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new ValidationErrors();
        var intended = Field.Text(errors, "text", text, CallRules.MessageMax);
        if (!StrategyNames.TryParse(strategyName, out var strategy))
        {
            errors.Add("strategy", $"'{strategyName}' is not a strategy; use one of {StrategyNames.Choices}");
        }

        if (audio is null)
        {
            errors.Add("audio", "is required: record a take or choose an audio file");
        }
        else if (PracticeLab.TooLarge(audio.Length) is { } tooLarge)
        {
            errors.Add("audio", tooLarge);
        }

        if (contactId is { } id && !await db.Contacts.AnyAsync(c => c.Id == id, cancellationToken))
        {
            errors.Add("contactId", "is not a contact of yours");
        }

        if (!errors.IsEmpty)
        {
            return new RecordedTake(null, null, errors, null, null);
        }

        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(user), cancellationToken);
        var context = new CoachContext
        {
            Strategy = strategy,
            CallerName = me.Name,
            CallerNumbers = new[] { me.CallbackPhone, me.AfterHoursPhone }.OfType<string>().ToArray(),
        };
        var path = Path.Combine(Path.GetTempPath(), $"ringback-upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew))
            {
                await audio!.CopyToAsync(file, cancellationToken);
            }

            var stages = new Dictionary<string, double>();
            var analysed = await lab.AnalyseAsync(path, intended, context, cancellationToken, (stage, took) => stages[stage] = took.TotalMilliseconds);
            Analysed(logger, analysed.Report.DurationSeconds, stages.GetValueOrDefault("decode"), stages.GetValueOrDefault("recognition"), stages.GetValueOrDefault("measures and coach"));
            var take = await takes.SaveAsync(me.Id, contactId, intended, strategy, analysed, cancellationToken);
            return new RecordedTake(take, analysed.Report, errors, null, null);
        }
        catch (PracticeException e) when (!e.ServerSide)
        {
            errors.Add("audio", e.Message);
            return new RecordedTake(null, null, errors, null, null);
        }
        catch (PracticeException e)
        {
            // The file may be fine; the server cannot decode it. The typed message is still coached.
            return new RecordedTake(null, null, errors, e.Message, intended is null ? null : MessageCoach.Review(intended, context));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Practice take of {Seconds} s analysed: decode {Decode:0} ms, recognition {Recognition:0} ms, measures and coach {Review:0} ms")]
    private static partial void Analysed(ILogger logger, double seconds, double decode, double recognition, double review);
}
