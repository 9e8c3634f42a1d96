using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Product listings at a million products: only what shoppers see (published, not deleted) is indexed,
            // each sort order ends with its tie-breaker and carries the filter columns, so a page is found by
            // walking one index in order, and a category's total is counted from the index alone.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Products_Listed_Newest" ON "Products" ("CreatedAt" DESC, "Id")
                    INCLUDE ("CategoryId", "BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Price" ON "Products" ("PriceAmount", "Id")
                    INCLUDE ("CategoryId", "BrandId") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Category" ON "Products" ("CategoryId", "BrandId", "PriceAmount")
                    INCLUDE ("Id") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Skus_Available" ON "Skus" ("ProductId") WHERE "OnHand" > "Reserved";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Products_Listed_Newest";
                DROP INDEX "IX_Products_Listed_Price";
                DROP INDEX "IX_Products_Listed_Category";
                DROP INDEX "IX_Skus_Available";
                """);
        }
    }
}
