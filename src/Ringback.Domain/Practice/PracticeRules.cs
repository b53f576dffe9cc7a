using Ringback.Coach;

namespace Ringback.Practice;

/// <summary>What a recorded take can show that a typed message cannot. Ids are stable, like the coach's.</summary>
public static class PracticeRules
{
    public static readonly CoachRule TooQuiet = new("too-quiet", Severity.Warning, "004 lesson 2a",
        "Talk a bit louder, or hold the phone closer: a voicemail box plays a quiet message back fainter still.");

    public static readonly CoachRule Clipping = new("clipping", Severity.Warning, "004 lesson 2a",
        "Hold the microphone a little further away or lower the input level: the loudest words are cut off and crackle.");

    public static readonly CoachRule BackgroundNoise = new("background-noise", Severity.Warning, "004 lesson 2b",
        "Record somewhere quiet: no TV, music, traffic or crowd behind you.");

    public static readonly CoachRule LowPitch = new("low-pitch", Severity.Tip, "004 lesson 2a",
        "Lift your voice a little and brighten it: the phone line cuts everything below 300 Hz, where a deep voice carries its strength.");

    public static readonly CoachRule TooFast = new("too-fast", Severity.Warning, "004 lesson 2a",
        "Talk slower than your normal speed: about 130 words a minute, a breath between sentences.");

    public static readonly CoachRule NumberTooFast = new("number-too-fast", Severity.Warning, "004 lesson 2c",
        "Say your number digit by digit at writing speed, with a pause between the groups: they are scribbling it down.");

    public static readonly CoachRule NumberSaidOnce = new("number-said-once", Severity.Warning, "004 lesson 2c, 2e",
        "Repeat your number before you close, so they need not replay the message to get it.");

    public static readonly CoachRule RecognitionUnsure = new("recognition-unsure", Severity.Tip, "—",
        "Type the message you mean to say beside the take, speak it as written, and record again in a quiet room.");
}
