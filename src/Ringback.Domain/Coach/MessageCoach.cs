using System.Text.RegularExpressions;
using Ringback.Calls;

namespace Ringback.Coach;

/// <summary>What the coach knows besides the words: who is calling, with which strategy, on whose referral.</summary>
public sealed record CoachContext
{
    /// <summary>The strategy the message follows; null for a message that follows none ("generic").</summary>
    public Strategy? Strategy { get; init; }

    /// <summary>The caller's own name. Without it the coach looks for "this is …" or "my name is …".</summary>
    public string? CallerName { get; init; }

    public string? ReferrerName { get; init; }

    /// <summary>The caller's own numbers (E.164): the callback and after-hours numbers a message may give.</summary>
    public IReadOnlyList<string> CallerNumbers { get; init; } = [];

    /// <summary>A message to someone who has not yet called back: reminders of earlier messages count as reproach.</summary>
    public bool FollowUp { get; init; }

    /// <summary>The point the rep typed into the composer's own field: said in the message, it is the specific reason.</summary>
    public string? Reason { get; init; }

    /// <summary>How the call helps them, as the rep typed it into the composer: said in the message, it is the benefit.</summary>
    public string? Benefit { get; init; }

    /// <summary>What was achieved for the reference client the message names (third party, association): a benefit too.</summary>
    public string? ReferenceResult { get; init; }
}

/// <summary>One thing the coach noticed, with where in the message it is when it is somewhere.</summary>
public sealed record CoachFinding(string Rule, Severity Severity, string Message, string Tip, int? Start = null, int? End = null);

public sealed record CoachReport(int Score, int Sentences, double EstimatedSeconds, IReadOnlyList<CoachFinding> Findings)
{
    public bool Has(string rule) => Findings.Any(f => f.Rule == rule);
}

/// <summary>
/// The voicemail coach: reads a message the way a careful listener would and says what will cost the
/// callback, by the seeds' rules (<see cref="CoachRules"/>). Pure: no clock, no storage, no I/O.
/// </summary>
public static partial class MessageCoach
{
    public const int MaxSentences = 4;
    public const double MaxSeconds = 30;

    public static CoachReport Review(string message, CoachContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var sentences = Sentences.Split(message);
        var seconds = SpeakingTime.EstimateSeconds(message);
        var findings = new List<CoachFinding>();
        if (sentences.Count == 0)
        {
            findings.Add(Found(CoachRules.NumberMissing, "The message is empty."));
            return Report(findings, 0, seconds);
        }

        CheckPlaceholders(message, findings);
        CheckCallerName(sentences, context, findings);
        CheckNumbers(message, sentences, context, findings);
        CheckLength(sentences, seconds, findings);
        CheckContent(message, context, findings);
        CheckReferrer(sentences, context, findings);
        CheckTone(message, context, findings);
        return Report(findings, sentences.Count, seconds);
    }

    private static CoachReport Report(List<CoachFinding> findings, int sentences, double seconds)
    {
        var penalty = findings.GroupBy(f => f.Rule).Sum(g => CoachRules.All.First(r => r.Id == g.Key).Penalty);
        return new CoachReport(Math.Max(0, 100 - penalty), sentences, seconds, findings);
    }

    private static CoachFinding Found(CoachRule rule, string message, int? start = null, int? end = null) =>
        new(rule.Id, rule.Severity, message, rule.Tip, start, end);

    /// <summary>"[reason]" left by the composer (or "{benefit}" from a template) would be read out as it stands.</summary>
    private static void CheckPlaceholders(string message, List<CoachFinding> findings)
    {
        foreach (Match m in Placeholders().Matches(message))
        {
            findings.Add(Found(CoachRules.UnfilledPlaceholder, $"\"{m.Value}\" is still a placeholder: say what you mean there.", m.Index, m.Index + m.Length));
        }
    }

    /// <summary>Placeholders in a message, as the composer leaves them.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string message) =>
        [.. Placeholders().Matches(message ?? string.Empty).Select(m => m.Value).Distinct()];

