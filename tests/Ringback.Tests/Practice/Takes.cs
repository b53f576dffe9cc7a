using System.Diagnostics;
using Ringback.Tests.Infrastructure;

namespace Ringback.Tests.Practice;

/// <summary>
/// Practice takes made on this machine, never downloaded: Debian's flite (its slt voice is recognized well by
/// pocketsphinx) and espeak-ng at known rates, with sox mixing in noise at a known level, changing gain or pitch.
/// </summary>
public sealed class Takes : IDisposable
{
    public const string Message = "Hi Dana, this is Freda Whitehouse at ABC Company. My number is 901-555-2120. "
        + "I'm calling about how we can cut your fleet's overtime costs, and I'll call you again Thursday at 10. Again, 901-555-2120.";

    private static readonly string[] Digits = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private readonly string _folder = Directory.CreateTempSubdirectory("ringback-takes-").FullName;

    public static void RequireTools()
    {
        foreach (var tool in new[] { "flite", "sox", "ffmpeg", "pocketsphinx_continuous", "espeak-ng" })
        {
            TestEnvironment.RequireTool(TestEnvironment.HasProgram(tool), $"{tool} is not installed (apt-get install flite sox ffmpeg pocketsphinx pocketsphinx-en-us espeak-ng)");
        }
    }

    /// <summary>The message said by flite's slt voice; <paramref name="stretch"/> above 1 is slower, below 1 faster.</summary>
    public string Flite(string text = Message, double stretch = 1.0, string voice = "slt")
    {
        var path = Next("wav");
        Run("flite", "-voice", voice, "--setf", $"duration_stretch={stretch.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-t", Spoken(text), "-o", path);
        return path;
    }

    /// <summary>
    /// The message as a careful rep says it: the words at <paramref name="stretch"/>, and each group of the number said
    /// on its own with <paramref name="groupPause"/> seconds of silence after it, for someone writing it down (flite
    /// itself barely pauses at a comma or a full stop).
    /// </summary>
    public string Careful(string text = Message, double stretch = 1.25, double groupPause = 0.6)
    {
        var pieces = new List<string>();
        var silence = Next("wav");
        Run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", silence, "trim", "0", groupPause.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var at = 0;
        foreach (var number in Ringback.Coach.NumberMentions.Find(text).Where(n => !n.InWords))
        {
            pieces.Add(Flite(text[at..number.Start], stretch));
            foreach (System.Text.RegularExpressions.Match group in System.Text.RegularExpressions.Regex.Matches(text[number.Start..number.End], @"\d+"))
            {
                pieces.Add(Flite(string.Join(' ', group.Value.Select(d => Digits[d - '0'])), stretch));
                pieces.Add(silence);
            }

            at = number.End;
        }

        pieces.Add(Flite(text[at..], stretch));
        var path = Next("wav");
        Run("sox", [.. pieces, path]);
        return path;
    }

    /// <summary>The message said by espeak-ng at <paramref name="wordsPerMinute"/>.</summary>
    public string Espeak(int wordsPerMinute, string text = Message, string voice = "en-us")
    {
        var path = Next("wav");
        Run("espeak-ng", "-s", $"{wordsPerMinute}", "-v", voice, "-w", path, Spoken(text));
        return path;
    }

    /// <summary>Half a second of silence each side, as a real recording has before and after the voice.</summary>
    public string Padded(string take) => Sox(take, "pad", "0.5", "0.5");

    /// <summary>White noise mixed in <paramref name="belowDb"/> dB under the voice's loud level.</summary>
    public string WithNoise(string take, double belowDb)
    {
        var padded = Padded(take);
        var noise = Next("wav");
        var seconds = Output("soxi", "-D", padded).Trim();
        var level = Output("sox", padded, "-n", "stats").Split('\n').First(l => l.StartsWith("RMS lev dB", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        var amplitude = Math.Pow(10, (double.Parse(level, System.Globalization.CultureInfo.InvariantCulture) - belowDb) / 20) * Math.Sqrt(3);
        var rate = Output("soxi", "-r", padded).Trim();
        Run("sox", "-n", "-r", rate, "-c", "1", "-b", "16", noise, "synth", seconds, "whitenoise", "vol", amplitude.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        var mixed = Next("wav");
        Run("sox", "-m", padded, noise, mixed);
        return mixed;
    }

    public string Sox(string take, params string[] effects)
    {
        var path = Next("wav");
        Run("sox", ["-V1", take, path, .. effects]);
        return path;
    }

    public string Ffmpeg(string take, string extension, params string[] options)
    {
        var path = Next(extension);
        Run("ffmpeg", ["-v", "error", "-i", take, .. options, path]);
        return path;
    }

    public string Next(string extension) => Path.Combine(_folder, $"{Guid.NewGuid():N}.{extension}");

    /// <summary>Numbers digit by digit with pauses between groups, as a careful rep says them (and the coach's voice does).</summary>
    private static string Spoken(string text) => Ringback.Coach.PhoneSpeech.ForSpeech(text);

    public static void Run(string program, params string[] arguments) => Output(program, arguments);

    public static string Output(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        // Errors are read on another thread so neither pipe fills while the other is read.
        var errors = string.Empty;
        var reader = new Thread(() => errors = process.StandardError.ReadToEnd());
        reader.Start();
        var output = process.StandardOutput.ReadToEnd();
        reader.Join();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)}: {errors}");
        return output + errors;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
