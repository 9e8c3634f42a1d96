using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class StoredAnswerCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // How many rows search_common_answers may hold at most: each store takes a number before it writes (one
            // sequence step instead of counting the table's rows on every store), and the facet summary's refresher
            // sets it to the rows' number every interval (stores that replaced a row or wrote none took one too).
            migrationBuilder.Sql("""
                CREATE SEQUENCE search_common_answers_count MINVALUE 0 START 1;
                SELECT setval('search_common_answers_count', (SELECT count(*) FROM search_common_answers), true);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SEQUENCE search_common_answers_count;");
        }
    }
}
