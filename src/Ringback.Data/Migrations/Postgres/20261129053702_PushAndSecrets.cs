using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ringback.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "leased_by",
                table: "reminder_deliveries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "round",
                table: "reminder_deliveries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "server_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    protected_value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_secrets", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reminder_deliveries_reminder_id_round_channel_push_subscrip~",
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
                name: "IX_reminder_deliveries_reminder_id_round_channel_push_subscrip~",
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
