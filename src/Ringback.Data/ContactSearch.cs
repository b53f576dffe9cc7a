using Microsoft.EntityFrameworkCore;
using Ringback.Contacts;

namespace Ringback.Data;

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
    /// The FTS5 table and the triggers that keep it in step with contacts. Rows are found by contact id, never by
    /// rowid, because VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY.
    /// </summary>
    public static readonly string[] SqliteObjects =
    [
        $"CREATE VIRTUAL TABLE {SqliteTable} USING fts5(contact_id UNINDEXED, search_text, tokenize = 'trigram')",
        $"CREATE TRIGGER contact_search_insert AFTER INSERT ON contacts BEGIN INSERT INTO {SqliteTable} (contact_id, search_text) VALUES (new.id, new.search_text); END",
        $"CREATE TRIGGER contact_search_update AFTER UPDATE OF search_text ON contacts BEGIN DELETE FROM {SqliteTable} WHERE contact_id = old.id; INSERT INTO {SqliteTable} (contact_id, search_text) VALUES (new.id, new.search_text); END",
        $"CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN DELETE FROM {SqliteTable} WHERE contact_id = old.id; END",
    ];

    /// <summary>Fills the FTS5 table from scratch: after the migration, and after a bulk import that paused the triggers.</summary>
    public const string SqliteRefill = $"DELETE FROM {SqliteTable}; INSERT INTO {SqliteTable} (contact_id, search_text) SELECT id, search_text FROM contacts";

    /// <summary>Contacts whose search text contains the word, case-insensitively.</summary>
    public static IQueryable<Contact> Containing(this IQueryable<Contact> contacts, RingbackDbContext db, string word)
    {
        var literal = !word.Contains('%', StringComparison.Ordinal) && !word.Contains('_', StringComparison.Ordinal) && !word.Contains('\\', StringComparison.Ordinal);
        var pattern = "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        if (db.Database.IsNpgsql())
        {
            return contacts.Where(c => EF.Functions.ILike(c.SearchText, pattern, "\\"));
        }

        if (!literal)
        {
            // FTS5 does not take an ESCAPE clause; the rare word with a wildcard character is matched by a scan.
            return contacts.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        }

        var ids = db.Database.SqlQuery<Guid>($"SELECT contact_id AS \"Value\" FROM contact_search WHERE search_text LIKE {pattern}");
        return contacts.Where(c => ids.Contains(c.Id));
    }
}
