using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Ringback.Calls;
using Ringback.Coach;
using Ringback.Data.Coach;
using Ringback.Scheduling;
using Ringback.Validation;
using Ringback.Web;

namespace Ringback.Pages.Contacts;

/// <summary>The composer, the coach and the practice voice in the log-a-call form.</summary>
public sealed partial class DetailsModel
{
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
        var facts = await FactsAsync(cancellationToken);
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
                shortened = result?.Message?.Shortened is { Count: > 0 } cut ? $"Shortened to fit 30 seconds: {string.Join("; ", cut)}." : null,
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

        var facts = await FactsAsync(cancellationToken);
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
            return StatusCode(StatusCodes.Status501NotImplemented, Ringback.Practice.PracticeVoice.InstallHint);
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
        var report = MessageCoach.Review(Call.MessageText, VoicemailDesk.ContextFor(facts, strategy) with { Reason = Call.Reason, Benefit = Call.Benefit });
        return new CoachView(report, Rep.CallbackPhone is { } number ? PhoneSpeech.Speak(number) : null,
            Rep.CallbackPhone is { } shown ? Phones.PhoneFormat.Shown(shown, options.Value.DefaultRegion) : null);
    }
}
