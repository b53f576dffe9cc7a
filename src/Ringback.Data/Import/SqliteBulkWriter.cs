using Microsoft.Data.Sqlite;

namespace Ringback.Data.Import;

/// <summary>Prepared INSERTs in one transaction: the fastest way into SQLite short of its own .import.</summary>
internal sealed class SqliteBulkWriter : IBulkWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Inserter<Ringback.Contacts.Company> _companies;
    private readonly Inserter<Ringback.Contacts.Contact> _contacts;
    private readonly Inserter<Ringback.Contacts.Gatekeeper> _gatekeepers;

    private readonly List<string> _indexesToRebuild = [];
    private bool _refillSearch;

    private SqliteBulkWriter(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _companies = new Inserter<Ringback.Contacts.Company>(connection, _transaction, "companies", BulkTables.Companies);
        _contacts = new Inserter<Ringback.Contacts.Contact>(connection, _transaction, "contacts", BulkTables.Contacts);
        _gatekeepers = new Inserter<Ringback.Contacts.Gatekeeper>(connection, _transaction, "gatekeepers", BulkTables.Gatekeepers);
    }

    /// <param name="large">
    /// A large file: the contact and gatekeeper indexes are dropped inside the import's transaction and built again
    /// (by sorting, which is twice as fast as updating nine B-trees row by row) just before it commits, and the
    /// search table's triggers are paused and the table refilled once. Readers in WAL mode keep seeing the old
    /// indexes until then, and a rollback restores everything untouched.
    /// </param>
    public static async Task<SqliteBulkWriter> OpenAsync(string connectionString, bool large, CancellationToken cancellationToken)
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

        var writer = new SqliteBulkWriter(connection);
        if (large)
        {
            await writer.DropIndexesAsync(cancellationToken);
        }

        return writer;
    }

    private async Task DropIndexesAsync(CancellationToken cancellationToken)
    {
        var indexes = new List<(string Type, string Name, string Sql)>();
        await using (var list = _connection.CreateCommand())
        {
            list.Transaction = _transaction;
            list.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('contacts', 'gatekeepers') AND sql IS NOT NULL";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (type, name, sql) in indexes)
        {
            await ExecuteAsync($"DROP {type.ToUpperInvariant()} \"{name}\"", cancellationToken);
            _indexesToRebuild.Add(sql);
        }

        if (indexes.Any(i => i.Type == "trigger"))
        {
            _refillSearch = true;
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
        return Task.CompletedTask;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_refillSearch)
        {
            await ExecuteAsync(ContactSearch.SqliteRefill, cancellationToken);
        }

        foreach (var sql in _indexesToRebuild)
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
