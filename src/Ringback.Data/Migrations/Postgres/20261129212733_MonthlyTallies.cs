using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonthlyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attempt_month_tallies",
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
                    table.PrimaryKey("PK_attempt_month_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.attempt });
                });

            migrationBuilder.CreateTable(
                name: "call_month_tallies",
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
                    table.PrimaryKey("PK_call_month_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.direction, x.outcome, x.strategy });
                });

            migrationBuilder.CreateTable(
                name: "callback_delay_month_tallies",
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
                    table.PrimaryKey("PK_callback_delay_month_tallies", x => new { x.organization_id, x.local_date, x.user_id, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "message_hour_month_tallies",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    local_hour = table.Column<int>(type: "integer", nullable: false),
                    weekday = table.Column<int>(type: "integer", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false),
                    called_back = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_hour_month_tallies", x => new { x.organization_id, x.local_date, x.weekday, x.user_id, x.local_hour });
                });

            // The months are summed from the daily tallies already kept (thousands of rows, not millions of calls); from
            // here on the trigger keeps both.
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.MonthsFromDaysSql(postgres: true))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.PostgresTriggersDropped().Concat(Ringback.Data.Callbacks.StatsRollups.PostgresTriggers(months: true)))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.PostgresTriggersDropped().Concat(Ringback.Data.Callbacks.StatsRollups.PostgresTriggers(months: false)))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "attempt_month_tallies");

            migrationBuilder.DropTable(
                name: "call_month_tallies");

            migrationBuilder.DropTable(
                name: "callback_delay_month_tallies");

            migrationBuilder.DropTable(
                name: "message_hour_month_tallies");
        }
    }
}
