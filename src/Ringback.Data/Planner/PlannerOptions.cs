using Ringback.Data.Callbacks;
using Ringback.Planner;

namespace Ringback.Data.Planner;

/// <summary>The planner's settings: <c>Ringback:Planner:*</c>, and calling-hours rules under <c>Ringback:CallingHours:*</c>.</summary>
public sealed class PlannerOptions
{
    public const string Section = "Ringback:Planner";

    /// <summary>A call this close to a promised time keeps the promise.</summary>
    public int PromiseToleranceMinutes { get; set; } = 10;

    /// <summary>A message left expects a callback by the end of the prospect's N-th business day.</summary>
    public int ExpectCallbackBusinessDays { get; set; } = 1;

    /// <summary>
    /// How callbacks are credited (<see cref="CallbackOptions"/>, its own section), carried here because every write
    /// that replans a contact also credits its calls; the host sets it from <c>Ringback:Callbacks</c>.
    /// </summary>
    public CallbackOptions Callbacks { get; set; } = new();

    public NodaTime.Duration CreditWindow => Callbacks.CreditWindow;

    /// <summary>A registry copy older than this may not be relied on (the US and Canadian 31-day scrub rule).</summary>
    public int RegistryMaxAgeDays { get; set; } = 31;

    /// <summary>Rules that replace or add to the built-in ones: key "US-FL", "US", "GB", "*"; value weekly windows.</summary>
    public Dictionary<string, string> CallingHours { get; set; } = [];

    public PlannerSettings Settings => new()
    {
        PromiseTolerance = NodaTime.Duration.FromMinutes(PromiseToleranceMinutes),
        ExpectCallbackBusinessDays = ExpectCallbackBusinessDays,
    };
}
