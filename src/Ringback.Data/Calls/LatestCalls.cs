using Microsoft.EntityFrameworkCore;
using Ringback.Calls;

namespace Ringback.Data.Calls;

/// <summary>
/// The latest few calls of each of a list of contacts, read so that the plan is right at every list length on
/// both databases: one bounded read of the (contact, started) index per contact, joined by UNION ALL.
/// </summary>
/// <remarks>
/// The natural query, <c>calls WHERE contact_id IN (…) ORDER BY started_at DESC LIMIT n</c>, is answered on SQLite
/// by walking every call newest first once the list holds a few dozen ids (the planner prices the IN list above
/// the sort it saves), and it returns the newest calls of the busiest contacts rather than each contact's latest.
/// EF cannot express "top n per element of a parameter list" without a window over the whole table, so the query
/// is written out: each arm is an index range of at most <c>perContact</c> rows whatever the statistics say.
/// </remarks>
public static class LatestCalls
{
    /// <summary>Ids per statement: SQLite allows 500 arms in a compound SELECT; well under it, and under PostgreSQL's parameter limit.</summary>
    public const int Chunk = 200;

    public static IQueryable<Call> Of(RingbackDbContext db, IReadOnlyList<Guid> contactIds, int perContact)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contactIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(contactIds.Count, Chunk);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perContact);
        if (contactIds.Count == 0)
        {
            return db.Calls.Where(c => false);
        }

        // The arms name the table's own columns; the organization filter and the rest of the query go on top.
        var arms = contactIds.Select((_, i) =>
            $"SELECT * FROM (SELECT * FROM \"calls\" WHERE \"contact_id\" = {{{i}}} AND \"deleted_at\" IS NULL ORDER BY \"started_at\" DESC, \"id\" DESC LIMIT {perContact}) AS \"latest{i}\"");
        return db.Calls.FromSqlRaw(string.Join(" UNION ALL ", arms), [.. contactIds.Cast<object>()]).AsNoTracking();
    }
}
