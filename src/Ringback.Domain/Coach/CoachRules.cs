namespace Ringback.Coach;

public enum Severity
{
    Error,
    Warning,
    Tip,
}

/// <summary>One of the coach's rules: a stable id people and scripts can rely on, where it comes from, and what to do.</summary>
public sealed record CoachRule(string Id, Severity Severity, string Source, string Tip)
{
    /// <summary>Points a finding of this rule takes off the score of 100.</summary>
    public int Penalty => Severity switch
    {
        Severity.Error => 25,
        Severity.Warning => 10,
        _ => 5,
    };
}

/// <summary>The rules, each with its seed. Ids never change once published: the API, the CLI's JSON and saved reports use them.</summary>
public static class CoachRules
{
    public static readonly CoachRule CallerNameFirst = new("caller-name-first", Severity.Error, "004 lesson 2c",
        "Say who is calling first: \"Hi Sue, this is Greg Pitcher at …\". On a referral, the referrer's name may open and yours follows at once (002 ONE).");

    public static readonly CoachRule NumberMissing = new("number-missing", Severity.Error, "002 NINE, 004 lesson 2c",
        "Give your callback number, digit by digit, slowly enough to write down.");

    public static readonly CoachRule NumberNotAtStart = new("number-not-at-start", Severity.Warning, "002 NINE, 004 lesson 2c",
        "Give your number right after your name, in the first or second sentence.");

    public static readonly CoachRule NumberNotAtEnd = new("number-not-at-end", Severity.Warning, "002 NINE, 004 lesson 2e",
        "Repeat your number in the last sentence or two, so they need not replay the message.");

    public static readonly CoachRule TooManySentences = new("too-many-sentences", Severity.Warning, "002 SEVEN",
        "Keep it to three or four sentences: long messages mark you as long-winded.");

    public static readonly CoachRule TooLongToSay = new("too-long-to-say", Severity.Warning, "002 SEVEN, 004 lesson 2d",
        "At a slow, clear pace this takes more than 30 seconds; cut what they don't need to call back.");

    public static readonly CoachRule NoSpecificReason = new("no-specific-reason", Severity.Tip, "002 TWO",
        "Name one specific thing you want to talk about: \"your feedback on the bid I sent last week\".");

    public static readonly CoachRule NoBenefit = new("no-benefit", Severity.Tip, "002 THREE",
        "Say how the call helps them: \"how we can cut your overtime costs\".");

    public static readonly CoachRule NoSpecificTime = new("no-specific-time", Severity.Warning, "002 FOUR, 003",
        "Name a day and time: \"I'll call you again Thursday at 10\" or \"I'm in tomorrow between 9 and noon\".");

    public static readonly CoachRule GivesAwayControl = new("gives-away-control", Severity.Warning, "003",
        "Keep control: say when you will call again (\"I'll call you again at 08:15 tomorrow\"), not only \"call me back\".");

    public static readonly CoachRule AsksIfGoodTime = new("asks-if-good-time", Severity.Error, "003",
        "Never ask whether now is a good time; say why you are calling.");

    public static readonly CoachRule ReferrerNamedOnce = new("referrer-named-once", Severity.Warning, "002 ONE",
        "Name your referrer at the start and again at the close: \"As I said, our mutual friend Harley Smith prompted me to call.\"");

    public static readonly CoachRule Displeasure = new("displeasure", Severity.Error, "004 closing paragraph",
        "Never reproach them for not calling back; sound glad to try again.");

    public static readonly CoachRule FillerWords = new("filler-words", Severity.Tip, "000, 004 lesson 2",
        "Practise until you can say it without um, uh, er or \"you know\".");

    public static readonly CoachRule NumberDiffers = new("number-differs", Severity.Warning, "002 NINE, 002 TEN",
        "A number in the message is not your callback or after-hours number: check it digit by digit.");

    public static readonly CoachRule UnfilledPlaceholder = new("unfilled-placeholder", Severity.Error, "000: be prepared",
        "Replace every [placeholder] with what you will really say before you leave the message.");

    public static IReadOnlyList<CoachRule> All { get; } =
    [
        UnfilledPlaceholder, CallerNameFirst, NumberMissing, NumberNotAtStart, NumberNotAtEnd, NumberDiffers, TooManySentences, TooLongToSay, NoSpecificReason,
        NoBenefit, NoSpecificTime, GivesAwayControl, AsksIfGoodTime, ReferrerNamedOnce, Displeasure, FillerWords,
    ];
}
