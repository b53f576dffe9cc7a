using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ringback.Accounts;
using Ringback.Coach;
using Ringback.Contacts;
using Ringback.Data;
using Ringback.Data.Calls;
using Ringback.Data.Coach;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Planner;
using Ringback.Scheduling;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>One prospect: details, gatekeepers, what was promised, every call, and the log-a-call form.</summary>
public sealed partial class DetailsModel(RingbackDbContext db, IOptions<RingbackOptions> options, IClock clock, Ringback.Practice.PracticeVoice voice, IOptions<PlannerOptions> planner,
    Ringback.Mail.IMailer mailer) : PageModel
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

    /// <summary>Calls deleted in the last 30 days, offered for restoring.</summary>
    public List<DeletedEntry> Deleted { get; private set; } = [];

    public TimelineEntry? NextPromise { get; private set; }

    /// <summary>What the rep committed to on calls with this contact, open ones first.</summary>
    public IReadOnlyList<OpenCommitment> Commitments { get; private set; } = [];

    public TimelineEntry? NextAppointment { get; private set; }

    /// <summary>Every strategy, usable or not and why: the composer's choices.</summary>
    public IReadOnlyList<StrategyOption> Strategies { get; private set; } = [];

    public IReadOnlyList<TemplateChoice> Templates { get; private set; } = [];

    /// <summary>The coach's reading of the message in the form, when there is one.</summary>
    public CoachView? Coaching { get; private set; }

    public bool CanPractise => voice.IsAvailable;

    /// <summary>Where the prospect is: their zone (or zones), the lawful hours there and whether a call may be made now.</summary>
    public ContactPlace Place { get; private set; } = null!;

    /// <summary>When the rep has no time to call this contact, the teammates whose hours meet theirs.</summary>
    public IReadOnlyList<string> TeammatesWhoCan { get; private set; } = [];

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
            // A contact merged into another: its address (in a sent reminder, a calendar) leads to the one kept.
            return await Data.Contacts.ContactMerge.MergedIntoAsync(db, Id, cancellationToken) is { } kept ? Redirect($"/contacts/{kept}") : NotFound();
        }

        await LoadTimelineAsync(cancellationToken);
        return Page();
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
        // The same answer the log-call form will give: refused outside their place's hours, said outside the rep's.
        var check = Place.Check(resolved.ToInstant());
        var hours = check.Refusal is { } refusal ? $" — not allowed: {refusal}" : check.OutsideRepHours ? ", outside your hours" : string.Empty;
        return $"= {PageSupport.Format(resolved.ToInstant(), RepZone)} your time{note}{hours}";
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
        RepZone = Rep.Zone;
        Place = Places.For(contact, Rep, planner.Value);
        ReferrerName = contact.ReferredByName ?? (contact.ReferredByContactId is { } referrer
            ? await db.Contacts.Where(c => c.Id == referrer).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken)
            : null);
        return true;
    }

    /// <summary>What the composer, the coach and the strategy list read, once per request however many of them ask.</summary>
    private async Task<ProspectFacts> FactsAsync(CancellationToken cancellationToken) =>
        _facts ??= await VoicemailDesk.LoadAsync(db, Contact, Rep, Now, cancellationToken);

    private ProspectFacts? _facts;

    /// <summary>The calls and what they promised: only when the page is rendered, not for a redirect or a time preview.</summary>
    private async Task LoadTimelineAsync(CancellationToken cancellationToken)
    {
        Timeline = await CallLog.Timeline(db, Id).Take(TimelineLimit).ToListAsync(cancellationToken);
        Deleted = await CallLog.Deleted(db, Id, Now).Take(TimelineLimit).ToListAsync(cancellationToken);
        await LoadDuplicatesAsync(cancellationToken);
        NextPromise = Timeline.Where(e => e.Call.PromisedNextCallAt > Now).MinBy(e => e.Call.PromisedNextCallAt);
        NextAppointment = Timeline.Where(e => e.Call.AppointmentStart > Now).MinBy(e => e.Call.AppointmentStart);
        Commitments = await Data.Planner.Commitments.OfContactAsync(db, Id, cancellationToken);
        TeammatesWhoCan = await Places.TeammatesWhoCanCallAsync(db, Contact, Rep, planner.Value, Now, cancellationToken);
        var facts = await FactsAsync(cancellationToken);
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

        /// <summary>For the composer: the specific point to talk about.</summary>
        public string? Reason { get; set; }

        /// <summary>For the composer: how the call helps them.</summary>
        public string? Benefit { get; set; }
        public string? MessageText { get; set; }

        /// <summary>The rep confirms the message was left as written, placeholder and all.</summary>
        public bool KeepPlaceholders { get; set; }
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
