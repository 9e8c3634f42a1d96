using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class AttributeSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Attribute counts of the whole catalog by category (one row per category of a product's path, so a
            // department counts its sub-categories' products), brand, stock and price range: a listing filtered by
            // these alone sums a few thousand rows of its category instead of reading its products' attributes.
            // FacetSummaryRefresher recounts it with search_facet_summary, in the same transaction and version.
            // Marking the facet summary as old makes the next refresh fill both.
            migrationBuilder.Sql("""
                CREATE TABLE search_attribute_summary (
                    category_slug text NOT NULL,
                    brand_slug text NOT NULL,
                    in_stock boolean NOT NULL,
                    price_bucket integer NOT NULL,
                    key text NOT NULL,
                    value text NOT NULL,
                    count bigint NOT NULL,
                    index_version bigint NOT NULL
                );
                CREATE INDEX ix_search_attribute_summary_category ON search_attribute_summary (category_slug, brand_slug, in_stock, price_bucket);
                UPDATE search_facet_summary SET index_version = -1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_attribute_summary;");
        }
    }
}
