using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PromiseKeptBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "promise_kept_by_call_id",
                table: "calls",
                type: "TEXT",
                nullable: true);

            // Promises made before this column: kept by the first outbound call within the
            // default tolerance of 10 minutes (after changing Ringback:Planner:PromiseToleranceMinutes, run
            // `ringback credits recompute`). Compared in whole seconds, as the app compares instants.
            migrationBuilder.Sql("""
                UPDATE calls SET promise_kept_by_call_id = (
                    SELECT k.id FROM calls AS k
                    WHERE k.contact_id = calls.contact_id AND k.direction = 'Outbound' AND k.deleted_at IS NULL
                      AND abs(CAST(round((julianday(k.started_at) - julianday(calls.promised_next_call_at)) * 86400) AS INTEGER)) <= 600
                    ORDER BY k.started_at, k.id
                    LIMIT 1)
                WHERE promised_next_call_at IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "promise_kept_by_call_id",
                table: "calls");
        }
    }
}
