using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kept_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    merged_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    merged_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    undone_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    merged = table.Column<string>(type: "TEXT", nullable: false),
                    kept_before = table.Column<string>(type: "TEXT", nullable: false),
                    moved = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_merges", x => x.id);
                    table.ForeignKey(
                        name: "FK_contact_merges_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contact_merges_organization_id_kept_id_at",
                table: "contact_merges",
                columns: new[] { "organization_id", "kept_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_contact_merges_organization_id_merged_id",
                table: "contact_merges",
                columns: new[] { "organization_id", "merged_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_merges");
        }
    }
}
