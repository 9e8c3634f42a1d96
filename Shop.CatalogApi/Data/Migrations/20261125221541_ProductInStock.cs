using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProductInStock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Added as true, which costs no rewrite of a large catalog, then set false where no variant is available
            // (few products), and defaulted to false for new products: their first available SKU sets it.
            migrationBuilder.AddColumn<bool>(
                name: "InStock",
                table: "Products",
                type: "boolean",
                nullable: false,
                defaultValue: true);
            migrationBuilder.Sql("""
                UPDATE "Products" p SET "InStock" = false
                WHERE NOT EXISTS (SELECT 1 FROM "Skus" s WHERE s."ProductId" = p."Id" AND s."OnHand" > s."Reserved");
                ALTER TABLE "Products" ALTER COLUMN "InStock" SET DEFAULT false;
                """);

            // Every stock change, whichever code makes it (reservations, releases, sales, adjustments, SKUs added,
            // removed or imported, raw UPDATEs included), keeps the flag in its own transaction. The triggers fire
            // only when a SKU sells out, comes back, appears available or goes, so most checkouts never touch the
            // product. The product row is locked before its SKUs are read, in a statement of its own (a fresh
            // snapshot): two checkouts selling out a product's last two variants at once then see each other's
            // change instead of each keeping it in stock for the other's variant.
            migrationBuilder.Sql("""
                CREATE FUNCTION catalog_product_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    product uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD."ProductId" ELSE NEW."ProductId" END;
                BEGIN
                    PERFORM 1 FROM "Products" WHERE "Id" = product FOR NO KEY UPDATE;
                    UPDATE "Products" p SET "InStock" = a.available
                    FROM (SELECT EXISTS (SELECT 1 FROM "Skus" s WHERE s."ProductId" = product AND s."OnHand" > s."Reserved") AS available) a
                    WHERE p."Id" = product AND p."InStock" <> a.available;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "TR_Skus_InStock_Insert" AFTER INSERT ON "Skus" FOR EACH ROW
                    WHEN (NEW."OnHand" > NEW."Reserved") EXECUTE FUNCTION catalog_product_in_stock();
                CREATE TRIGGER "TR_Skus_InStock_Update" AFTER UPDATE OF "OnHand", "Reserved" ON "Skus" FOR EACH ROW
                    WHEN ((OLD."OnHand" > OLD."Reserved") <> (NEW."OnHand" > NEW."Reserved")) EXECUTE FUNCTION catalog_product_in_stock();
                CREATE TRIGGER "TR_Skus_InStock_Delete" AFTER DELETE ON "Skus" FOR EACH ROW
                    WHEN (OLD."OnHand" > OLD."Reserved") EXECUTE FUNCTION catalog_product_in_stock();
                """);

            // The listing indexes carry the flag, so an in-stock page or total is read from the index alone.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Products_Listed_Newest";
                DROP INDEX "IX_Products_Listed_Price";
                DROP INDEX "IX_Products_Listed_Category";
                DROP INDEX "IX_Products_Listed_CategoryPrice";
                DROP INDEX "IX_Products_Listed_CategoryNewest";
                DROP INDEX "IX_Products_Listed_CategoryRating";
                CREATE INDEX "IX_Products_Listed_Newest" ON "Products" ("CreatedAt" DESC, "Id")
                    INCLUDE ("CategoryId", "BrandId", "PriceAmount", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Price" ON "Products" ("PriceAmount", "Id")
                    INCLUDE ("CategoryId", "BrandId", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Category" ON "Products" ("CategoryId", "BrandId", "PriceAmount")
                    INCLUDE ("Id", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryPrice" ON "Products" ("CategoryId", "PriceAmount", "Id")
                    INCLUDE ("BrandId", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryNewest" ON "Products" ("CategoryId", "CreatedAt" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryRating" ON "Products" ("CategoryId",
                    (CASE WHEN "RatingCount" = 0 THEN 0.0 ELSE "RatingSum"::double precision / "RatingCount"::double precision END) DESC,
                    "RatingCount" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount", "InStock") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Skus_InStock_Insert" ON "Skus";
                DROP TRIGGER "TR_Skus_InStock_Update" ON "Skus";
                DROP TRIGGER "TR_Skus_InStock_Delete" ON "Skus";
                DROP FUNCTION catalog_product_in_stock();
                DROP INDEX "IX_Products_Listed_Newest";
                DROP INDEX "IX_Products_Listed_Price";
                DROP INDEX "IX_Products_Listed_Category";
                DROP INDEX "IX_Products_Listed_CategoryPrice";
                DROP INDEX "IX_Products_Listed_CategoryNewest";
                DROP INDEX "IX_Products_Listed_CategoryRating";
                """);
            migrationBuilder.DropColumn(
                name: "InStock",
                table: "Products");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Products_Listed_Newest" ON "Products" ("CreatedAt" DESC, "Id")
                    INCLUDE ("CategoryId", "BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Price" ON "Products" ("PriceAmount", "Id")
                    INCLUDE ("CategoryId", "BrandId") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_Category" ON "Products" ("CategoryId", "BrandId", "PriceAmount")
                    INCLUDE ("Id") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryPrice" ON "Products" ("CategoryId", "PriceAmount", "Id")
                    INCLUDE ("BrandId") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryNewest" ON "Products" ("CategoryId", "CreatedAt" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                CREATE INDEX "IX_Products_Listed_CategoryRating" ON "Products" ("CategoryId",
                    (CASE WHEN "RatingCount" = 0 THEN 0.0 ELSE "RatingSum"::double precision / "RatingCount"::double precision END) DESC,
                    "RatingCount" DESC, "Id")
                    INCLUDE ("BrandId", "PriceAmount") WHERE "IsPublished" AND "DeletedAt" IS NULL;
                """);
        }
    }
}
