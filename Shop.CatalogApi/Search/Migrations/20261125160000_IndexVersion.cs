using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class IndexVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Advanced after every change to search_documents: cached results are keyed by it, and the facet summary
            // notes the version it counted, so a listing knows when the summary's counts are exact.
            migrationBuilder.Sql("""
                CREATE SEQUENCE search_index_version;
                ALTER TABLE search_facet_summary ADD COLUMN index_version bigint NOT NULL DEFAULT -1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE search_facet_summary DROP COLUMN index_version;
                DROP SEQUENCE search_index_version;
                """);
        }
    }
}