    private static void CheckCallerName(IReadOnlyList<Sentence> sentences, CoachContext context, List<CoachFinding> findings)
    {
        bool Names(Sentence s) => context.CallerName is { } name && !string.IsNullOrWhiteSpace(name)
            ? MentionsPerson(s.Text, name)
            : SelfIntroduction().IsMatch(s.Text);

        var first = sentences[0];
        if (Names(first))
        {
            return;
        }

        // A referral opens with the referrer's name and the caller's follows.
        if (context.Strategy == Strategy.Referral && context.ReferrerName is { } referrer
            && MentionsPerson(first.Text, referrer) && sentences.Count > 1 && Names(sentences[1]))
        {
            return;
        }

        var said = sentences.Select((s, i) => (s, i)).FirstOrDefault(p => Names(p.s));
        findings.Add(Found(CoachRules.CallerNameFirst,
            said.s is null
                ? "You never say who is calling."
                : $"You first say who is calling in sentence {said.i + 1}; say it in the first.",
            first.Start, first.End));
    }

    private static void CheckNumbers(string message, IReadOnlyList<Sentence> sentences, CoachContext context, List<CoachFinding> findings)
    {
        var numbers = NumberMentions.Find(message);
        if (numbers.Count == 0)
        {
            findings.Add(Found(CoachRules.NumberMissing, "There is no callback number in the message."));
            return;
        }

        if (context.CallerNumbers.Count > 0 && numbers.FirstOrDefault(n => !context.CallerNumbers.Any(own => IsSameNumber(n.Digits, own))) is { } stranger)
        {
            findings.Add(Found(CoachRules.NumberDiffers,
                $"\"{message[stranger.Start..stranger.End]}\" is not your number ({string.Join(" or ", context.CallerNumbers.Select(PhoneSpeech.Written))}).",
                stranger.Start, stranger.End));
        }

        var at = numbers.Select(n => SentenceIndex(sentences, n.Start)).ToList();
        if (at[0] > 1)
        {
            findings.Add(Found(CoachRules.NumberNotAtStart,
                $"Your number first comes in sentence {at[0] + 1} of {sentences.Count}; give it in the first two.", numbers[0].Start, numbers[0].End));
        }

        var lastTwo = Math.Max(0, sentences.Count - 2);
        var repeatedAtEnd = at.Skip(1).Any(i => i >= lastTwo);
        if (!repeatedAtEnd)
        {
            findings.Add(Found(CoachRules.NumberNotAtEnd,
                numbers.Count == 1
                    ? "You give your number once; repeat it at the end."
                    : "You don't repeat your number in the last two sentences.",
                numbers[^1].Start, numbers[^1].End));
        }
    }

    /// <summary>Whether a message is short enough for the coach: at most <see cref="MaxSentences"/> sentences and <see cref="MaxSeconds"/> to say.</summary>
    public static bool Fits(string message) =>
        Sentences.Split(message).Count <= MaxSentences && SpeakingTime.EstimateSeconds(message) <= MaxSeconds;

    private static void CheckLength(IReadOnlyList<Sentence> sentences, double seconds, List<CoachFinding> findings)
    {
        if (sentences.Count > MaxSentences)
        {
            findings.Add(Found(CoachRules.TooManySentences, $"{sentences.Count} sentences; keep it to {MaxSentences} at most.",
                sentences[MaxSentences].Start, sentences[^1].End));
        }

        if (seconds > MaxSeconds)
        {
            findings.Add(Found(CoachRules.TooLongToSay, $"About {seconds:0} seconds to say slowly; keep it under {MaxSeconds:0}."));
        }
    }

