using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Practice;
using Ringback.Practice;

namespace Ringback.Pages.Practice;

/// <summary>A take of a message with its rep's name, for the list a manager sees of takes shared with them.</summary>
public sealed record SharedTake(PracticeTake Take, string Rep);

/// <summary>
/// The Practice page: record or upload a take of a message, see what the seeds say about how it sounds, hear it as a
/// voicemail box will, and watch a message's takes improve. The recorder's script only fills the form's file input
/// from the microphone, so recording and uploading are one path to the server.
/// </summary>
public sealed class IndexModel(TakeRecorder recorder, PracticeTakes takes, RingbackDbContext db, AudioDecoder decoder) : PageModel
{
    /// <summary>The message being practised: from the last take, the contact page, or typed here.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Strategy { get; set; }

    /// <summary>The contact whose message this is, when the take started on their page.</summary>
    [BindProperty(SupportsGet = true, Name = "contact")]
    public Guid? ContactId { get; set; }

    [BindProperty(SupportsGet = true, Name = "take")]
    public Guid? TakeId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public PracticeTake? Take { get; private set; }

    public TakeDetails? Details { get; private set; }

    /// <summary>The rep's takes of the message, oldest first.</summary>
    public List<PracticeTake> Progress { get; private set; } = [];

    /// <summary>The rep's recent takes of any message.</summary>
    public List<PracticeTake> Recent { get; private set; } = [];

    /// <summary>For managers and owners: their reps' takes shared with them.</summary>
    public List<SharedTake> Shared { get; private set; } = [];

    public string? ContactName { get; private set; }

    /// <summary>The viewer's own time zone: a take's time is shown as their clock showed it.</summary>
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    /// <summary>"29 Nov 13:47" in the viewer's zone.</summary>
    public string When(NodaTime.Instant at, bool withYear = false) =>
        at.InZone(Zone).ToString(withYear ? "d MMM yyyy HH:mm" : "d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the take shown is the viewer's own (theirs to share or delete), not one shared with them.</summary>
    public bool IsMine => Take?.UserId == Me;

    /// <summary>Why the server cannot analyse takes (ffmpeg missing), shown instead of a recorder that would fail.</summary>
    public string? Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (TakeId is { } id)
        {
            Take = await takes.Visible(Me, RingbackClaims.RoleOf(User)).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (Take is null)
            {
                return NotFound();
            }

            Details = PracticeTakes.FindingsOf(Take);
            Text ??= Take.Text;
            ContactId ??= Take.ContactId;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Records a take (multipart); the page of its report follows, or for the contact page's script, its figures as JSON.</summary>
    public async Task<IActionResult> OnPostTakeAsync(IFormFile? audio, CancellationToken cancellationToken)
    {
        var result = await recorder.RecordAsync(User, audio, Text, Strategy, ContactId, cancellationToken);
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (result.Saved)
        {
            var url = $"/practice?take={result.Take!.Id}";
            return wantsJson ? new JsonResult(new { url, take = TakeResponse.From(result.Take, Me) }) : Redirect(url);
        }

        var errors = result.Unavailable is { } unavailable ? [unavailable] : result.Errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{Label(e.Key)}: {m}")).ToList();
        if (wantsJson)
        {
            return new JsonResult(new { errors }) { StatusCode = result.Unavailable is null ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable };
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError("audio", error);
        }

        Unavailable = result.Unavailable;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostShareAsync(Guid id, bool shared, CancellationToken cancellationToken)
    {
        if (!await takes.ShareAsync(Me, id, shared, cancellationToken))
        {
            return NotFound();
        }

        Notice = shared ? "Shared with your managers." : "No longer shared.";
        return Redirect($"/practice?take={id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await takes.DeleteAsync(Me, id, cancellationToken))
        {
            return NotFound();
        }

        Notice = "Take deleted.";
        return Redirect(Text is null ? "/practice" : $"/practice?text={Uri.EscapeDataString(Text)}");
    }

    /// <summary>The take as recorded.</summary>
    public async Task<IActionResult> OnGetAudioAsync(Guid id, CancellationToken cancellationToken) =>
        await takes.AudioAsync(Me, RingbackClaims.RoleOf(User), id, cancellationToken) is { } wav ? File(wav, "audio/wav") : NotFound();

    /// <summary>The take as a voicemail box hears it over a phone line.</summary>
    public async Task<IActionResult> OnGetPhoneAsync(Guid id, CancellationToken cancellationToken) =>
        await takes.PhoneLineAsync(Me, RingbackClaims.RoleOf(User), id, cancellationToken) is { } wav ? File(wav, "audio/wav")
            : NotFound();

    private Guid Me => RingbackClaims.UserOf(User);

    private static string Label(string field) => field switch
    {
        "audio" => "Recording",
        "text" => "Message you mean to say",
        "strategy" => "Strategy",
        _ => "Contact",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (decoder.Program is null)
        {
            Unavailable ??= AudioDecoder.InstallHint;
        }

        var role = RingbackClaims.RoleOf(User);
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == Me).Select(u => u.TimeZone).SingleAsync(cancellationToken);
        Zone = Ringback.Planner.Zones.OfPerson(zone);
        if (!string.IsNullOrWhiteSpace(Text))
        {
            Progress = await takes.ProgressAsync(Me, Text, cancellationToken);
        }

        Recent = await takes.Visible(Me, role).Where(t => t.UserId == Me).Take(10).ToListAsync(cancellationToken);
        if (RoleMatrix.Allows(role, Capability.TeamView))
        {
            var shared = await takes.Visible(Me, role).Where(t => t.UserId != Me).Take(50).ToListAsync(cancellationToken);
            var ids = shared.Select(t => t.UserId).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            Shared = [.. shared.Select(t => new SharedTake(t, names.GetValueOrDefault(t.UserId, "a former rep")))];
        }

        if (ContactId is { } contact)
        {
            ContactName = (await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contact, cancellationToken))?.DisplayName;
        }
    }
}
