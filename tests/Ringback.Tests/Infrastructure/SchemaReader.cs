using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Ringback.Data;

namespace Ringback.Tests.Infrastructure;

/// <summary>
/// Reads a database's schema back from the catalog, leaving out the provider-specific search objects that only the
/// migrations make (see ContactSearch; SchemaTests checks them separately), as sorted lines ("column contacts.email TEXT null"), so
/// two schemas can be compared line by line and a difference reads as what is missing.
/// </summary>
public static class SchemaReader
{
    public static async Task<List<string>> ReadAsync(RingbackDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' AND name NOT LIKE 'contact_search%'", r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.AddRange(await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1)} {(r.GetInt64(2) == 1 ? "not null" : "null")}{(r.GetInt64(3) > 0 ? $" pk{r.GetInt64(3)}" : string.Empty)}"));
            lines.AddRange(await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"fk {table}.{r.GetString(1)} -> {r.GetString(0)}.{r.GetString(2)} on delete {r.GetString(3)}"));
            var indexes = await QueryAsync(connection, $"SELECT i.name, i.\"unique\", m.sql FROM pragma_index_list('{table}') AS i JOIN sqlite_master AS m ON m.name = i.name WHERE i.origin = 'c'",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Where: r.GetString(2).Contains(" WHERE ", StringComparison.Ordinal) ? r.GetString(2)[r.GetString(2).IndexOf(" WHERE ", StringComparison.Ordinal)..] : string.Empty));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.GetString(0));
                lines.Add($"index {index.Name} on {table}({string.Join(", ", columns)}){(index.Unique ? " unique" : string.Empty)}{index.Where}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT LIKE '__EF%'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}{(r.IsDBNull(3) ? string.Empty : $"({r.GetInt32(3)})")} {(r.GetString(4) == "YES" ? "null" : "not null")}"));
        lines.AddRange(await QueryAsync(connection, """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u') AND c.conrelid::regclass::text NOT LIKE '%EF%'
            """,
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(connection, """
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename NOT LIKE '__EF%' AND indexname <> 'ix_contacts_search_trgm'
            """,
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