    private static void CheckContent(string message, CoachContext context, List<CoachFinding> findings)
    {
        if (context.Strategy != Strategy.Vague && !SpecificReason().IsMatch(message) && !Says(message, context.Reason))
        {
            findings.Add(Found(CoachRules.NoSpecificReason, "There is no specific point you want to talk about."));
        }

        if (context.Strategy is not (Strategy.Vague or Strategy.TagTeam) && !Benefit().IsMatch(message) && !Says(message, context.Benefit) && !Says(message, context.ReferenceResult))
        {
            findings.Add(Found(CoachRules.NoBenefit, "Nothing says how the call helps them."));
        }

        if (!DayReference().IsMatch(message) && !ClockTime().IsMatch(message))
        {
            findings.Add(Found(CoachRules.NoSpecificTime, "No specific day or time for the next contact."));
        }

        var ask = AsksForCallBack().Match(message);
        if (ask.Success && !CallerWillCallAgain().IsMatch(message))
        {
            findings.Add(Found(CoachRules.GivesAwayControl, $"\"{ask.Value}\" leaves the next step to them; say when you will call again.", ask.Index, ask.Index + ask.Length));
        }

        var goodTime = AsksIfGoodTime().Match(message);
        if (goodTime.Success)
        {
            findings.Add(Found(CoachRules.AsksIfGoodTime, $"\"{goodTime.Value}\": never ask whether it is a good time.", goodTime.Index, goodTime.Index + goodTime.Length));
        }
    }

    private static void CheckReferrer(IReadOnlyList<Sentence> sentences, CoachContext context, List<CoachFinding> findings)
    {
        if (context.Strategy != Strategy.Referral || string.IsNullOrWhiteSpace(context.ReferrerName))
        {
            return;
        }

        var named = sentences.Select((s, i) => (s, i)).Where(p => MentionsPerson(p.s.Text, context.ReferrerName)).Select(p => p.i).ToList();
        var atStart = named.Count > 0 && named[0] <= 1;
        var atClose = named.Count > 1 && named[^1] >= Math.Max(named[0] + 1, sentences.Count - 2);
        if (!atStart || !atClose)
        {
            var what = named.Count switch
            {
                0 => $"You never name {context.ReferrerName}, who referred you.",
                1 => $"You name {context.ReferrerName} once; name them at the start and again at the close.",
                _ => !atStart ? $"Open with {context.ReferrerName}'s name." : $"Name {context.ReferrerName} again at the close.",
            };
            findings.Add(Found(CoachRules.ReferrerNamedOnce, what));
        }

    }

    private static void CheckTone(string message, CoachContext context, List<CoachFinding> findings)
    {
        var reproach = Reproach().Match(message);
        if (!reproach.Success && context.FollowUp)
        {
            reproach = FollowUpReproach().Match(message);
        }

        if (reproach.Success)
        {
            findings.Add(Found(CoachRules.Displeasure, $"\"{reproach.Value}\" sounds like a reproach.", reproach.Index, reproach.Index + reproach.Length));
        }

        var fillers = Filler().Matches(message);
        if (fillers.Count > 0)
        {
            var words = string.Join(", ", fillers.Select(m => $"\"{m.Groups["f"].Value.ToLowerInvariant()}\"").Distinct());
            findings.Add(Found(CoachRules.FillerWords, $"Filler words: {words}.", fillers[0].Index, fillers[0].Index + fillers[0].Length));
        }
    }

    /// <summary>Whether the message says what the rep typed (case, spacing and punctuation aside).</summary>
    private static bool Says(string message, string? typed)
    {
        var words = Words(typed);
        return words.Length > 0 && $" {Words(message)} ".Contains($" {words} ", StringComparison.Ordinal);
    }

    private static string Words(string? text) =>
        text is null ? string.Empty : string.Join(' ', Token().Matches(text.ToLowerInvariant()).Select(m => m.Value));

    [GeneratedRegex(@"[\p{L}\d]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\[[A-Za-z][A-Za-z.]*\]|\{[A-Za-z][A-Za-z.]*\}")]
    private static partial Regex Placeholders();

    /// <summary>Said digits match a number when they are its tail: "555-8047", "703-555-8047", "1 703…", or "020…" for +44 20….</summary>
    internal static bool IsSameNumber(string saidDigits, string e164)
    {
        var full = e164.TrimStart('+');
        return full.EndsWith(saidDigits, StringComparison.Ordinal)
            || (saidDigits.StartsWith('0') && full.EndsWith(saidDigits[1..], StringComparison.Ordinal));
    }

