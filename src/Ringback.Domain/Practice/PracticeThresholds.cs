using Ringback.Coach;

namespace Ringback.Practice;

/// <summary>Every figure a take is judged by, in one place, each with the reason it is what it is.</summary>
public static class PracticeThresholds
{
    /// <summary>
    /// Quieter than this, the take is under the level phone networks are built for (ITU-T P.56's nominal active speech
    /// level of −26 dBov) and a voicemail box plays it back faint; hence the advice "talk a bit louder".
    /// </summary>
    public const double TooQuietLufs = -26;

    /// <summary>A sample this close to full scale is at the ceiling of 16-bit audio (32,735 of 32,767).</summary>
    public const float FullScale = 0.999f;

    /// <summary>
    /// Three full-scale samples in a row are a flattened wave, not a peak that touched the top once: the box hears a
    /// crackle. (Resampling can lift a single sample over full scale without anything being cut.)
    /// </summary>
    public const int ClippedRunSamples = 3;

    /// <summary>
    /// Below 20 dB of signal over noise, the room is plainly heard in the pauses, and a phone codec, tuned for a
    /// voice, smears the noise into the words; hence "no background noises".
    /// </summary>
    public const double MinSnrDb = 20;

    /// <summary>A pause of digital silence has no floor; SNR is reported as this much at most.</summary>
    public const double SnrCeilingDb = 60;

    /// <summary>A frame is speech only when at least this far over the noise floor: with a loud room, what is left of the voice.</summary>
    public const double SpeechAboveFloorDb = 6;

    /// <summary>Silences shorter than this are the gaps inside and between words; longer ones are pauses, left out of the pace.</summary>
    public const double PauseSeconds = 0.3;

    /// <summary>
    /// A phone line carries nothing below 300 Hz, and every speaking voice's fundamental (85–255 Hz) is below it, so
    /// the fundamental alone says nothing. A voice centred under 110 Hz — a bass or low baritone — also loses its first
    /// two harmonics (under 220 and 330 Hz) and most of its warmth: what is left sounds thin and distant; hence
    /// "preferably not in a bass voice". The finding is a tip: a voice can be raised a little, not changed.
    /// </summary>
    public const double LowPitchHz = 110;

    /// <summary>The coach's pace, the same figure the composer times messages by.</summary>
    public const double CoachedWordsPerMinute = SpeakingTime.WordsPerMinute;

    /// <summary>
    /// More than 160 words a minute over the speech is a quarter faster than the coached pace: beyond the ±10 % a
    /// careful speaker drifts, and near conversational speed (150–170), which the seed asks to slow down from.
    /// </summary>
    public const double TooFastWordsPerMinute = 160;

    /// <summary>
    /// Writing a digit by hand takes about 0.4 s (handwriting runs near 150 characters a minute for a practised adult),
    /// so 2.5 digits a second is the most anyone scribbling can keep up with. At the coached pace a ten-digit number
    /// takes 5.6 s (1.8 digits a second, with a half-second pause between groups); faster than 2.5 is under 4 s.
    /// Numbers are said so they can be taken down: "spell out each digit at a speed with which one will be able to scribble down the number".
    /// </summary>
    public const double MaxDigitsPerSecond = 2.5;

    /// <summary>
    /// With the intended text, recognition is trusted when it finds, in order, at least this share of the text's words.
    /// Below it the take says something else or cannot be heard well: no finding is drawn from the transcript.
    /// </summary>
    public const double MinAgreement = 0.6;

    /// <summary>A take whose loudest sample is under this (−50 dBFS, about 0.3 % of full scale) holds no voice.</summary>
    public const double SilentPeakDbfs = -50;

    /// <summary>Shorter than a second there is nothing to judge: no one leaves a voicemail that short.</summary>
    public const double MinSeconds = 1;

    /// <summary>A voicemail box stops recording at two to three minutes; a longer take is not a voicemail.</summary>
    public const double MaxSeconds = 180;

    /// <summary>Three minutes of uncompressed 48 kHz stereo 16-bit WAV is 34 MB; compressed, 20 MB is far more than enough.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;
}
