using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class CommonAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The answers of words searches that match many products (Search:StoredAnswerMinimumMatches, or more than
            // are counted: such a search reads thousands of scattered rows), kept per index version and shared by the
            // replicas: the next request for the same page at the same version reads one row. The facet summary's
            // refresh deletes those of older versions.
            migrationBuilder.Sql("""
                CREATE TABLE search_common_answers (
                    key text COLLATE "C" PRIMARY KEY,
                    index_version bigint NOT NULL,
                    answer bytea NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_common_answers;");
        }
    }
}
