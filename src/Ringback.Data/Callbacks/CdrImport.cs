using NodaTime;
using Ringback.Callbacks;
using Ringback.Calls;
using Ringback.Data.Import;
using Ringback.Phones;

namespace Ringback.Data.Callbacks;

public sealed record CdrImportOptions
{
    /// <summary>The Asterisk server's zone (its CDR times are local unless usegmtime=yes; then say UTC).</summary>
    public required DateTimeZone ServerZone { get; init; }

    public required string DefaultRegion { get; init; }

    /// <summary>Who gets calls no number says are someone's: the person importing.</summary>
    public required Guid ImportingUserId { get; init; }

    /// <summary>Import the good lines and report the bad ones, instead of importing nothing.</summary>
    public bool SkipBadRows { get; init; }
}

public sealed record CdrImportResult(int Logged, int AlreadyLogged, int ToInbox, int Ignored, IReadOnlyList<RowError> Errors, bool Imported);

/// <summary><c>ringback import cdr Master.csv</c>: every call with a prospect logged and credited, all or nothing.</summary>
public static class CdrImport
{
    /// <summary>Numbers this short are extensions on the PBX, not a prospect's line.</summary>
    public const int LongestExtension = 6;

    public static Task<CdrImportResult> ImportAsync(RingbackDbContext db, TextReader reader, CdrImportOptions options, Instant now,
        Planner.PlannerOptions planner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var reading = AsteriskCdr.Read(reader, options.ServerZone);
        if (reading.Errors.Count > 0 && !options.SkipBadRows)
        {
            return Task.FromResult(new CdrImportResult(0, 0, 0, 0, reading.Errors, Imported: false));
        }

        return db.InTransactionAsync(async ct =>
        {
            int logged = 0, again = 0, inbox = 0, ignored = 0;
            var errors = new List<RowError>(reading.Errors);
            foreach (var record in reading.Records.OrderBy(r => r.Start))
            {
                if (EventOf(record, options.DefaultRegion) is not { } reported)
                {
                    ignored++;
                    continue;
                }

                var result = await TelephonyCapture.CaptureAsync(db, reported, options.ImportingUserId, options.DefaultRegion, now, planner, ct);
                switch (result.Fate)
                {
                    case EventFate.Logged: logged++; break;
                    case EventFate.AlreadyLogged: again++; break;
                    case EventFate.Inbox: inbox++; break;
                    case EventFate.Ignored: ignored++; break;
                    default:
                        errors.AddRange(result.Errors.Fields.SelectMany(f => result.Errors.For(f).Select(m => new RowError(record.Line, ColumnOf(f), m))));
                        break;
                }
            }

            var refused = errors.Count > reading.Errors.Count;
            return new CdrImportResult(logged, again, inbox, ignored, [.. errors.OrderBy(e => e.Line)], Imported: !refused || options.SkipBadRows);
        }, r => r.Imported, cancellationToken);
    }

    /// <summary>
    /// Which way the call went: from an outside number to an extension is a call in; from an extension to an outside
    /// number a call out. Calls between extensions are nobody's prospect.
    /// </summary>
    public static TelephonyEvent? EventOf(CdrRecord record, string defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fromOutside = IsOutside(record.Source, defaultRegion);
        var toOutside = IsOutside(record.Destination, defaultRegion);
        CallDirection? direction = (fromOutside, toOutside) switch
        {
            (true, false) => CallDirection.Inbound,
            (false, true) => CallDirection.Outbound,
            // Trunk to trunk (a forwarded call): it came in from the caller.
            (true, true) => CallDirection.Inbound,
            _ => null,
        };
        return direction is { } d
            ? new TelephonyEvent(record.ExternalId, d, record.Source, record.Destination, record.CallerName, record.Start, record.BillSeconds,
                AsteriskCdr.OutcomeOf(record.Disposition, d), "cdr")
            : null;
    }

    private static bool IsOutside(string number, string defaultRegion) =>
        number.Count(char.IsDigit) > LongestExtension && PhoneNumberParser.TryParse(number, defaultRegion) is not null;

    private static string ColumnOf(string field) => field switch
    {
        "startedAt" => "start",
        "durationSeconds" => "billsec",
        _ => field,
    };
}
