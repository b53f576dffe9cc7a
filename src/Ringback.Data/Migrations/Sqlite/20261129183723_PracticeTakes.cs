using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PracticeTakes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "practice_takes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    strategy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    duration_seconds = table.Column<double>(type: "REAL", nullable: false),
                    loudness_lufs = table.Column<double>(type: "REAL", nullable: true),
                    peak_dbfs = table.Column<double>(type: "REAL", nullable: false),
                    snr_db = table.Column<double>(type: "REAL", nullable: false),
                    median_pitch_hz = table.Column<double>(type: "REAL", nullable: true),
                    words_per_minute = table.Column<double>(type: "REAL", nullable: true),
                    transcript = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    transcript_reliable = table.Column<bool>(type: "INTEGER", nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false),
                    shared_with_managers = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practice_takes", x => x.id);
                    table.ForeignKey(
                        name: "FK_practice_takes_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_practice_takes_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_practice_takes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "practice_take_audio",
                columns: table => new
                {
                    take_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    wav = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practice_take_audio", x => x.take_id);
                    table.ForeignKey(
                        name: "FK_practice_take_audio_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_practice_take_audio_practice_takes_take_id",
                        column: x => x.take_id,
                        principalTable: "practice_takes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_practice_take_audio_organization_id",
                table: "practice_take_audio",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_practice_takes_contact_id",
                table: "practice_takes",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "IX_practice_takes_expires_at",
                table: "practice_takes",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_practice_takes_organization_id",
                table: "practice_takes",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_practice_takes_user_id_created_at",
                table: "practice_takes",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "practice_take_audio");

            migrationBuilder.DropTable(
                name: "practice_takes");
        }
    }
}
