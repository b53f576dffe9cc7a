using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.HandWritten;

/// <summary>
/// The first schema: accounts, the contact book and the call log. Written by hand (see <see cref="RingbackDbContext"/>);
/// column types are left to each provider so one migration serves SQLite and PostgreSQL.
/// </summary>
public abstract class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organizations",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_organizations", x => x.id));

        migrationBuilder.CreateTable(
            name: "companies",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                name_key = table.Column<string>(maxLength: 200, nullable: false),
                industry = table.Column<string>(maxLength: 100, nullable: true),
                main_phone = table.Column<string>(maxLength: 20, nullable: true),
                time_zone = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_companies", x => x.id);
                table.ForeignKey("FK_companies_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "reference_clients",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                company_name = table.Column<string>(maxLength: 200, nullable: false),
                industry = table.Column<string>(maxLength: 100, nullable: false),
                result = table.Column<string>(maxLength: 1000, nullable: true),
                may_name = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reference_clients", x => x.id);
                table.ForeignKey("FK_reference_clients_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                email = table.Column<string>(maxLength: 254, nullable: false),
                role = table.Column<string>(maxLength: 10, nullable: false),
                company_name = table.Column<string>(maxLength: 200, nullable: true),
                callback_phone = table.Column<string>(maxLength: 20, nullable: true),
                after_hours_phone = table.Column<string>(maxLength: 20, nullable: true),
                time_zone = table.Column<string>(maxLength: 64, nullable: false),
                reachable_hours = table.Column<string>(maxLength: 500, nullable: false),
                password_hash = table.Column<string>(maxLength: 200, nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_users", x => x.id);
                table.ForeignKey("FK_users_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "api_tokens",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                prefix = table.Column<string>(maxLength: 16, nullable: false),
                hash = table.Column<string>(maxLength: 64, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                revoked_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_api_tokens", x => x.id);
                table.ForeignKey("FK_api_tokens_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_api_tokens_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "contacts",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                salutation = table.Column<string>(maxLength: 20, nullable: true),
                first_name = table.Column<string>(maxLength: 100, nullable: true),
                last_name = table.Column<string>(maxLength: 100, nullable: false),
                title = table.Column<string>(maxLength: 200, nullable: true),
                company_id = table.Column<Guid>(nullable: true),
                industry = table.Column<string>(maxLength: 100, nullable: true),
                direct_phone = table.Column<string>(maxLength: 20, nullable: true),
                direct_extension = table.Column<string>(maxLength: 10, nullable: true),
                mobile_phone = table.Column<string>(maxLength: 20, nullable: true),
                after_hours_phone = table.Column<string>(maxLength: 20, nullable: true),
                email = table.Column<string>(maxLength: 254, nullable: true),
                time_zone = table.Column<string>(maxLength: 64, nullable: true),
                owner_id = table.Column<Guid>(nullable: true),
                status = table.Column<string>(maxLength: 20, nullable: false),
                referred_by_contact_id = table.Column<Guid>(nullable: true),
                referred_by_name = table.Column<string>(maxLength: 100, nullable: true),
                referral_note = table.Column<string>(maxLength: 1000, nullable: true),
                notes = table.Column<string>(maxLength: 8000, nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_contacts", x => x.id);
                table.ForeignKey("FK_contacts_companies_company_id", x => x.company_id, "companies", "id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_contacts_contacts_referred_by_contact_id", x => x.referred_by_contact_id, "contacts", "id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_contacts_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_contacts_users_owner_id", x => x.owner_id, "users", "id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "gatekeepers",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                relationship = table.Column<string>(maxLength: 20, nullable: false),
                phone = table.Column<string>(maxLength: 20, nullable: true),
                extension = table.Column<string>(maxLength: 10, nullable: true),
                notes = table.Column<string>(maxLength: 8000, nullable: true),
                availability_note = table.Column<string>(maxLength: 200, nullable: true),
                available_hours = table.Column<string>(maxLength: 500, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_gatekeepers", x => x.id);
                table.ForeignKey("FK_gatekeepers_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_gatekeepers_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "calls",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                organization_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                direction = table.Column<string>(maxLength: 10, nullable: false),
                started_at = table.Column<DateTime>(nullable: false),
                duration_seconds = table.Column<int>(nullable: false),
                outcome = table.Column<string>(maxLength: 20, nullable: false),
                answered_by_gatekeeper_id = table.Column<Guid>(nullable: true),
                strategy = table.Column<string>(maxLength: 20, nullable: true),
                message_text = table.Column<string>(maxLength: 4000, nullable: true),
                notes = table.Column<string>(maxLength: 8000, nullable: true),
                promised_next_call_at = table.Column<DateTime>(nullable: true),
                commitments = table.Column<string>(maxLength: 8000, nullable: true),
                appointment_start = table.Column<DateTime>(nullable: true),
                appointment_end = table.Column<DateTime>(nullable: true),
                appointment_place = table.Column<string>(maxLength: 200, nullable: true),
                appointment_directions = table.Column<string>(maxLength: 8000, nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_calls", x => x.id);
                table.ForeignKey("FK_calls_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_calls_gatekeepers_answered_by_gatekeeper_id", x => x.answered_by_gatekeeper_id, "gatekeepers", "id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_calls_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_calls_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_api_tokens_hash", "api_tokens", "hash", unique: true);
        migrationBuilder.CreateIndex("IX_api_tokens_organization_id", "api_tokens", "organization_id");
        migrationBuilder.CreateIndex("IX_api_tokens_user_id", "api_tokens", "user_id");
        migrationBuilder.CreateIndex("IX_calls_answered_by_gatekeeper_id", "calls", "answered_by_gatekeeper_id");
        migrationBuilder.CreateIndex("IX_calls_contact_id_started_at", "calls", ["contact_id", "started_at"]);
        migrationBuilder.CreateIndex("IX_calls_organization_id_started_at", "calls", ["organization_id", "started_at"]);
        migrationBuilder.CreateIndex("IX_calls_organization_id_user_id_promised_next_call_at", "calls", ["organization_id", "user_id", "promised_next_call_at"]);
        migrationBuilder.CreateIndex("IX_calls_user_id", "calls", "user_id");
        migrationBuilder.CreateIndex("IX_companies_organization_id_name_key", "companies", ["organization_id", "name_key"], unique: true);
        migrationBuilder.CreateIndex("IX_contacts_company_id", "contacts", "company_id");
        migrationBuilder.CreateIndex("IX_contacts_organization_id_after_hours_phone", "contacts", ["organization_id", "after_hours_phone"], filter: "\"after_hours_phone\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_contacts_organization_id_direct_phone", "contacts", ["organization_id", "direct_phone"], filter: "\"direct_phone\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_contacts_organization_id_email", "contacts", ["organization_id", "email"]);
        migrationBuilder.CreateIndex("IX_contacts_organization_id_last_name_first_name", "contacts", ["organization_id", "last_name", "first_name"]);
        migrationBuilder.CreateIndex("IX_contacts_organization_id_mobile_phone", "contacts", ["organization_id", "mobile_phone"], filter: "\"mobile_phone\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_contacts_organization_id_owner_id_status", "contacts", ["organization_id", "owner_id", "status"]);
        migrationBuilder.CreateIndex("IX_contacts_organization_id_updated_at_id", "contacts", ["organization_id", "updated_at", "id"]);
        migrationBuilder.CreateIndex("IX_contacts_organization_id_created_at_id", "contacts", ["organization_id", "created_at", "id"]);
        migrationBuilder.CreateIndex("IX_contacts_owner_id", "contacts", "owner_id");
        migrationBuilder.CreateIndex("IX_contacts_referred_by_contact_id", "contacts", "referred_by_contact_id");
        migrationBuilder.CreateIndex("IX_gatekeepers_contact_id", "gatekeepers", "contact_id");
        migrationBuilder.CreateIndex("IX_gatekeepers_organization_id_phone", "gatekeepers", ["organization_id", "phone"], filter: "\"phone\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_reference_clients_organization_id_industry", "reference_clients", ["organization_id", "industry"]);
        migrationBuilder.CreateIndex("IX_users_email", "users", "email", unique: true);
        migrationBuilder.CreateIndex("IX_users_organization_id", "users", "organization_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "calls", "gatekeepers", "contacts", "api_tokens", "users", "reference_clients", "companies", "organizations" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
