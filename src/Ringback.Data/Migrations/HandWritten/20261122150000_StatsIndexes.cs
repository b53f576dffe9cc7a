using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>
/// The callback report at scale: a covering index for its one pass over a period's calls out, and promises by when
/// they fall due (docs/benchmarks.md: a 90-day report over a million-contact demo went from about 30 s to under a second).
/// </summary>
public abstract class StatsIndexesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_calls_stats", "calls",
            ["organization_id", "direction", "started_at", "outcome", "user_id", "strategy", "attempt_number", "local_day", "local_hour", "called_back_at", "meeting_booked_at"]);
        migrationBuilder.CreateIndex("IX_calls_organization_id_promised_next_call_at", "calls", ["organization_id", "promised_next_call_at"],
            filter: "\"promised_next_call_at\" IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_calls_organization_id_promised_next_call_at", "calls");
        migrationBuilder.DropIndex("IX_calls_stats", "calls");
    }
}
