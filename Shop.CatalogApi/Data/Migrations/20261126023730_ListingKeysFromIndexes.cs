using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingKeysFromIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A listing picks its page from the sort keys alone, read from an index without the table. The rating
            // is an expression, which PostgreSQL recomputes from the columns rather than reading it from the index,
            // so the rating index carries "RatingSum" as well. A category that a brand or price filter leaves sparse
            // has all its matches read from the (category, brand, price) or (category, price) index and sorted, so
            // those carry every sort's keys.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Products_Listed_Category";
                DROP INDEX "IX_Products_Listed_CategoryPrice";
                DROP INDEX "IX_Products_Listed_CategoryRating";
                CREATE INDEX "IX_Products_Listed_Category" ON "Products" ("CategoryId", "BrandId", "PriceAmount", "Id")
                    INCLUDE ("InStock", "CreatedAt", "RatingCount", "RatingSum") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryPrice" ON "Products" ("CategoryId", "PriceAmount", "Id")
                    INCLUDE ("BrandId", "InStock", "CreatedAt", "RatingCount", "RatingSum") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryRating" ON "Products" ("CategoryId",
                    (CASE WHEN "RatingCount" = 0 THEN 0.0 ELSE "RatingSum"::double precision / "RatingCount"::double precision END) DESC,
                    "RatingCount" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount", "InStock", "RatingSum") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Products_Listed_Category";
                DROP INDEX "IX_Products_Listed_CategoryPrice";
                DROP INDEX "IX_Products_Listed_CategoryRating";
                CREATE INDEX "IX_Products_Listed_Category" ON "Products" ("CategoryId", "BrandId", "PriceAmount")
                    INCLUDE ("Id", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryPrice" ON "Products" ("CategoryId", "PriceAmount", "Id")
                    INCLUDE ("BrandId", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryRating" ON "Products" ("CategoryId",
                    (CASE WHEN "RatingCount" = 0 THEN 0.0 ELSE "RatingSum"::double precision / "RatingCount"::double precision END) DESC,
                    "RatingCount" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                """);
        }
    }
}
