using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calls_stats",
                table: "calls");

            migrationBuilder.AddColumn<int>(
                name: "callback_bucket",
                table: "calls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "local_date",
                table: "calls",
                type: "TEXT",
                nullable: true);

            // EF makes rowid tables; the tallies are read by their key, so on SQLite they are the key (WITHOUT ROWID).
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTables(months: false))
            {
                migrationBuilder.Sql(statement);
            }

            // Calls logged before this migration get their prospect's day and callback bucket in SQL, then the tallies are
            // counted from them once; from here on the triggers keep them with every change to a call.
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.BackfillSql(postgres: false))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.RebuildSql(postgres: false, months: false))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTriggers(months: false))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTriggersDropped())
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "attempt_tallies");

            migrationBuilder.DropTable(
                name: "call_tallies");

            migrationBuilder.DropTable(
                name: "callback_delay_tallies");

            migrationBuilder.DropTable(
                name: "message_hour_tallies");

            migrationBuilder.DropColumn(
                name: "callback_bucket",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "local_date",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "IX_calls_stats",
                table: "calls",
                columns: new[] { "organization_id", "direction", "started_at", "outcome", "user_id", "strategy", "attempt_number", "local_day", "local_hour", "called_back_at", "meeting_booked_at" },
                filter: "\"deleted_at\" IS NULL");
        }
    }
}
