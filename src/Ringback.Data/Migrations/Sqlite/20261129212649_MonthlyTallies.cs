using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthlyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // EF makes rowid tables; the tallies are read by their key, so on SQLite they are the key (WITHOUT ROWID).
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTables(months: true))
            {
                migrationBuilder.Sql(statement);
            }

            // The months are summed from the daily tallies already kept (thousands of rows, not millions of calls); from
            // here on the triggers keep both.
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.MonthsFromDaysSql(postgres: false))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTriggersDropped().Concat(Ringback.Data.Callbacks.StatsRollups.SqliteTriggers(months: true)))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Ringback.Data.Callbacks.StatsRollups.SqliteTriggersDropped().Concat(Ringback.Data.Callbacks.StatsRollups.SqliteTriggers(months: false)))
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
