using NodaTime;
using Ringback.Callbacks;

namespace Ringback.Data.Callbacks;

/// <summary>How returned calls are credited: <c>Ringback:Callbacks:*</c>.</summary>
public sealed class CallbackOptions
{
    public const string Section = "Ringback:Callbacks";

    /// <summary>A callback is credited to the latest message left within this many days before it.</summary>
    public int CreditDays { get; set; } = (int)Attribution.DefaultWindow.TotalDays;

    public Duration CreditWindow => Duration.FromDays(CreditDays);
}
