using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using Ringback.Calls;
using Ringback.Data.Import;
using Ringback.Scheduling;

namespace Ringback.Data.Callbacks;

/// <summary>One line of Asterisk's <c>Master.csv</c>.</summary>
public sealed record CdrRecord(int Line, string Source, string Destination, string Context, string? CallerName, Instant Start, int BillSeconds,
    string Disposition, string ExternalId);

public sealed record CdrReading(IReadOnlyList<CdrRecord> Records, IReadOnlyList<RowError> Errors);

/// <summary>
/// Asterisk's CSV call detail records (cdr_csv): no header; the columns <see cref="Columns"/> in that order, the last
/// two only with <c>loguniqueid</c> and <c>loguserfield</c>. Times are the server's local time unless
/// <c>usegmtime=yes</c>, so the reader is told the server's zone.
/// </summary>
public static class AsteriskCdr
{
    public static readonly string[] Columns =
        ["accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec",
         "disposition", "amaflags", "uniqueid", "userfield"];

    public static readonly HashSet<string> Dispositions = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"];

    private const int Required = 16;
    private static readonly LocalDateTimePattern Time = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");

    public static CdrReading Read(TextReader reader, DateTimeZone serverZone)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(serverZone);
        var errors = new List<RowError>();
        var records = new List<CdrRecord>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = args => errors.Add(new RowError(args.Context.Parser?.RawRow ?? 0, null, "has a stray quote (\") in an unquoted field")),
        };
        using var csv = new CsvReader(reader, config);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length < Required)
            {
                errors.Add(new RowError(line, null, $"has {fields.Length} columns; a Master.csv line has {Required} to {Columns.Length} ({string.Join(", ", Columns[..Required])}…)"));
                continue;
            }

            var before = errors.Count;
            string Field(string name) => fields[Array.IndexOf(Columns, name)].Trim();
            var start = Field("start");
            var parsedStart = Time.Parse(start);
            if (!parsedStart.Success)
            {
                errors.Add(new RowError(line, "start", $"'{start}' is not a time like 2026-11-20 14:03:11"));
            }

            var billText = Field("billsec");
            if (!int.TryParse(billText, NumberStyles.None, CultureInfo.InvariantCulture, out var billSeconds) || billSeconds > CallRules.LongestCall.TotalSeconds)
            {
                errors.Add(new RowError(line, "billsec", $"'{billText}' is not a number of seconds"));
            }

            var durationText = Field("duration");
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new RowError(line, "duration", $"'{durationText}' is not a number of seconds"));
            }

            var disposition = Field("disposition").ToUpperInvariant();
            if (!Dispositions.Contains(disposition))
            {
                errors.Add(new RowError(line, "disposition", $"'{Field("disposition")}' is not one of {string.Join(", ", Dispositions)}"));
            }

            if (errors.Count > before)
            {
                continue;
            }

            var uniqueId = fields.Length > Array.IndexOf(Columns, "uniqueid") ? Field("uniqueid") : string.Empty;
            records.Add(new CdrRecord(line, Field("src"), Field("dst"), Field("dcontext"), CallerNameOf(Field("clid")),
                LocalTimes.Resolve(parsedStart.Value, serverZone).ToInstant(), billSeconds, disposition,
                "cdr:" + (uniqueId.Length > 0 ? uniqueId : Fingerprint(fields))));
        }

        return new CdrReading(records, errors);
    }

    /// <summary>"Sue Ellis" &lt;7035550147&gt; → Sue Ellis; a bare number or nothing → null.</summary>
    public static string? CallerNameOf(string clid)
    {
        ArgumentNullException.ThrowIfNull(clid);
        var angle = clid.IndexOf('<', StringComparison.Ordinal);
        var name = (angle >= 0 ? clid[..angle] : clid).Trim().Trim('"').Trim();
        return name.Length == 0 || name.All(c => char.IsDigit(c) || c is '+' or '-' or ' ') ? null : name;
    }

    /// <summary>Without a uniqueid, the line itself identifies the call: importing the same file twice logs it once.</summary>
    private static string Fingerprint(string[] fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields))))[..32];

    /// <summary>What Asterisk's disposition means for a call, in or out.</summary>
    public static CallOutcome OutcomeOf(string disposition, CallDirection direction) => (disposition, direction) switch
    {
        ("ANSWERED", _) => CallOutcome.Connected,
        (_, CallDirection.Inbound) => CallOutcome.NoAnswer,
        ("BUSY", _) => CallOutcome.Busy,
        ("FAILED", _) => CallOutcome.BadNumber,
        _ => CallOutcome.NoAnswer,
    };
}
