using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ringback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FoldedSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Contacts saved before names were kept folded in their search text get the folded spellings (Contacts/SearchFolding).
            migrationBuilder.Sql(Ringback.Data.Contacts.SearchFolding.Update(postgres: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The appended spellings are only extra words to search: left in place, they find nothing wrong.
        }
    }
}
