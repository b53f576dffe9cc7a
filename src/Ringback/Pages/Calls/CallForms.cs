namespace Ringback.Pages.Calls;

/// <summary>What the call forms say in their own words where the call log's rules speak of stored fields.</summary>
public static class CallForms
{
    /// <summary>The forms take minutes; the rule counts seconds.</summary>
    public static readonly string DurationError = $"must be between 0 and {Ringback.Calls.CallRules.LongestCall.TotalMinutes:0} minutes";
}
