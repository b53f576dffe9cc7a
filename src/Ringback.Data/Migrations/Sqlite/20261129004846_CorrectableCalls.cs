using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CorrectableCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calls_stats",
                table: "calls");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "deleted_at",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "deleted_by_user_id",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "updated_at",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_calls_deleted_by_user_id",
                table: "calls",
                column: "deleted_by_user_id");

            migrationBuilder.CreateIndex(
                name: "IX_calls_stats",
                table: "calls",
                columns: new[] { "organization_id", "direction", "started_at", "outcome", "user_id", "strategy", "attempt_number", "local_day", "local_hour", "called_back_at", "meeting_booked_at" },
                filter: "\"deleted_at\" IS NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_calls_users_deleted_by_user_id",
                table: "calls",
                column: "deleted_by_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_calls_users_deleted_by_user_id",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_deleted_by_user_id",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_stats",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "version",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "deleted_by_user_id",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "version",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "IX_calls_stats",
                table: "calls",
                columns: new[] { "organization_id", "direction", "started_at", "outcome", "user_id", "strategy", "attempt_number", "local_day", "local_hour", "called_back_at", "meeting_booked_at" });
        }
    }
}
