using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class DocumentAttributes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A product's attributes: attribute_keys holds "name=value" (the value in lower case, numbers in plain
            // invariant form) for filters and facet counts, attribute_values the values as shown in the same order,
            // attribute_numbers the number attributes ({"weight-grams": 180}) for range filters.
            // NULL marks a document written before documents had attributes: the catalog rewrites every document at
            // its next start (SearchIndexer), and the partial index finds such documents without reading the table.
            migrationBuilder.Sql("""
                ALTER TABLE search_documents
                    ADD COLUMN attribute_keys text[],
                    ADD COLUMN attribute_values text[],
                    ADD COLUMN attribute_numbers jsonb;
                CREATE INDEX ix_search_documents_attributes ON search_documents USING gin (attribute_keys);
                CREATE INDEX ix_search_documents_without_attributes ON search_documents (product_id) WHERE attribute_keys IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_search_documents_without_attributes;
                DROP INDEX ix_search_documents_attributes;
                ALTER TABLE search_documents DROP COLUMN attribute_keys, DROP COLUMN attribute_values, DROP COLUMN attribute_numbers;
                """);
        }
    }
}
