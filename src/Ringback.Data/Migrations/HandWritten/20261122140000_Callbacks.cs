using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>Callbacks captured and credited: credits on calls, the unknown-number inbox, telephony webhooks.</summary>
public abstract class CallbacksMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "external_id", table: "calls", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<int>(name: "attempt_number", table: "calls", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "credited_call_id", table: "calls", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "called_back_at", table: "calls", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "meeting_booked_at", table: "calls", nullable: true);
        migrationBuilder.AddColumn<int>(name: "local_hour", table: "calls", nullable: true);
        migrationBuilder.AddColumn<int>(name: "local_day", table: "calls", nullable: true);
        migrationBuilder.CreateIndex("IX_calls_organization_id_external_id", "calls", ["organization_id", "external_id"], unique: true, filter: "\"external_id\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_calls_credited_call_id", "calls", "credited_call_id", filter: "\"credited_call_id\" IS NOT NULL");

        migrationBuilder.CreateTable(
            name: "unmatched_calls",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                from_number = table.Column<string>(maxLength: 40, nullable: false),
                caller_name = table.Column<string>(maxLength: 100, nullable: true),
                to_number = table.Column<string>(maxLength: 40, nullable: true),
                user_id = table.Column<Guid>(nullable: true),
                started_at = table.Column<DateTime>(nullable: false),
                duration_seconds = table.Column<int>(nullable: false),
                answered = table.Column<bool>(nullable: false),
                source = table.Column<string>(maxLength: 10, nullable: false),
                external_id = table.Column<string>(maxLength: 100, nullable: true),
                reason = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                resolved_at = table.Column<DateTime>(nullable: true),
                resolved_call_id = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_unmatched_calls", x => x.id);
                table.ForeignKey("FK_unmatched_calls_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_unmatched_calls_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_unmatched_calls_organization_id_resolved_at_started_at", "unmatched_calls", ["organization_id", "resolved_at", "started_at"]);
        migrationBuilder.CreateIndex("IX_unmatched_calls_organization_id_external_id", "unmatched_calls", ["organization_id", "external_id"], unique: true, filter: "\"external_id\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_unmatched_calls_user_id", "unmatched_calls", "user_id");

        migrationBuilder.CreateTable(
            name: "telephony_hooks",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                provider = table.Column<string>(maxLength: 20, nullable: false),
                key = table.Column<string>(maxLength: 64, nullable: false),
                protected_secret = table.Column<string>(maxLength: 2000, nullable: false),
                default_user_id = table.Column<Guid>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_telephony_hooks", x => x.id);
                table.ForeignKey("FK_telephony_hooks_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_telephony_hooks_users_default_user_id", x => x.default_user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_telephony_hooks_key", "telephony_hooks", "key", unique: true);
        migrationBuilder.CreateIndex("IX_telephony_hooks_organization_id_provider", "telephony_hooks", ["organization_id", "provider"], unique: true);
        migrationBuilder.CreateIndex("IX_telephony_hooks_default_user_id", "telephony_hooks", "default_user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("telephony_hooks");
        migrationBuilder.DropTable("unmatched_calls");
        migrationBuilder.DropIndex("IX_calls_credited_call_id", "calls");
        migrationBuilder.DropIndex("IX_calls_organization_id_external_id", "calls");
        foreach (var column in new[] { "external_id", "attempt_number", "credited_call_id", "called_back_at", "meeting_booked_at", "local_hour", "local_day" })
        {
            migrationBuilder.DropColumn(column, "calls");
        }
    }
}
