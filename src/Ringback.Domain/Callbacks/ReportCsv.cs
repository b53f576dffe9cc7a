using System.Globalization;
using System.Text;
using Ringback.Import;

namespace Ringback.Callbacks;

/// <summary>
/// The report as one tidy CSV table (one row per figure, the table it belongs to in the first column), so a spreadsheet
/// can pivot it. Names are escaped against formula injection.
/// </summary>
public static class ReportCsv
{
    public const string Header = "table,key,successes,trials,rate,ci_low,ci_high,too_few_to_conclude";

    public static string Write(CallbackReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append('\n');
        Row(csv, "callbacks", "all", report.CallbackRate);
        Row(csv, "connects", "all", report.ConnectRate);
        Row(csv, "promises-kept", "all", report.PromiseKeeping);
        foreach (var s in report.Strategies)
        {
            Row(csv, "strategy", s.Name, s.CallbackRate);
        }

        foreach (var a in report.Attempts)
        {
            Row(csv, "attempt", a.Attempt, a.CallbackRate);
        }

        foreach (var h in report.Hours)
        {
            Row(csv, "local-hour", string.Create(CultureInfo.InvariantCulture, $"{h.Day} {h.Hour:00}:00"), h.CallbackRate);
        }

        foreach (var r in report.Reps)
        {
            Row(csv, "rep-callbacks", r.Name, r.CallbackRate);
            Row(csv, "rep-connects", r.Name, r.ConnectRate);
            Row(csv, "rep-promises-kept", r.Name, r.PromiseKeeping);
        }

        var time = report.TimeToCallback;
        csv.Append(CultureInfo.InvariantCulture, $"time-to-callback,median-seconds,,{time.Count},{time.Median?.TotalSeconds},,,{time.Count < Rate.EnoughTrials}\n");
        csv.Append(CultureInfo.InvariantCulture, $"time-to-callback,p90-seconds,,{time.Count},{time.Percentile90?.TotalSeconds},,,{time.Count < Rate.EnoughTrials}\n");
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string table, string key, Rate rate) =>
        csv.Append(CultureInfo.InvariantCulture,
            $"{table},{Cell(key)},{rate.Successes},{rate.Trials},{rate.Value:0.####},{rate.Low:0.####},{rate.High:0.####},{rate.TooFewToConclude}\n");

    private static string Cell(string value)
    {
        var escaped = CsvCells.Escape(value) ?? string.Empty;
        return escaped.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{escaped.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : escaped;
    }
}