    private static int SentenceIndex(IReadOnlyList<Sentence> sentences, int position)
    {
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            if (position >= sentences[i].Start)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>A person is mentioned by their full name, or by their first or last name alone.</summary>
    internal static bool MentionsPerson(string text, string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        IEnumerable<string> forms = parts.Length == 1 ? parts : [string.Join(' ', parts), parts[0], parts[^1]];
        return forms.Where(f => f.Length > 1).Any(f =>
            Regex.IsMatch(text, $@"(?<![\p{{L}}]){Regex.Escape(f)}(?![\p{{L}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    [GeneratedRegex(@"\b(this is|my name is|it's|it is|I'm|I am)\s+[A-Z][\p{L}'\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"\b(regarding|concerning|re:|in connection with|to (discuss|review|go over|follow up on|show you|share)|following up on|requirement|looking for|feedback|proposal|quote|bid|renewal|contract|about\s+(?!it\b|that\b|this\b|you\b)[\p{L}\d]|calling as promised|the person to speak to)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecificReason();

    [GeneratedRegex(@"\b(help(s|ed|ing)?|sav(e|es|ed|ing|ings)|cut(s|ting)?|reduc(e|es|ed|ing)|lower(s|ed|ing)?|improv(e|es|ed|ing|ement)|increas(e|es|ed|ing)|boost(s|ed)?|grow(s|th|ing)?|faster|quicker|less time|more time|spend less|free up|benefit(s)?|results?|success(ful)?|avoid|protect|win|gain(s)?|revenue|profit(s|able)?|efficien\w*|easier|simpler|morale|productiv\w*|fewer|more (sales|customers|clients|leads|business))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Benefit();

    [GeneratedRegex(@"\b((mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|this (morning|afternoon|evening)|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?|\d{1,2}(st|nd|rd|th)\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayReference();

    [GeneratedRegex(@"(\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(a\.?m\.?|p\.?m\.?|o'?clock)(?!\w)|\b(at|between|from|until|till|by|before|after|around|and)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)\b(?!\s*(%|percent|per|minutes|hours|days|weeks|months|years|of\b))|\b(noon|midday)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(call me( back)?|give me a (call|ring|buzz)( back)?|call (us )?back|return (my|the|this) call|ring me( back)?|get back to me|reach me|be reached|hear(ing)? (back )?from you|contact me|phone me)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForCallBack();

    [GeneratedRegex(@"\b(I'?ll|I will|I'm going to|I am going to|I shall|we'll|we will)\s+(call|try|ring|phone|give you a (call|ring)|follow up|be calling|contact|reach out)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallerWillCallAgain();

    [GeneratedRegex(@"\b(is (now|this|it) (a |an )?(good|bad|convenient|ok|okay|inconvenient) time|(good|convenient|bad) time (to|for) (talk|chat|call|speak)|do you have (a )?(minute|moment|second|sec)\b|have you got (a )?(minute|moment|second|sec)\b|got a (minute|moment|sec)\b|catch(ing)? you at a (bad|good) time|are you busy)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksIfGoodTime();

    [GeneratedRegex(@"\b((haven'?t|have not|hadn'?t|had not|I've not|I have not) (yet )?heard (back|from you)|(you )?never (returned|called|got back|get back|responded|replied|answered)|(didn'?t|did not|don'?t|do not|haven'?t|have not) (return|returned|call me back|called me back|get back|got back|respond|responded|reply|replied)|(second|third|fourth|fifth|sixth|several|many|multiple|numerous) (messages?|voicemails?|times|attempts)|still waiting|yet again|no (response|reply) (yet|so far)|(hard|difficult) to (reach|get hold of)|tried (you |to reach you )?(several|many|a few|numerous|so many) times)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reproach();

    [GeneratedRegex(@"\b((my|the) (last|previous|earlier|other) (message|voicemail|call)s?|I('ve| have)? left you (a |another )?(message|voicemail)|(did|have) you (get|got|receive|received|listen to|hear) my (message|voicemail)|in case you missed)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpReproach();

    [GeneratedRegex(@"(?<f>\b(?:u+m+|u+h+|e+r+m*|a+h+m?|hmm+)\b(?![-'’])|(?<=(?:,|^)\s*)you know\b(?=\s*[,.…])|\byou know(?=\s*,))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Filler();
}
