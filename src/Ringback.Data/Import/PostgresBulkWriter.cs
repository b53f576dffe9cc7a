using Npgsql;
using NpgsqlTypes;

namespace Ringback.Data.Import;

/// <summary>Binary COPY, batch by batch, in one transaction: PostgreSQL's own bulk path.</summary>
internal sealed class PostgresBulkWriter : IBulkWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// Opens the import's one transaction, holding the organization's import lock until it ends: a second import
    /// into the same organization waits, then finds the first one's contacts as existing ones (SQLite gets the
    /// same from its single writer).
    /// </summary>
    public static async Task<PostgresBulkWriter> OpenAsync(string connectionString, Guid organizationId, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.AddWithValue("key", BitConverter.ToInt64(organizationId.ToByteArray(), 8));
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        return new PostgresBulkWriter(connection, transaction);
    }

    public async Task<Dictionary<string, Guid>> LoadCompanyKeysAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT name_key, id FROM companies WHERE organization_id = @org", _connection, _transaction);
        command.Parameters.AddWithValue("org", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys[reader.GetString(0)] = reader.GetGuid(1);
        }

        return keys;
    }

    public async Task WriteAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        await CopyAsync("companies", BulkTables.Companies, batch.Companies, cancellationToken);
        await CopyAsync("contacts", BulkTables.Contacts, batch.Contacts, cancellationToken);
        await CopyAsync("gatekeepers", BulkTables.Gatekeepers, batch.Gatekeepers, cancellationToken);
        await CopyAsync("calls", BulkTables.Calls, batch.Calls, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        await Storage.AnalyzeAsync(_connection, sqlite: false, cancellationToken);
        foreach (var statement in Callbacks.StatsRollups.PostgresVacuum())
        {
            // Outside any transaction: VACUUM cannot run in one.
            await using var vacuum = new NpgsqlCommand(statement, _connection);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task CopyAsync<T>(string table, BulkColumn<T>[] columns, List<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await _connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                    continue;
                }

                var type = column.Kind switch
                {
                    BulkKind.Guid => NpgsqlDbType.Uuid,
                    BulkKind.Timestamp => NpgsqlDbType.TimestampTz,
                    BulkKind.Integer => NpgsqlDbType.Integer,
                    BulkKind.Date => NpgsqlDbType.Date,
                    _ => NpgsqlDbType.Varchar,
                };
                await importer.WriteAsync(value, type, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
