using Ringback.Scheduling;

namespace Ringback.Planner;

/// <summary>The rule for one place: a jurisdiction's lawful calling hours in the recipient's local time.</summary>
/// <param name="IsLaw">False for Ringback's default business hours where no law is configured: planned around, but never grounds to refuse a rep's own promise.</param>
public sealed record CallingRule(string Jurisdiction, string Name, WeeklyWindows Windows, string Source, bool IsLaw = true);

/// <summary>
/// Lawful hours for calling prospects where they are. The strictest applicable rule wins: in the US the federal
/// rule and the state's both apply. State rules change; these are the ones Ringback ships, each overridable by
/// configuration (<c>Ringback:CallingHours:US-FL</c>, <c>Ringback:CallingHours:GB</c>) on your counsel's advice.
/// </summary>
public static class CallingLaws
{
    public static readonly CallingRule UsFederal = new("US", "US federal law", WeeklyWindows.Parse("Mon-Sun 08:00-21:00"), "47 CFR 64.1200(c)(1): 8 a.m. to 9 p.m. at the called party's location");

    public static readonly CallingRule Canada = new("CA", "Canadian law", WeeklyWindows.Parse("Mon-Fri 09:00-21:30; Sat,Sun 10:00-18:00"),
        "CRTC Unsolicited Telecommunications Rules, Part III: 9:00-21:30 weekdays, 10:00-18:00 weekends");

    /// <summary>For countries without a configured rule: business hours, Monday to Saturday.</summary>
    public static readonly CallingRule Elsewhere = new("*", "business hours", WeeklyWindows.Parse("Mon-Fri 09:00-20:00; Sat 10:00-17:00"),
        "Ringback's default where no rule is configured; set Ringback:CallingHours:<country> to the local rule", IsLaw: false);

    /// <summary>States whose telemarketing laws are stricter than the federal hours.</summary>
    public static IReadOnlyDictionary<string, CallingRule> UsStates { get; } = new Dictionary<string, CallingRule>
    {
        ["FL"] = State("FL", "Florida", "Mon-Sun 08:00-20:00", "Fla. Stat. 501.616(6)"),
        ["OK"] = State("OK", "Oklahoma", "Mon-Sun 08:00-20:00", "Okla. Stat. tit. 15, 775C.4"),
        ["MD"] = State("MD", "Maryland", "Mon-Sun 08:00-20:00", "Md. Com. Law 14-4502"),
        ["WA"] = State("WA", "Washington", "Mon-Sun 08:00-20:00", "RCW 80.36.390"),
        ["CT"] = State("CT", "Connecticut", "Mon-Sun 09:00-20:00", "Conn. Gen. Stat. 42-288a"),
        ["MA"] = State("MA", "Massachusetts", "Mon-Sun 08:00-20:00", "940 CMR 19.05"),
        ["TX"] = State("TX", "Texas", "Mon-Sat 09:00-21:00; Sun 12:00-21:00", "Tex. Bus. & Com. Code 301.051"),
        ["AL"] = State("AL", "Alabama", "Mon-Sat 08:00-20:00", "Ala. Code 8-19A-14"),
        ["LA"] = State("LA", "Louisiana", "Mon-Sat 08:00-20:00", "La. R.S. 45:844.17"),
        ["MS"] = State("MS", "Mississippi", "Mon-Sat 08:00-20:00", "Miss. Code 77-3-725"),
        ["RI"] = State("RI", "Rhode Island", "Mon-Fri 09:00-18:00; Sat 10:00-17:00", "R.I. Gen. Laws 5-61-3.4"),
    };

    /// <summary>
    /// The rules for a prospect's place: configured overrides first ("US-FL", "US", "GB"), then the built-in ones.
    /// </summary>
    public static IReadOnlyList<CallingRule> For(string? country, string? subdivision, IReadOnlyDictionary<string, string>? overrides = null)
    {
        overrides ??= new Dictionary<string, string>();
        CallingRule? Configured(string key, string name) =>
            overrides.TryGetValue(key, out var text) && WeeklyWindows.TryParse(text, out var windows, out _)
                ? new CallingRule(key, name, windows, $"Ringback:CallingHours:{key}")
                : null;

        var rules = new List<CallingRule>();
        switch (country)
        {
            case "US" or "PR" or "VI" or "GU":
                rules.Add(Configured("US", "US federal law") ?? UsFederal);
                if (subdivision is not null && (Configured("US-" + subdivision, subdivision) ?? UsStates.GetValueOrDefault(subdivision)) is { } state)
                {
                    rules.Add(state);
                }

                break;
            case "CA":
                rules.Add(Configured("CA", "Canadian law") ?? Canada);
                if (subdivision is not null && Configured("CA-" + subdivision, subdivision) is { } province)
                {
                    rules.Add(province);
                }

                break;
            case { } other:
                rules.Add(Configured(other, other) ?? Elsewhere);
                break;
            default:
                rules.Add(Configured("*", "business hours") ?? Elsewhere);
                break;
        }

        return rules;
    }

    private static CallingRule State(string code, string name, string windows, string source) => new("US-" + code, name, WeeklyWindows.Parse(windows), source);
}
