using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "local_date",
                table: "calls",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attempt_tallies",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false),
                    called_back = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attempt_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.attempt });
                });

            migrationBuilder.CreateTable(
                name: "call_tallies",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    strategy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    calls = table.Column<int>(type: "integer", nullable: false),
                    called_back = table.Column<int>(type: "integer", nullable: false),
                    meetings = table.Column<int>(type: "integer", nullable: false),
                    promises = table.Column<int>(type: "integer", nullable: false),
                    promises_kept = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.direction, x.outcome, x.strategy });
                });

            migrationBuilder.CreateTable(
                name: "callback_delay_tallies",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    bucket = table.Column<int>(type: "integer", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_callback_delay_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "message_hour_tallies",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    local_hour = table.Column<int>(type: "integer", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false),
                    called_back = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_hour_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.local_hour });
                });

            // Calls logged before this migration get their prospect's day and callback bucket in SQL, then the tallies are
            // counted from them once; from here on the triggers keep them with every change to a call.
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.BackfillSql(postgres: true))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.RebuildSql(postgres: true, months: false))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.PostgresTriggers(months: false))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.PostgresTriggersDropped())
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
