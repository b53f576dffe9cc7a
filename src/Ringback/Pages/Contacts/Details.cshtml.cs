using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Coach;
using Ringback.Data.Planner;
using Ringback.Planner;
using Ringback.Hosting;
using Ringback.Scheduling;
using Ringback.Validation;
using Ringback.Web;
using Ringback.Data.Calls;

namespace Ringback.Pages.Contacts;

/// <summary>One prospect: details, gatekeepers, what was promised, every call, and the log-a-call form.</summary>
public sealed class DetailsModel(RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, PracticeVoice voice, IOptions<PlannerOptions> planner) : PageModel
{
    public const int TimelineLimit = 500;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public LogCallInput Call { get; set; } = new();

    [BindProperty]
    public GatekeeperDraft NewGatekeeper { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Contact Contact { get; private set; } = null!;

    public User Rep { get; private set; } = null!;


    public DateTimeZone RepZone { get; private set; } = DateTimeZone.Utc;

    public Instant Now { get; private set; }

    public string? ReferrerName { get; private set; }

    public List<TimelineEntry> Timeline { get; private set; } = [];

    public TimelineEntry? NextPromise { get; private set; }

    public List<TimelineEntry> Commitments { get; private set; } = [];

    public TimelineEntry? NextAppointment { get; private set; }

    /// <summary>Every strategy, usable or not and why: the composer's choices (issue 4, honest by construction).</summary>
    public IReadOnlyList<StrategyOption> Strategies { get; private set; } = [];

    public IReadOnlyList<TemplateChoice> Templates { get; private set; } = [];

    /// <summary>The coach's reading of the message in the form, when there is one.</summary>
    public CoachView? Coaching { get; private set; }

    public bool CanPractise => voice.IsAvailable;

    /// <summary>Where the prospect is: their zone (or zones), the lawful hours there and whether a call may be made now.</summary>
    public ContactPlace Place { get; private set; } = null!;

    public IReadOnlyList<ListedNumber> DoNotCallListings { get; private set; } = [];

    public IReadOnlyList<StoredCadence> CadenceChoices { get; private set; } = [];

    public string? CadenceName { get; private set; }

    public CadenceEnrollment? Enrollment { get; private set; }

    public IReadOnlyList<FollowUp> Planned { get; private set; } = [];

    public bool PhoneTag { get; private set; }

    [BindProperty]
    public Guid? CadenceId { get; set; }

    [BindProperty]
    public bool KeepAfterEnd { get; set; }

    [BindProperty]
    public string? DoNotCallReason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await LoadTimelineAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLogCallAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var errors = new ValidationErrors();
        var zone = Place.Zone;
        Instant? Local(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (PageSupport.ParseLocal(text) is { } local)
            {
                return LocalTimes.Resolve(local, zone).ToInstant();
            }

            errors.Add(field, "is not a date and time");
            return null;
        }

        var promised = Local("promisedNextCallAt", Call.PromisedNextCallAt);
        var start = Local("appointmentStart", Call.AppointmentStart);
        var end = Local("appointmentEnd", Call.AppointmentEnd);
        var draft = new CallDraft
        {
            Outcome = Call.Outcome,
            DurationSeconds = Call.DurationMinutes is { } minutes ? (int)Math.Round(minutes * 60) : null,
            AnsweredByGatekeeperId = Call.AnsweredByGatekeeperId,
            NewGatekeeper = string.IsNullOrWhiteSpace(Call.NewGatekeeperName) ? null
                : new GatekeeperDraft { Name = Call.NewGatekeeperName, Relationship = Call.NewGatekeeperRelationship },
            ProspectAvailable = Call.ProspectAvailable,
            Strategy = Call.Strategy,
            MessageText = Call.MessageText,
            Notes = Call.Notes,
            PromisedNextCallAt = promised,
            Commitments = Call.Commitments,
            AppointmentStart = start,
            AppointmentEnd = end,
            AppointmentPlace = Call.AppointmentPlace,
            AppointmentDirections = Call.AppointmentDirections,
            DncOverrideReason = Call.DncOverrideReason,
            AskedNotToCall = Call.AskedNotToCall,
        };
        if (errors.IsEmpty)
        {
            var result = await CallLog.LogAsync(db, Id, Rep.Id, draft, id: Call.Id, Now, cancellationToken, planner.Value, options.Value.DefaultRegion);
            if (result.IsValid)
            {
                Notice = $"Logged: {PageSupport.Words(result.Call!.Outcome).ToLowerInvariant()}.";
                return Redirect($"/contacts/{Id}#timeline");
            }

            db.ChangeTracker.Clear();
            foreach (var field in result.Errors.Fields)
            {
                // "newGatekeeper.name" is the form's "New gatekeeper name" field.
                var key = field.StartsWith("newGatekeeper.", StringComparison.Ordinal)
                    ? "newGatekeeper" + char.ToUpperInvariant(field[14]) + field[15..]
                    : field;
                errors.Add(key, string.Join(" ", result.Errors.For(field)));
            }
        }

        ModelState.AddErrors(errors, "Call.");
        await LoadTimelineAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Fills the chosen strategy's template from the records. Called by the page's script (JSON back) or, without
    /// script, by the "Fill in message" button (the page again, with the message filled in and coached).
    /// </summary>
    public async Task<IActionResult> OnPostComposeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var facts = await VoicemailDesk.LoadAsync(db, Contact, Rep, Now, cancellationToken);
        string? error = null;
        ComposeResult? result = null;
        if (!EnumText.TryParse<Strategy>(Call.Strategy, out var strategy))
        {
            error = "Pick a message strategy first.";
        }
        else
        {
            var next = PageSupport.ParseLocal(Call.PromisedNextCallAt) is { } local ? LocalTimes.Resolve(local, Place.Zone).ToInstant() : (Instant?)null;
            result = await VoicemailDesk.ComposeAsync(db, facts,
                new ComposeRequest(strategy, Call.TemplateId, Call.Reason, Call.Benefit, next > Now ? next : null), cancellationToken);
            error = result.Error;
        }

        if (WantsJson)
        {
            return new JsonResult(new
            {
                text = result?.Message?.Text,
                error,
                warning = result?.Option.Warning,
                missing = result?.Message?.Missing.Select(m => m.Help) ?? [],
            });
        }

        if (result?.Message is { } message)
        {
            Call.MessageText = message.Text;
        }
        else
        {
            ModelState.AddModelError("Call.Strategy", error ?? "could not be used");
        }

        await LoadTimelineAsync(cancellationToken);
        return Page();
    }

