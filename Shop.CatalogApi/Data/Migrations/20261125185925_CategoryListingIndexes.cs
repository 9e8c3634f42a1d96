using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class CategoryListingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A category listing reads each of its categories' first products in the listing's order from one of
            // these (category, order) indexes: the catalog-wide order indexes pass every product of the other
            // categories first when a category's prices or dates cluster at one end. The rating expression is the
            // listing's own, so the planner matches it.
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Products_Listed_CategoryPrice" ON "Products" ("CategoryId", "PriceAmount", "Id")
                    INCLUDE ("BrandId") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX IF NOT EXISTS "IX_Products_Listed_CategoryNewest" ON "Products" ("CategoryId", "CreatedAt" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX IF NOT EXISTS "IX_Products_Listed_CategoryRating" ON "Products" ("CategoryId",
                    (CASE WHEN "RatingCount" = 0 THEN 0.0 ELSE "RatingSum"::double precision / "RatingCount"::double precision END) DESC,
                    "RatingCount" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Products_Listed_CategoryPrice";
                DROP INDEX "IX_Products_Listed_CategoryNewest";
                DROP INDEX "IX_Products_Listed_CategoryRating";
                """);
        }
    }
}
