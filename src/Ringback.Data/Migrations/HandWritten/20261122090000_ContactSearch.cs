using Microsoft.EntityFrameworkCore.Migrations;
using Ringback.Data.Contacts;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>
/// Search as you type at 100,000 contacts. The column is in the model and shared; the substring index over it is
/// each provider's own and lives only here: a trigram FTS5 table kept by triggers on SQLite, a pg_trgm GIN index on
/// PostgreSQL. <see cref="ContactSearch"/> names them, and the schema test checks they exist.
/// </summary>
public abstract class ContactSearchMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "search_text", table: "contacts", maxLength: 700, nullable: false, defaultValue: string.Empty);
        migrationBuilder.Sql("""
            UPDATE contacts SET search_text = trim(
                coalesce(first_name || ' ', '') || last_name
                || coalesce(' ' || (SELECT name FROM companies WHERE companies.id = contacts.company_id), '')
                || coalesce(' ' || email, '')
                || coalesce(' ' || substr(direct_phone, 2), '')
                || coalesce(' ' || substr(mobile_phone, 2), '')
                || coalesce(' ' || substr(after_hours_phone, 2), ''))
            """);

        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // pg_trgm is a trusted extension: the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            migrationBuilder.Sql($"CREATE INDEX {ContactSearch.PostgresIndex} ON contacts USING gin (search_text gin_trgm_ops)");
        }
        else
        {
            foreach (var statement in ContactSearch.SqliteObjects)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(ContactSearch.SqliteRefill);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql($"DROP INDEX {ContactSearch.PostgresIndex}");
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER contact_search_insert; DROP TRIGGER contact_search_update; DROP TRIGGER contact_search_delete; DROP TABLE contact_search;");
        }

        migrationBuilder.DropColumn(name: "search_text", table: "contacts");
    }
}
