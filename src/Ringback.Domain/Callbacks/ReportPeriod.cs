using NodaTime;
using NodaTime.Text;
using Ringback.Scheduling;
using Ringback.Validation;

namespace Ringback.Callbacks;

/// <summary>The days a report covers, first and last included, as instants in the reader's zone.</summary>
public sealed record ReportPeriod(LocalDate First, LocalDate Last, Instant From, Instant To)
{
    public const int DefaultDays = 90;

    /// <summary>A long period is fine; a reversed or absurd one is a mistake worth saying.</summary>
    public const int MaxDays = 3660;

    /// <summary>"2026-09-01".."2026-11-30"; either may be left out (the last 90 days up to today).</summary>
    public static ReportPeriod? Read(string? first, string? last, DateTimeZone zone, Instant now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(errors);
        var today = now.InZone(zone).Date;
        var lastDay = Date(last, "to", errors) ?? today;
        var firstDay = Date(first, "from", errors) ?? (lastDay > Dates.First.PlusDays(DefaultDays) ? lastDay.PlusDays(1 - DefaultDays) : Dates.First);
        if (!errors.IsEmpty)
        {
            return null;
        }

        if (lastDay < firstDay)
        {
            errors.Add("to", $"{LocalDatePattern.Iso.Format(lastDay)} is before from ({LocalDatePattern.Iso.Format(firstDay)})");
            return null;
        }

        if (Period.Between(firstDay, lastDay, PeriodUnits.Days).Days >= MaxDays)
        {
            errors.Add("from", $"the period may be at most {MaxDays} days");
            return null;
        }

        return new(firstDay, lastDay, LocalTimes.Resolve(firstDay.AtMidnight(), zone).ToInstant(),
            LocalTimes.Resolve(lastDay.PlusDays(1).AtMidnight(), zone).ToInstant());
    }

    private static LocalDate? Date(string? text, string field, ValidationErrors errors) => Dates.Day(text, field, errors);

    public override string ToString() => $"{LocalDatePattern.Iso.Format(First)} to {LocalDatePattern.Iso.Format(Last)}";
}
