using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Practice;

namespace Ringback.Data.Practice;

/// <summary>A rep's recorded rehearsal of a voicemail and what was measured in it. Its audio is kept apart (<see cref="PracticeTakeAudio"/>).</summary>
public sealed class PracticeTake : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public Guid? ContactId { get; set; }

    /// <summary>The message the rep meant to say; takes of the same text are one message's progress.</summary>
    public string? Text { get; set; }

    public Strategy? Strategy { get; set; }
    public double DurationSeconds { get; set; }
    public double? LoudnessLufs { get; set; }
    public double PeakDbfs { get; set; }
    public double SnrDb { get; set; }
    public double? MedianPitchHz { get; set; }
    public double? WordsPerMinute { get; set; }
    public string? Transcript { get; set; }
    public bool TranscriptReliable { get; set; }

    /// <summary>The findings and the numbers heard, as JSON (<see cref="PracticeTakes.FindingsOf"/>).</summary>
    public required string Details { get; set; }

    /// <summary>A rep may show a take to their managers; otherwise no one else sees it.</summary>
    public bool SharedWithManagers { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }
}

/// <summary>A take's audio as measured (16 kHz mono WAVE): apart from the figures, so lists never read it.</summary>
public sealed class PracticeTakeAudio : IOrganizationOwned
{
    public Guid TakeId { get; set; }
    public Guid OrganizationId { get; set; }
    public required byte[] Wav { get; set; }
}

/// <summary>The findings and numbers of a take as they are stored.</summary>
public sealed record TakeDetails(IReadOnlyList<CoachFinding> Findings, IReadOnlyList<NumberSaid> Numbers);

/// <summary>
/// Practice takes: kept 30 days unless deleted, the rep's own; a manager or owner sees a take only when its rep shared it.
/// </summary>
public sealed class PracticeTakes(RingbackDbContext db, IClock clock)
{
    public static readonly Duration Kept = Duration.FromDays(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<PracticeTake> SaveAsync(Guid userId, Guid? contactId, string? text, Strategy? strategy, AnalysedTake analysed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        var now = clock.GetCurrentInstant();
        var report = analysed.Report;
        var take = new PracticeTake
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            ContactId = contactId,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            Strategy = strategy,
            DurationSeconds = report.DurationSeconds,
            LoudnessLufs = report.LoudnessLufs,
            PeakDbfs = report.PeakDbfs,
            SnrDb = report.SnrDb,
            MedianPitchHz = report.MedianPitchHz,
            WordsPerMinute = report.WordsPerMinute,
            Transcript = report.Transcript,
            TranscriptReliable = report.TranscriptReliable,
            Details = JsonSerializer.Serialize(new TakeDetails(report.Findings, report.Numbers), Json),
            CreatedAt = now,
            ExpiresAt = now + Kept,
        };
        db.PracticeTakes.Add(take);
        db.PracticeTakeAudio.Add(new PracticeTakeAudio { TakeId = take.Id, Wav = analysed.Wav });
        await db.SaveChangesAsync(cancellationToken);
        // Every organization's expired takes, not only this one's: a team that stops practising keeps none for ever.
        await db.PracticeTakes.IgnoreQueryFilters().Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return take;
    }

    /// <summary>Takes the viewer may see, newest first: their own, and as a manager or owner, those shared with them.</summary>
    public IQueryable<PracticeTake> Visible(Guid viewerId, UserRole role)
    {
        var now = clock.GetCurrentInstant();
        var manager = RoleMatrix.Allows(role, Capability.TeamView);
        return db.PracticeTakes.AsNoTracking()
            .Where(t => t.ExpiresAt > now && (t.UserId == viewerId || (manager && t.SharedWithManagers)))
            .OrderByDescending(t => t.CreatedAt);
    }

    /// <summary>The viewer's own takes of one message, oldest first: what practice has changed.</summary>
    public Task<List<PracticeTake>> ProgressAsync(Guid userId, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var trimmed = text.Trim();
        return db.PracticeTakes.AsNoTracking().Where(t => t.UserId == userId && t.Text == trimmed && t.ExpiresAt > now)
            .OrderBy(t => t.CreatedAt).Take(50).ToListAsync(cancellationToken);
    }

    public async Task<byte[]?> AudioAsync(Guid viewerId, UserRole role, Guid id, CancellationToken cancellationToken) =>
        await Visible(viewerId, role).AnyAsync(t => t.Id == id, cancellationToken)
            ? await db.PracticeTakeAudio.AsNoTracking().Where(a => a.TakeId == id).Select(a => a.Wav).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>The take as a voicemail box hears it over a phone line (WAVE), for whoever may hear the take.</summary>
    public async Task<byte[]?> PhoneLineAsync(Guid viewerId, UserRole role, Guid id, CancellationToken cancellationToken) =>
        await AudioAsync(viewerId, role, id, cancellationToken) is { } wav && Wav.Read(wav) is { } pcm ? Wav.Write(TelephoneLine.Through(pcm)) : null;

    /// <summary>Only the rep who recorded a take deletes or shares it.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.PracticeTakes.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    public async Task<bool> ShareAsync(Guid userId, Guid id, bool shared, CancellationToken cancellationToken) =>
        await db.PracticeTakes.Where(t => t.Id == id && t.UserId == userId && t.ExpiresAt > clock.GetCurrentInstant())
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.SharedWithManagers, shared), cancellationToken) > 0;

    public static TakeDetails FindingsOf(PracticeTake take)
    {
        ArgumentNullException.ThrowIfNull(take);
        return JsonSerializer.Deserialize<TakeDetails>(take.Details, Json) ?? new TakeDetails([], []);
    }
}