    /// <summary>The coach's findings for the message as typed so far: a fragment of HTML the page swaps in.</summary>
    public async Task<IActionResult> OnPostCoachAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var facts = await VoicemailDesk.LoadAsync(db, Contact, Rep, Now, cancellationToken);
        return Partial("_CoachReport", Coach(facts));
    }

    /// <summary>The message spoken at the coached pace, as WAVE audio; X-Audio-Seconds says how long it plays.</summary>
    public async Task<IActionResult> OnPostPracticeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Call.MessageText) || Call.MessageText.Length > CallRules.MessageMax)
        {
            return BadRequest("Type a message first.");
        }

        if (!voice.IsAvailable)
        {
            return StatusCode(StatusCodes.Status501NotImplemented, PracticeVoice.InstallHint);
        }

        var audio = await voice.RenderAsync(Call.MessageText, cancellationToken);
        Response.Headers["X-Audio-Seconds"] = audio.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Response.Headers["X-Estimated-Seconds"] = SpeakingTime.EstimateSeconds(Call.MessageText).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        return File(audio.Wav, "audio/wav");
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private CoachView? Coach(ProspectFacts facts)
    {
        if (string.IsNullOrWhiteSpace(Call.MessageText))
        {
            return null;
        }

        var strategy = StrategyNames.TryParse(Call.Strategy, out var chosen) ? chosen : null;
        var report = MessageCoach.Review(Call.MessageText, VoicemailDesk.ContextFor(facts, strategy));
        return new CoachView(report, Rep.CallbackPhone is { } number ? PhoneSpeech.Speak(number) : null,
            Rep.CallbackPhone is { } shown ? Phones.PhoneFormat.Shown(shown, options.Value.DefaultRegion) : null);
    }

    public async Task<IActionResult> OnPostEnrollAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (CadenceId is not { } cadenceId || !await db.Cadences.AnyAsync(c => c.Id == cadenceId, cancellationToken))
        {
            return BadRequest("Choose a cadence.");
        }

        await CadenceBook.EnrollAsync(db, cadenceId, [Id], Rep.Id, KeepAfterEnd, Now, planner.Value, cancellationToken);
        Notice = "Enrolled.";
        return Redirect($"/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostLeaveCadenceAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await CadenceBook.LeaveAsync(db, Id, Now, planner.Value, cancellationToken);
        Notice = "Taken out of the cadence.";
        return Redirect($"/contacts/{Id}");
    }

    /// <summary>One click: they called back just now. Logged, and credited to the message that earned it.</summary>
    public async Task<IActionResult> OnPostCalledBackAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await Data.Callbacks.Inbound.CaptureAsync(db, new Data.Callbacks.InboundCall
        {
            ContactId = Id,
            UserId = Rep.Id,
            Source = "web",
        }, options.Value.DefaultRegion, Now, planner.Value, cancellationToken);
        if (result.Call is not { } call)
        {
            Notice = $"Could not log the call: {result.Errors}";
            return Redirect($"/contacts/{Id}");
        }

        var credit = await Data.Callbacks.Credits.OfAsync(db, call, cancellationToken);
        Notice = credit is null
            ? $"Logged their call. No message was left in the {planner.Value.Callbacks.CreditDays} days before it, so it is not credited to one."
            : $"Logged their call: it returns {credit.Describe(RepZone)}.";
        return Redirect($"/contacts/{Id}#timeline");
    }

    /// <summary>"Please don't call me again": on the organization's own list at once.</summary>
    public async Task<IActionResult> OnPostDoNotCallAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var contact = await db.Contacts.FirstAsync(c => c.Id == Id, cancellationToken);
        await Data.Planner.DoNotCallRegister.MarkAsync(db, contact, DoNotCallReason, Now, planner.Value, cancellationToken);
        Notice = $"{contact.DisplayName} is on your do-not-call list.";
        return Redirect($"/contacts/{Id}");
    }

    public async Task<IActionResult> OnPostAddGatekeeperAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var checkedFields = GatekeeperRules.Check(NewGatekeeper, options.Value.DefaultRegion);
        if (!checkedFields.IsValid)
        {
            ModelState.AddErrors(checkedFields.Errors, "NewGatekeeper.");
            await LoadTimelineAsync(cancellationToken);
            return Page();
        }

        var gatekeeper = new Gatekeeper { Id = Guid.CreateVersion7(), ContactId = Id, Name = checkedFields.Value!.Name, CreatedAt = Now, UpdatedAt = Now };
        checkedFields.Value.ApplyTo(gatekeeper);
        db.Gatekeepers.Add(gatekeeper);
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Added {gatekeeper.Name}.";
        return Redirect($"/contacts/{Id}#gatekeepers");
    }

    /// <summary>"09:15 your time": what a local time at the prospect's means for the rep, as they type it.</summary>
    public async Task<IActionResult> OnGetRepTimeAsync(string? at, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        return Content(DescribeForRep(at), "text/plain");
    }

    public string DescribeForRep(string? at)
    {
        if (PageSupport.ParseLocal(at) is not { } local)
        {
            return string.Empty;
        }

        var zone = Place.Zone;
        var resolved = LocalTimes.Resolve(local, zone);
        var note = LocalTimes.Kind(local, zone) switch
        {
            ZoneLocalMappingKind.Skipped => $" ({local.TimeOfDay:HH:mm} does not exist that day there: the clocks go forward, so it is {resolved.TimeOfDay:HH:mm})",
            ZoneLocalMappingKind.Ambiguous => $" ({local.TimeOfDay:HH:mm} happens twice that night there; the first one)",
            _ => string.Empty,
        };
        return $"= {PageSupport.Format(resolved.ToInstant(), RepZone)} your time{note}";
    }

    /// <summary>The contact, the rep and both time zones: what every handler needs.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Company).Include(c => c.Gatekeepers)
            .FirstOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (contact is null)
        {
            return false;
        }

        Contact = contact;
        Now = clock.GetCurrentInstant();
        Rep = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        RepZone = PageSupport.Zone(Rep.TimeZone) ?? DateTimeZone.Utc;
        Place = Places.For(contact, Rep, planner.Value);
        ReferrerName = contact.ReferredByName ?? (contact.ReferredByContactId is { } referrer
            ? await db.Contacts.Where(c => c.Id == referrer).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken)
            : null);
        return true;
    }

    /// <summary>The calls and what they promised: only when the page is rendered, not for a redirect or a time preview.</summary>
    private async Task LoadTimelineAsync(CancellationToken cancellationToken)
    {
        Timeline = await CallLog.Timeline(db, Id).Take(TimelineLimit).ToListAsync(cancellationToken);
        NextPromise = Timeline.Where(e => e.Call.PromisedNextCallAt > Now).MinBy(e => e.Call.PromisedNextCallAt);
        NextAppointment = Timeline.Where(e => e.Call.AppointmentStart > Now).MinBy(e => e.Call.AppointmentStart);
        Commitments = Timeline.Where(e => e.Call.Commitments is not null).Take(5).ToList();
        var facts = await VoicemailDesk.LoadAsync(db, Contact, Rep, Now, cancellationToken);
        Strategies = StrategyOptions.For(facts.Honesty);
        Templates = await VoicemailDesk.TemplatesAsync(db, Rep.Id, null, cancellationToken);
        Coaching = Coach(facts);

        DoNotCallListings = await Data.Planner.DoNotCallRegister.ListedAsync(db, [Contact.DirectPhone, Contact.MobilePhone, Contact.AfterHoursPhone], cancellationToken);
        CadenceChoices = await CadenceBook.ListAsync(db, Now, cancellationToken);
        Enrollment = await db.CadenceEnrollments.AsNoTracking().FirstOrDefaultAsync(e => e.ContactId == Id && e.EndedAt == null, cancellationToken);
        CadenceName = Enrollment is null ? null : CadenceChoices.FirstOrDefault(c => c.Id == Enrollment.CadenceId)?.Name;
        Planned = await db.FollowUps.AsNoTracking().Where(f => f.ContactId == Id).OrderBy(f => f.DueAt).ToListAsync(cancellationToken);
        PhoneTag = Ringback.Planner.PhoneTag.IsTag([.. Timeline.Select(e => CallFact.From(e.Call))]);
    }

    public sealed class LogCallInput
    {
        /// <summary>Set by the form when it loads, so a double submit logs the call once.</summary>
        public Guid? Id { get; set; }
        public string? Outcome { get; set; }
        public double? DurationMinutes { get; set; }
        public Guid? AnsweredByGatekeeperId { get; set; }
        public string? NewGatekeeperName { get; set; }
        public string? NewGatekeeperRelationship { get; set; }
        public string? ProspectAvailable { get; set; }
        public string? Strategy { get; set; }
        public Guid? TemplateId { get; set; }

        /// <summary>For the composer: the specific point to talk about (002 TWO).</summary>
        public string? Reason { get; set; }

        /// <summary>For the composer: how the call helps them (002 THREE).</summary>
        public string? Benefit { get; set; }
        public string? MessageText { get; set; }
        public string? Notes { get; set; }
        public string? Commitments { get; set; }
        public string? PromisedNextCallAt { get; set; }
        public string? AppointmentStart { get; set; }
        public string? AppointmentEnd { get; set; }
        public string? AppointmentPlace { get; set; }
        public string? AppointmentDirections { get; set; }
        public string? DncOverrideReason { get; set; }
        public bool AskedNotToCall { get; set; }
    }
}

/// <summary>What the coach panel shows: the report and how to say the rep's number.</summary>
public sealed record CoachView(CoachReport Report, string? SpeakableNumber, string? ShownNumber);
