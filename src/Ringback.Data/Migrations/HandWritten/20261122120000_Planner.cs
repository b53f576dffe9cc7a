using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>The follow-up planner: follow-ups, cadences, do-not-call lists, working hours and calendar feeds.</summary>
public abstract class PlannerMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "working_hours", table: "users", maxLength: 500, nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<string>(name: "calendar_token_hash", table: "users", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>(name: "dnc_override_reason", table: "calls", maxLength: 500, nullable: true);
        migrationBuilder.CreateIndex("IX_users_calendar_token_hash", "users", "calendar_token_hash", unique: true);

        migrationBuilder.CreateTable(
            name: "cadences",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                steps = table.Column<string>(maxLength: 2000, nullable: false),
                max_attempts = table.Column<int>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cadences", x => x.id);
                table.ForeignKey("FK_cadences_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "cadence_enrollments",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                cadence_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                started_at = table.Column<DateTime>(nullable: false),
                ended_at = table.Column<DateTime>(nullable: true),
                end_reason = table.Column<string>(maxLength: 200, nullable: true),
                keep_after_end = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cadence_enrollments", x => x.id);
                table.ForeignKey("FK_cadence_enrollments_cadences_cadence_id", x => x.cadence_id, "cadences", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_cadence_enrollments_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_cadence_enrollments_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_cadence_enrollments_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "follow_ups",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: true),
                kind = table.Column<string>(maxLength: 20, nullable: false),
                due_at = table.Column<DateTime>(nullable: false),
                strategy = table.Column<string>(maxLength: 20, nullable: true),
                why = table.Column<string>(maxLength: 300, nullable: false),
                source_call_id = table.Column<Guid>(nullable: true),
                cadence_step = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_follow_ups", x => x.id);
                table.ForeignKey("FK_follow_ups_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_follow_ups_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_follow_ups_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "dnc_lists",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                kind = table.Column<string>(maxLength: 10, nullable: false),
                copy_date = table.Column<DateOnly>(nullable: false),
                imported_at = table.Column<DateTime>(nullable: false),
                entries = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_dnc_lists", x => x.id);
                table.ForeignKey("FK_dnc_lists_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "dnc_numbers",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                list_id = table.Column<Guid>(nullable: false),
                number = table.Column<string>(maxLength: 20, nullable: false),
                reason = table.Column<string>(maxLength: 500, nullable: true),
                added_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_dnc_numbers", x => x.id);
                table.ForeignKey("FK_dnc_numbers_dnc_lists_list_id", x => x.list_id, "dnc_lists", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_dnc_numbers_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_cadences_organization_id", "cadences", "organization_id");
        migrationBuilder.CreateIndex("IX_cadence_enrollments_cadence_id", "cadence_enrollments", "cadence_id");
        migrationBuilder.CreateIndex("IX_cadence_enrollments_contact_id_ended_at", "cadence_enrollments", ["contact_id", "ended_at"]);
        migrationBuilder.CreateIndex("IX_cadence_enrollments_organization_id", "cadence_enrollments", "organization_id");
        migrationBuilder.CreateIndex("IX_cadence_enrollments_user_id", "cadence_enrollments", "user_id");
        migrationBuilder.CreateIndex("IX_follow_ups_contact_id", "follow_ups", "contact_id");
        migrationBuilder.CreateIndex("IX_follow_ups_organization_id_user_id_due_at", "follow_ups", ["organization_id", "user_id", "due_at"]);
        migrationBuilder.CreateIndex("IX_follow_ups_user_id", "follow_ups", "user_id");
        migrationBuilder.CreateIndex("IX_dnc_lists_organization_id_kind_copy_date", "dnc_lists", ["organization_id", "kind", "copy_date"]);
        migrationBuilder.CreateIndex("IX_dnc_numbers_list_id_number", "dnc_numbers", ["list_id", "number"], unique: true);
        migrationBuilder.CreateIndex("IX_dnc_numbers_organization_id_number", "dnc_numbers", ["organization_id", "number"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "dnc_numbers");
        migrationBuilder.DropTable(name: "dnc_lists");
        migrationBuilder.DropTable(name: "follow_ups");
        migrationBuilder.DropTable(name: "cadence_enrollments");
        migrationBuilder.DropTable(name: "cadences");
        migrationBuilder.DropIndex(name: "IX_users_calendar_token_hash", table: "users");
        migrationBuilder.DropColumn(name: "dnc_override_reason", table: "calls");
        migrationBuilder.DropColumn(name: "calendar_token_hash", table: "users");
        migrationBuilder.DropColumn(name: "working_hours", table: "users");
    }
}
