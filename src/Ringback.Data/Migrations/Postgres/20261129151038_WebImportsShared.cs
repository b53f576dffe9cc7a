using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebImportsShared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_upload_chunks",
                columns: table => new
                {
                    upload_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_upload_chunks", x => new { x.upload_id, x.sequence });
                    table.ForeignKey(
                        name: "FK_import_upload_chunks_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_import_upload_chunks_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "web_import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fraction = table.Column<double>(type: "double precision", nullable: false),
                    done = table.Column<bool>(type: "boolean", nullable: false),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    report = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_web_import_jobs", x => x.id);
                    table.ForeignKey(
                        name: "FK_web_import_jobs_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_web_import_jobs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_upload_chunks_created_at",
                table: "import_upload_chunks",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_import_upload_chunks_organization_id",
                table: "import_upload_chunks",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_import_upload_chunks_user_id",
                table: "import_upload_chunks",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_web_import_jobs_organization_id",
                table: "web_import_jobs",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_web_import_jobs_updated_at",
                table: "web_import_jobs",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "IX_web_import_jobs_user_id",
                table: "web_import_jobs",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_upload_chunks");

            migrationBuilder.DropTable(
                name: "web_import_jobs");
        }
    }
}
