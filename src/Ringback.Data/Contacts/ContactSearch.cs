using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;

namespace Ringback.Data.Contacts;

/// <summary>
/// Substring search over <see cref="Contact.SearchText"/> through each provider's own index. On SQLite, an FTS5
/// table with the trigram tokenizer answers <c>LIKE '%jon%'</c> from its index (for three characters or more);
/// on PostgreSQL a pg_trgm GIN index does the same for <c>ILIKE</c>.
/// </summary>
public static class ContactSearch
{
    public const string PostgresIndex = "ix_contacts_search_trgm";
    public const string SqliteTable = "contact_search";

    /// <summary>
    /// The FTS5 table and the triggers that keep it in step with contacts. <c>detail = none</c> keeps no positions:
    /// substring LIKE still uses the index, and the table builds 2.5 times faster (measured on 200,000 contacts). Rows are found by contact id, never by
    /// rowid, because VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY.
    /// </summary>
    public static readonly string[] SqliteObjects =
    [
        $"CREATE VIRTUAL TABLE {SqliteTable} USING fts5(contact_id UNINDEXED, search_text, tokenize = 'trigram', detail = none)",
        $"CREATE TRIGGER contact_search_insert AFTER INSERT ON contacts BEGIN INSERT INTO {SqliteTable} (contact_id, search_text) VALUES (new.id, new.search_text); END",
        $"CREATE TRIGGER contact_search_update AFTER UPDATE OF search_text ON contacts BEGIN DELETE FROM {SqliteTable} WHERE contact_id = old.id; INSERT INTO {SqliteTable} (contact_id, search_text) VALUES (new.id, new.search_text); END",
        $"CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN DELETE FROM {SqliteTable} WHERE contact_id = old.id; END",
    ];

    /// <summary>Fills the FTS5 table from scratch, as the migration that makes it does.</summary>
    public const string SqliteRefill = $"DELETE FROM {SqliteTable}; INSERT INTO {SqliteTable} (contact_id, search_text) SELECT id, search_text FROM contacts";

    /// <summary>
    /// Contacts whose search text contains every one of the words, case-insensitively, each in any of the ways it is
    /// written (<see cref="Spellings"/>): "Schaefer" finds "Schäfer", "0049 30 9018" finds +49 30 901820.
    /// </summary>
    public static IQueryable<Contact> ContainingAll(this IQueryable<Contact> contacts, RingbackDbContext db, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);

        // A number written in parts ("0049 30 9018", "(415) 616") is one run of digits, in order.
        if (words.Count > 1 && words.All(IsNumberPart))
        {
            words = [string.Concat(words)];
        }

        var alternatives = words.Select(w => Spellings(w).Select(Pattern).ToList()).ToList();
        if (db.Database.IsNpgsql())
        {
            return alternatives.Aggregate(contacts, (query, patterns) => query.Where(AnyILike(patterns)));
        }

        if (words.Any(w => w.Contains('%', StringComparison.Ordinal) || w.Contains('_', StringComparison.Ordinal) || w.Contains('\\', StringComparison.Ordinal)))
        {
            // FTS5 takes no ESCAPE clause; the rare search for a wildcard character is answered by a scan.
            return alternatives.Aggregate(contacts, (query, patterns) => query.Where(AnyLike(patterns)));
        }

        // All words in one FTS5 query, so the index intersects them, rather than one id list per word.
        var parameters = new List<object>();
        var terms = alternatives.Select(patterns => "(" + string.Join(" OR ", patterns.Select(p =>
        {
            parameters.Add(p);
            return $"search_text LIKE {{{parameters.Count - 1}}}";
        })) + ")");
        var sql = $"SELECT contact_id AS \"Value\" FROM {SqliteTable} WHERE " + string.Join(" AND ", terms);
        var ids = db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]);
        return contacts.Where(c => ids.Contains(c.Id));
    }

    /// <summary>
    /// The ways a typed word may be stored: as typed; folded as <see cref="Contact.SearchTextOf"/> keeps names
    /// ("Schäfer" also as "schafer" and "schaefer", "Łukasz" as "lukasz"); part of a number by its digits, also
    /// without the international prefix most of the world dials ("0049…" is 49…) or a trunk 0 ("030 9018" is 30 9018).
    /// </summary>
    public static IReadOnlyList<string> Spellings(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (IsNumberPart(word))
        {
            var digits = new string([.. word.Where(char.IsAsciiDigit)]);
            return digits.StartsWith("00", StringComparison.Ordinal) && digits.Length > 3 ? [digits, digits[2..]]
                : digits.StartsWith('0') && digits.Length > 3 ? [digits, digits[1..]]
                : [digits];
        }

        // An ASCII word is matched as typed ("Schaefer" meets the folded "schaefer" kept for Schäfer); only a word with
        // accents is folded too ("Schäfer" also as "schafer", "schaefer"), never one whose folding only drops punctuation.
        return word.All(char.IsAscii) ? [word]
            : [.. new[] { word }.Concat(SamePerson.Variants(word).Select(v => v.ToLowerInvariant())).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static bool IsNumberPart(string word) => word.Any(char.IsAsciiDigit) && word.All(c => char.IsAsciiDigit(c) || "()-.+/".Contains(c));

    private static string Pattern(string word) =>
        "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static System.Linq.Expressions.Expression<Func<Contact, bool>> AnyILike(IReadOnlyList<string> patterns) =>
        AnyOf(patterns, p => c => EF.Functions.ILike(c.SearchText, p, "\\"));

    private static System.Linq.Expressions.Expression<Func<Contact, bool>> AnyLike(IReadOnlyList<string> patterns) =>
        AnyOf(patterns, p => c => EF.Functions.Like(c.SearchText, p, "\\"));

    /// <summary>One predicate per pattern, joined with OR, over one parameter.</summary>
    private static System.Linq.Expressions.Expression<Func<Contact, bool>> AnyOf(IReadOnlyList<string> patterns,
        Func<string, System.Linq.Expressions.Expression<Func<Contact, bool>>> each)
    {
        var first = each(patterns[0]);
        var body = first.Body;
        foreach (var pattern in patterns.Skip(1))
        {
            var next = each(pattern);
            body = System.Linq.Expressions.Expression.OrElse(body, new Rebind(next.Parameters[0], first.Parameters[0]).Visit(next.Body));
        }

        return System.Linq.Expressions.Expression.Lambda<Func<Contact, bool>>(body, first.Parameters);
    }

    private sealed class Rebind(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : node;
    }
}
