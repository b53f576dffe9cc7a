using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>Reps' own voicemail templates, one or more per strategy.</summary>
public abstract class VoicemailTemplatesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "voicemail_templates",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                strategy = table.Column<string>(maxLength: 20, nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                body = table.Column<string>(maxLength: 2000, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_voicemail_templates", x => x.id);
                table.ForeignKey("FK_voicemail_templates_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_voicemail_templates_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_voicemail_templates_organization_id", "voicemail_templates", "organization_id");
        migrationBuilder.CreateIndex("IX_voicemail_templates_user_id_strategy", "voicemail_templates", ["user_id", "strategy"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "voicemail_templates");
}
