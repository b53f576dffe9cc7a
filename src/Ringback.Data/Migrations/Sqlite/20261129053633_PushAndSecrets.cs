using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PushAndSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reminder_deliveries_reminder_id_channel_push_subscription_id",
                table: "reminder_deliveries");

            migrationBuilder.AddColumn<int>(
                name: "round",
                table: "reminders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "leased_by",
                table: "reminder_deliveries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "round",
                table: "reminder_deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "server_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    protected_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_secrets", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reminder_deliveries_reminder_id_round_channel_push_subscription_id",
                table: "reminder_deliveries",
                columns: new[] { "reminder_id", "round", "channel", "push_subscription_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "server_secrets");

            migrationBuilder.DropIndex(
                name: "IX_reminder_deliveries_reminder_id_round_channel_push_subscription_id",
                table: "reminder_deliveries");

            migrationBuilder.DropColumn(
                name: "round",
                table: "reminders");

            migrationBuilder.DropColumn(
                name: "leased_by",
                table: "reminder_deliveries");

            migrationBuilder.DropColumn(
                name: "round",
                table: "reminder_deliveries");

            migrationBuilder.CreateIndex(
                name: "IX_reminder_deliveries_reminder_id_channel_push_subscription_id",
                table: "reminder_deliveries",
                columns: new[] { "reminder_id", "channel", "push_subscription_id" },
                unique: true);
        }
    }
}
