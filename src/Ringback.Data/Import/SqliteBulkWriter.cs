using System.Globalization;
using Microsoft.Data.Sqlite;
using Ringback.Data.Contacts;

namespace Ringback.Data.Import;

/// <summary>Prepared INSERTs in one transaction: the fastest way into SQLite short of its own .import.</summary>
internal sealed class SqliteBulkWriter : IBulkWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Inserter<Ringback.Contacts.Company> _companies;
    private readonly Inserter<Ringback.Contacts.Contact> _contacts;
    private readonly Inserter<Ringback.Contacts.Gatekeeper> _gatekeepers;
    private readonly Inserter<Ringback.Calls.Call> _calls;

    private readonly List<string> _schemaToRestore = [];
    private readonly Guid _organizationId;
    private long _lastContactRowBefore;
    private long _lastCallRowBefore;

    private SqliteBulkWriter(SqliteConnection connection, Guid organizationId)
    {
        _connection = connection;
        _organizationId = organizationId;
        // BEGIN IMMEDIATE: the write lock is taken now, so a second import waits here and then sees this one's contacts.
        _transaction = connection.BeginTransaction(deferred: false);
        _companies = new Inserter<Ringback.Contacts.Company>(connection, _transaction, "companies", BulkTables.Companies);
        _contacts = new Inserter<Ringback.Contacts.Contact>(connection, _transaction, "contacts", BulkTables.Contacts);
        _gatekeepers = new Inserter<Ringback.Contacts.Gatekeeper>(connection, _transaction, "gatekeepers", BulkTables.Gatekeepers);
        _calls = new Inserter<Ringback.Calls.Call>(connection, _transaction, "calls", BulkTables.Calls);
    }

    /// <summary>
    /// Opens the import's one transaction. The search table's triggers are paused inside it and the new contacts
    /// added to the search table in one statement before commit: row-by-row trigger inserts into FTS5 made a
    /// 100,000-row import five times slower. Readers in WAL mode see none of this until the commit, and a rollback
    /// restores the triggers untouched.
    /// </summary>
    /// <param name="large">
    /// A large file: the contact and gatekeeper indexes are dropped too and built again (by sorting, which is twice
    /// as fast as updating a dozen B-trees row by row) just before commit. Not for small files: a rebuild costs as
    /// much as the whole table, however few rows came in.
    /// </param>
    public static async Task<SqliteBulkWriter> OpenAsync(string connectionString, bool large, Guid organizationId, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            // A big page cache keeps the contact indexes' hot pages in memory while a million rows go in; the
            // durability pragmas stay as they are, so the commit is as safe as any other.
            pragmas.CommandText = SqliteDurability.Pragmas + " PRAGMA cache_size=-65536;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }

        var writer = new SqliteBulkWriter(connection, organizationId);
        await using (var last = connection.CreateCommand())
        {
            // The rows this writer adds come after the last one there now: that is how the commit finds them to index.
            last.Transaction = writer._transaction;
            last.CommandText = "SELECT COALESCE(MAX(rowid), 0) FROM contacts";
            writer._lastContactRowBefore = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
            last.CommandText = "SELECT COALESCE(MAX(rowid), 0) FROM calls";
            writer._lastCallRowBefore = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
        }

        await writer.SetAsideAsync(large ? "'index', 'trigger'" : "'trigger'", cancellationToken);
        return writer;
    }

    /// <summary>Drops the contact (and gatekeeper) triggers or indexes, keeping their SQL to restore them at commit.</summary>
    private async Task SetAsideAsync(string types, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Type, string Name, string Sql)>();
        await using (var list = _connection.CreateCommand())
        {
            list.Transaction = _transaction;
            list.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE type IN ({types}) AND tbl_name IN ('contacts', 'gatekeepers', 'calls') AND sql IS NOT NULL";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (type, name, sql) in indexes)
        {
            await ExecuteAsync($"DROP {type.ToUpperInvariant()} \"{name}\"", cancellationToken);
            _schemaToRestore.Add(sql);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Dictionary<string, Guid>> LoadCompanyKeysAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT name_key, id FROM companies WHERE organization_id = $org";
        command.Parameters.Add(new SqliteParameter("$org", SqliteType.Text) { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys[reader.GetString(0)] = reader.GetGuid(1);
        }

        return keys;
    }

    public Task WriteAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        // Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway.
        batch.Companies.ForEach(_companies.Insert);
        batch.Contacts.ForEach(_contacts.Insert);
        batch.Gatekeepers.ForEach(_gatekeepers.Insert);
        batch.Calls.ForEach(_calls.Insert);
        return Task.CompletedTask;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await using (var search = _connection.CreateCommand())
        {
            search.Transaction = _transaction;
            search.CommandText = $"INSERT INTO {ContactSearch.SqliteTable} (contact_id, search_text) SELECT id, search_text FROM contacts WHERE rowid > $last AND organization_id = $org";
            search.Parameters.Add(new SqliteParameter("$org", SqliteType.Text) { Value = _organizationId });
            search.Parameters.Add(new SqliteParameter("$last", SqliteType.Integer) { Value = _lastContactRowBefore });
            await search.ExecuteNonQueryAsync(cancellationToken);
        }

        // The calls' tally triggers were set aside with the others: the new calls are counted in one grouped statement each.
        foreach (var sql in Callbacks.StatsRollups.AddSql(string.Create(CultureInfo.InvariantCulture, $"rowid > {_lastCallRowBefore}"), postgres: false))
        {
            await ExecuteAsync(sql, cancellationToken);
        }

        foreach (var sql in _schemaToRestore)
        {
            await ExecuteAsync(sql, cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
        await Storage.AnalyzeAsync(_connection, sqlite: true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _companies.Dispose();
        _contacts.Dispose();
        _gatekeepers.Dispose();
        _calls.Dispose();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed class Inserter<T> : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly BulkColumn<T>[] _columns;

        public Inserter(SqliteConnection connection, SqliteTransaction transaction, string table, BulkColumn<T>[] columns)
        {
            _columns = columns;
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++)
            {
                // Text for Guids makes Microsoft.Data.Sqlite write them as EF does: upper-case text, not a blob.
                _command.Parameters.Add(new SqliteParameter("$p" + i, SqliteType.Text));
            }

            _command.Prepare();
        }

        public void Insert(T row)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                _command.Parameters[i].Value = _columns[i].Get(row) ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
