using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            // Promises made before this column: kept by the first outbound call within the
            // default tolerance of 10 minutes (after changing Ringback:Planner:PromiseToleranceMinutes, run
            // `ringback credits recompute`).
            migrationBuilder.Sql("""
                UPDATE calls AS c SET promise_kept_by_call_id = (
                    SELECT k.id FROM calls AS k
                    WHERE k.contact_id = c.contact_id AND k.direction = 'Outbound' AND k.deleted_at IS NULL
                      AND k.started_at BETWEEN c.promised_next_call_at - interval '10 minutes' AND c.promised_next_call_at + interval '10 minutes'
                    ORDER BY k.started_at, k.id
                    LIMIT 1)
                WHERE c.promised_next_call_at IS NOT NULL
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
