using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Validation;
using Ringback.Web;

namespace Ringback.Pages.Calls;

/// <summary>
/// Correct a logged call, or delete it. The call log rewrites everything that follows from the calls (attempts,
/// credits, status, the plan); a save made from an older version than the call's is refused and the changes shown.
/// </summary>
public sealed class EditModel(RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, IOptions<PlannerOptions> planner) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public CallInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Original { get; set; }

    public Contact Contact { get; private set; } = null!;

    public DateTimeZone RepZone { get; private set; } = DateTimeZone.Utc;

    public DateTimeZone TheirZone { get; private set; } = DateTimeZone.Utc;

    public bool Stale { get; private set; }

    public IReadOnlyList<FieldChange> ChangedMeanwhile { get; private set; } = [];

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(CallInput.Direction)] = "Who called",
        [nameof(CallInput.Outcome)] = "What happened",
        [nameof(CallInput.StartedAt)] = "When (your time)",
        [nameof(CallInput.DurationMinutes)] = "Minutes",
        [nameof(CallInput.AnsweredByGatekeeperId)] = "Who answered",
        [nameof(CallInput.Strategy)] = "Message strategy",
        [nameof(CallInput.MessageText)] = "Message left",
        [nameof(CallInput.Notes)] = "Notes",
        [nameof(CallInput.PromisedNextCallAt)] = "Promised call",
        [nameof(CallInput.Commitments)] = "Commitments you made",
        [nameof(CallInput.AppointmentStart)] = "Appointment starts",
        [nameof(CallInput.AppointmentEnd)] = "Appointment ends",
        [nameof(CallInput.AppointmentPlace)] = "Place",
        [nameof(CallInput.AppointmentDirections)] = "Directions",
        [nameof(CallInput.DncOverrideReason)] = "Why call a do-not-call number anyway",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } call)
        {
            return NotFound();
        }

        Input = CallInput.From(call, RepZone, TheirZone);
        Version = call.Version;
        Original = Changes.Snapshot(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } call)
        {
            return NotFound();
        }

        if (!await db.MayChangeCallAsync(User, Id, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (call.Version != Version && Refused(call))
        {
            return Page();
        }

        var errors = new ValidationErrors();
        var draft = Input.ToDraft(RepZone, TheirZone, errors);

        // The form shows times to the minute: a time the rep left as it was keeps its seconds (and its place in the timeline).
        var shown = CallInput.From(call, RepZone, TheirZone);
        draft = draft with
        {
            StartedAt = Input.StartedAt == shown.StartedAt ? call.StartedAt : draft.StartedAt,
            PromisedNextCallAt = Input.PromisedNextCallAt == shown.PromisedNextCallAt ? call.PromisedNextCallAt : draft.PromisedNextCallAt,
            AppointmentStart = Input.AppointmentStart == shown.AppointmentStart ? call.AppointmentStart : draft.AppointmentStart,
            AppointmentEnd = Input.AppointmentEnd == shown.AppointmentEnd ? call.AppointmentEnd : draft.AppointmentEnd,
            DurationSeconds = Input.DurationMinutes == shown.DurationMinutes ? call.DurationSeconds : draft.DurationSeconds,
            KeepPlaceholders = Input.MessageText == shown.MessageText && Ringback.Coach.MessageCoach.PlaceholdersIn(call.MessageText ?? string.Empty).Count > 0,
        };
        if (errors.IsEmpty)
        {
            var result = await CallLog.CorrectAsync(db, Id, RingbackClaims.UserOf(User), draft, call.Version, clock.GetCurrentInstant(), cancellationToken,
                planner.Value, options.Value.DefaultRegion);
            if (result.IsValid)
            {
                TempData["Notice"] = "Call corrected; attempts, credits and the plan follow it.";
                return Redirect($"/contacts/{Contact.Id}#timeline");
            }

            db.ChangeTracker.Clear();
            if (result.Stale && await LoadAsync(cancellationToken) is { } changed && Refused(changed))
            {
                return Page();
            }

            foreach (var field in result.Errors.Fields)
            {
                errors.Add(FormField(field), field == "durationSeconds" ? CallForms.DurationError : string.Join(" ", result.Errors.For(field)));
            }
        }

        ModelState.AddErrors(errors);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        if (!await db.MayChangeCallAsync(User, Id, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await CallLog.DeleteAsync(db, Id, RingbackClaims.UserOf(User), expectedVersion: null, clock.GetCurrentInstant(), cancellationToken, planner.Value);
        TempData["Notice"] = "Call deleted. It no longer counts; restore it from \"Recently deleted\" below.";
        return Redirect($"/contacts/{Contact.Id}#deleted");
    }

    /// <summary>Someone else saved the call after the form was filled: say what they changed, unless it shows nowhere in the form.</summary>
    private bool Refused(Ringback.Calls.Call current)
    {
        var now = CallInput.From(current, RepZone, TheirZone);
        var original = Changes.Read<CallInput>(Original);
        ChangedMeanwhile = Changes.Between(original, now, Labels);
        if (original is not null && ChangedMeanwhile.Count == 0)
        {
            // Only what this form does not show moved on (e.g. a later callback credited this message).
            Version = current.Version;
            return false;
        }

        Stale = true;
        Version = current.Version;
        Original = Changes.Snapshot(now);
        ModelState.Remove(nameof(Version));
        ModelState.Remove(nameof(Original));
        return true;
    }

    /// <summary>The call log's field names as this form names them.</summary>
    private static string FormField(string field) => field switch
    {
        "durationSeconds" => nameof(CallInput.DurationMinutes),
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };

    private async Task<Ringback.Calls.Call?> LoadAsync(CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, cancellationToken);
        var contact = call is null ? null
            : await db.Contacts.AsNoTracking().Include(c => c.Company).Include(c => c.Gatekeepers).FirstOrDefaultAsync(c => c.Id == call.ContactId, cancellationToken);
        if (call is null || contact is null)
        {
            return null;
        }

        Contact = contact;
        var rep = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        RepZone = rep.Zone;
        TheirZone = Places.For(contact, rep, planner.Value).Zone;
        return call;
    }

    /// <summary>The form's fields: times as the rep reads them (when the call was: theirs; what was promised: the prospect's).</summary>
    public sealed record CallInput
    {
        public string? Direction { get; init; }
        public string? Outcome { get; init; }
        public string? StartedAt { get; init; }
        public double? DurationMinutes { get; init; }
        public Guid? AnsweredByGatekeeperId { get; init; }
        public string? Strategy { get; init; }
        public string? MessageText { get; init; }
        public string? Notes { get; init; }
        public string? PromisedNextCallAt { get; init; }
        public string? Commitments { get; init; }
        public string? AppointmentStart { get; init; }
        public string? AppointmentEnd { get; init; }
        public string? AppointmentPlace { get; init; }
        public string? AppointmentDirections { get; init; }
        public string? DncOverrideReason { get; init; }

        public static CallInput From(Ringback.Calls.Call c, DateTimeZone repZone, DateTimeZone theirZone) => new()
        {
            Direction = EnumText.Format(c.Direction),
            Outcome = EnumText.Format(c.Outcome),
            StartedAt = PageSupport.ToInput(c.StartedAt, repZone),
            DurationMinutes = c.DurationSeconds == 0 ? null : Math.Round(c.DurationSeconds / 60.0, 2),
            AnsweredByGatekeeperId = c.AnsweredByGatekeeperId,
            Strategy = c.Strategy is { } s ? EnumText.Format(s) : null,
            MessageText = c.MessageText,
            Notes = c.Notes,
            PromisedNextCallAt = c.PromisedNextCallAt is { } p ? PageSupport.ToInput(p, theirZone) : null,
            Commitments = c.Commitments,
            AppointmentStart = c.AppointmentStart is { } a ? PageSupport.ToInput(a, theirZone) : null,
            AppointmentEnd = c.AppointmentEnd is { } e ? PageSupport.ToInput(e, theirZone) : null,
            AppointmentPlace = c.AppointmentPlace,
            AppointmentDirections = c.AppointmentDirections,
            DncOverrideReason = c.DncOverrideReason,
        };

        public Ringback.Calls.CallDraft ToDraft(DateTimeZone repZone, DateTimeZone theirZone, ValidationErrors errors)
        {
            ArgumentNullException.ThrowIfNull(errors);
            Instant? Local(string field, string? text, DateTimeZone zone) => PageSupport.LocalInstant(errors, field, text, zone);

            var started = Local(nameof(StartedAt), StartedAt, repZone);
            if (string.IsNullOrWhiteSpace(StartedAt))
            {
                errors.Add(nameof(StartedAt), "is needed: when the call was");
            }

            return new Ringback.Calls.CallDraft
            {
                Direction = Direction,
                Outcome = Outcome,
                StartedAt = started,
                DurationSeconds = DurationMinutes is { } minutes ? (int)Math.Round(minutes * 60) : null,
                AnsweredByGatekeeperId = AnsweredByGatekeeperId,
                Strategy = Strategy,
                MessageText = MessageText,
                Notes = Notes,
                PromisedNextCallAt = Local(nameof(PromisedNextCallAt), PromisedNextCallAt, theirZone),
                Commitments = Commitments,
                AppointmentStart = Local(nameof(AppointmentStart), AppointmentStart, theirZone),
                AppointmentEnd = Local(nameof(AppointmentEnd), AppointmentEnd, theirZone),
                AppointmentPlace = AppointmentPlace,
                AppointmentDirections = AppointmentDirections,
                DncOverrideReason = DncOverrideReason,
            };
        }
    }
}
