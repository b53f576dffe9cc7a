using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ringback.Accounts;
using Ringback.Data;
using Ringback.Data.Callbacks;
using Ringback.Data.Planner;
using Ringback.Hosting;
using Ringback.Web;

namespace Ringback.Pages.Settings;

/// <summary>The rep's profile: what every message they leave says about them.</summary>
public sealed class IndexModel(RingbackDbContext db, IOptions<RingbackOptions> options, NodaTime.IClock clock,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, IOptions<Ringback.Mail.SmtpOptions> smtp,
    Data.Reminders.ReminderSender sender, Ringback.Reminders.PushKeys pushKeys, IOptions<Ringback.Reminders.PushOptions> push) : PageModel
{
    /// <summary>The Twilio auth token as typed; never shown back.</summary>
    [BindProperty]
    public string? TwilioAuthToken { get; set; }

    [BindProperty]
    public string? TwilioDefaultRepEmail { get; set; }

    public TwilioConnection Twilio { get; private set; } = new(false, null, null);

    [BindProperty]
    public ProfileDraft Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The reminder settings as the form holds them.</summary>
    [BindProperty]
    public ReminderForm Reminders { get; set; } = new();

    /// <summary>Whether email reminders can go out from this server (an SMTP host is set).</summary>
    public bool EmailReady { get; private set; }

    /// <summary>The rep's devices that take push reminders.</summary>
    public IReadOnlyList<Data.Reminders.PushDevice> Devices { get; private set; } = [];

    /// <summary>The server's VAPID public key, which a browser's push subscription is made for; null when push is off here.</summary>
    public string? PushPublicKey { get; private set; }

    /// <summary>The latest reminders and how each channel went, failures first in mind.</summary>
    public IReadOnlyList<Data.Reminders.ReminderEntry> RecentReminders { get; private set; } = [];

    /// <summary>A new calendar link, shown once, right after it is made.</summary>
    public string? CalendarUrl { get; private set; }

    public bool HasCalendar { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        Input = ProfileDraft.From(me, options.Value.DefaultRegion);
        HasCalendar = me.CalendarTokenHash is not null;
        Reminders = ReminderForm.From(me.Reminders);
        await LoadTwilioAsync(cancellationToken);
        await LoadRemindersAsync(me, cancellationToken);
    }

    private async Task LoadRemindersAsync(User me, CancellationToken cancellationToken)
    {
        EmailReady = smtp.Value.Configured;
        RecentReminders = await Data.Reminders.ReminderBook.ListAsync(db, me.Id, clock.GetCurrentInstant(), 10, cancellationToken);
        Devices = await Data.Reminders.PushDevices.ListAsync(db, me.Id, cancellationToken);
        PushPublicKey = push.Value.Enabled ? (await pushKeys.GetAsync(cancellationToken)).PublicKey : null;
    }

    /// <summary>"Turn on reminders on this device": the browser's push subscription, posted by the page's script.</summary>
    public async Task<IActionResult> OnPostSubscribeAsync([FromBody] BrowserSubscription? body, CancellationToken cancellationToken)
    {
        var input = new Data.Reminders.PushSubscriptionInput(body?.Endpoint, body?.Keys?.P256dh, body?.Keys?.Auth,
            body?.Device ?? Web.UserAgents.Describe(Request.Headers.UserAgent.ToString()));
        var result = await Data.Reminders.PushDevices.SubscribeAsync(db, RingbackClaims.OrganizationOf(User)!.Value, RingbackClaims.UserOf(User), input,
            clock.GetCurrentInstant(), cancellationToken);
        return result.IsValid
            ? new JsonResult(new { id = result.Value!.Id, device = result.Value.Device })
            : new BadRequestObjectResult(new ValidationProblemDetails(result.Errors.ToDictionary()) { Title = "That is not a push subscription Ringback can use." });
    }

    public async Task<IActionResult> OnPostRevokeDeviceAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = await Data.Reminders.PushDevices.RevokeAsync(db, RingbackClaims.UserOf(User), id, cancellationToken)
            ? "That device gets no more reminders." : "That device was already removed.";
        return Redirect("/settings#reminders-heading");
    }

    /// <summary>"Send a test": one reminder on one channel, now, through the real delivery; says how it went.</summary>
    public async Task<IActionResult> OnPostTestReminderAsync(Ringback.Reminders.ReminderChannel channel, CancellationToken cancellationToken)
    {
        var name = Ringback.Validation.Words.Of(channel);
        if (!Enum.IsDefined(channel))
        {
            Notice = "Choose a channel to test.";
        }
        else if (channel == Ringback.Reminders.ReminderChannel.Email && !smtp.Value.Configured)
        {
            Notice = "Email is not set up on this server: its operator sets Ringback:Smtp:Host (see the README).";
        }
        else
        {
            var outcomes = await sender.TestAsync(RingbackClaims.OrganizationOf(User)!.Value, RingbackClaims.UserOf(User), channel, clock.GetCurrentInstant(), cancellationToken);
            Notice = outcomes.Count == 0
                ? "No device takes push reminders yet: turn them on on this device first."
                : string.Join(" ", outcomes.Select(o => o.State switch
                {
                    Ringback.Reminders.DeliveryState.Sent => $"{name} test sent.",
                    Ringback.Reminders.DeliveryState.Pending or Ringback.Reminders.DeliveryState.Sending => $"{name} test is being sent.",
                    _ => $"{name} test failed: {o.LastError}",
                }));
        }

        return Redirect("/settings#reminders-heading");
    }

    public async Task<IActionResult> OnPostRemindersAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var settings = Reminders.ToSettings();
        if (settings is null || Data.Reminders.ReminderBook.Check(settings) is not null)
        {
            ModelState.AddModelError("Reminders.LeadMinutes", $"Remind me must be a whole number of minutes from 0 to {Ringback.Reminders.ReminderSettings.MaxLeadMinutes}.");
            Input = ProfileDraft.From(me, options.Value.DefaultRegion);
            HasCalendar = me.CalendarTokenHash is not null;
            await LoadTwilioAsync(cancellationToken);
            await LoadRemindersAsync(me, cancellationToken);
            return Page();
        }

        await Data.Reminders.ReminderBook.SaveSettingsAsync(db, me, settings, clock.GetCurrentInstant(), cancellationToken);
        Notice = "Reminder settings saved.";
        return Redirect("/settings#reminders-heading");
    }

    private async Task LoadTwilioAsync(CancellationToken cancellationToken)
    {
        Twilio = await TwilioAccount.DescribeAsync(db, options.Value.BaseUrl(Request), cancellationToken);
    }

    public bool IsOwner => RoleMatrix.Allows(RingbackClaims.RoleOf(User), Capability.PhoneSystem);

    [Requires(Capability.PhoneSystem)]
    public async Task<IActionResult> OnPostTwilioAsync(CancellationToken cancellationToken)
    {
        var errors = await TwilioAccount.ConnectAsync(db, TwilioAuthToken, TwilioDefaultRepEmail, RingbackClaims.ActorOf(User), clock.GetCurrentInstant(),
            text => protection.CreateProtector(TwilioAccount.Purpose).Protect(text), cancellationToken);
        if (!errors.IsEmpty)
        {
            await OnGetAsync(cancellationToken);
            ModelState.AddErrors(errors, prefix: "Twilio");
            return Page();
        }

        Notice = "Twilio is connected: give Twilio the status-callback URL below.";
        return Redirect("/settings#telephony-heading");
    }

    [Requires(Capability.PhoneSystem)]
    public async Task<IActionResult> OnPostRemoveTwilioAsync(CancellationToken cancellationToken)
    {
        await TwilioAccount.DisconnectAsync(db, RingbackClaims.ActorOf(User), clock.GetCurrentInstant(), cancellationToken);
        Notice = "Twilio is disconnected; its webhook URL no longer works.";
        return Redirect("/settings");
    }

    public async Task<IActionResult> OnPostCalendarAsync(CancellationToken cancellationToken)
    {
        var token = await CalendarFeed.RenewAsync(db, RingbackClaims.UserOf(User), cancellationToken);
        await OnGetAsync(cancellationToken);
        CalendarUrl = CalendarFeed.Url(options.Value.BaseUrl(Request), token);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeCalendarAsync(CancellationToken cancellationToken)
    {
        await CalendarFeed.RevokeAsync(db, RingbackClaims.UserOf(User), cancellationToken);
        Notice = "Your calendar link no longer works.";
        return Redirect("/settings");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await db.Users.SingleAsync(u => u.Id == RingbackClaims.UserOf(User), cancellationToken);
        var errors = ProfileRules.Apply(me, Input, options.Value.DefaultRegion);
        if (!errors.IsEmpty)
        {
            ModelState.AddErrors(errors);
            HasCalendar = me.CalendarTokenHash is not null;
            Reminders = ReminderForm.From(me.Reminders);
            await LoadTwilioAsync(cancellationToken);
            await LoadRemindersAsync(me, cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved.";
        return Redirect("/settings");
    }
}

/// <summary>A browser's <c>PushSubscription.toJSON()</c>, with the device's name if the page gives one.</summary>
public sealed record BrowserSubscription(string? Endpoint, BrowserSubscriptionKeys? Keys, string? Device);

public sealed record BrowserSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>The reminders form: the lead as typed, so a bad value is said back rather than lost.</summary>
public sealed class ReminderForm
{
    public string? LeadMinutes { get; set; }

    public bool App { get; set; }

    public bool Email { get; set; }

    public bool Push { get; set; }

    public bool WorkingHoursOnly { get; set; }

    public static ReminderForm From(Ringback.Reminders.ReminderSettings settings) => new()
    {
        LeadMinutes = settings.LeadMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        App = settings.App, Email = settings.Email, Push = settings.Push, WorkingHoursOnly = settings.WorkingHoursOnly,
    };

    public Ringback.Reminders.ReminderSettings? ToSettings() =>
        int.TryParse(LeadMinutes?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lead)
            ? new(lead, App, Email, Push, WorkingHoursOnly)
            : null;
}
