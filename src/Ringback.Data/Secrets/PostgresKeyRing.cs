using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Ringback.Data.Secrets;

/// <summary>
/// The data-protection key ring on PostgreSQL, where every node must read the keys another made: the table
/// <see cref="RingbackDbContext.DataProtectionKeys"/>, created and migrated with the rest, read and written here in
/// plain SQL.
/// </summary>
/// <remarks>
/// Not through EF Core (the package's <c>EntityFrameworkCoreXmlRepository</c>): the keys are the first thing a
/// server reads as it starts, and through a context that read waited for EF Core's model of the whole schema, still
/// being built on the other core then — 0.3 s of a start, in a trace. A context of its own still shared the model
/// builder's lock with the main one; one with services of its own cost 0.45 s of CPU on a two-core start.
/// </remarks>
public sealed class PostgresKeyRing(string connectionString) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys WHERE xml IS NOT NULL ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
