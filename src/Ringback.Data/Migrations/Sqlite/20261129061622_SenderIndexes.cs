using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SenderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_reminder_deliveries_state_lease_until",
                table: "reminder_deliveries",
                columns: new[] { "state", "lease_until" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_kind_due_at",
                table: "follow_ups",
                columns: new[] { "kind", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reminder_deliveries_state_lease_until",
                table: "reminder_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_follow_ups_kind_due_at",
                table: "follow_ups");
        }
    }
}
