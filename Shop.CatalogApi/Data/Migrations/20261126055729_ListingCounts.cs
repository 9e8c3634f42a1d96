using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // How many listed products (published, not deleted) each (category, brand, availability, price band) has,
            // so a listing's total is a sum of a few rows plus, for a price range that does not start or end on a
            // band's edge, a count of the edge bands' products. The band is the price in minor units divided by
            // ListingCounts.PriceBandWidth (500). Keyed by category and band first, carrying the count: a category's
            // bands in a price range are next to each other in the key, read from the key alone (about 800 entries per
            // category at a million products, a few index pages), brand and availability checked on the entries.
            migrationBuilder.Sql("""
                CREATE TABLE "ProductListingCounts" (
                    "CategoryId" integer NOT NULL,
                    "BrandId" integer NOT NULL,
                    "InStock" boolean NOT NULL,
                    "PriceBand" bigint NOT NULL,
                    "Count" bigint NOT NULL,
                    CONSTRAINT "PK_ProductListingCounts" PRIMARY KEY ("CategoryId", "PriceBand", "BrandId", "InStock") INCLUDE ("Count"));
                INSERT INTO "ProductListingCounts"
                SELECT "CategoryId", "BrandId", "InStock", "PriceAmount" / 500, count(*) FROM "Products"
                WHERE "IsPublished" AND "DeletedAt" IS NULL AND "CategoryId" IS NOT NULL AND "BrandId" IS NOT NULL
                GROUP BY 1, 2, 3, 4
                ORDER BY 1, 4, 2, 3;
                """);

            // Kept by every write to "Products" whoever makes it (endpoints, the stock trigger, imports, raw UPDATEs), in
            // the writer's transaction. Per statement, from the rows it changed: an UPDATE that leaves each product's
            // group as it was (a rating, a name) changes no count. Rows are updated in key order, so two writers lock
            // the rows they share in the same order. (A trigger with transition tables takes one event: three triggers,
            // and the function reads only the tables its event has.)
            migrationBuilder.Sql("""
                CREATE FUNCTION catalog_listing_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                    INSERT INTO "ProductListingCounts" AS c ("CategoryId", "BrandId", "InStock", "PriceBand", "Count")
                    SELECT "CategoryId", "BrandId", "InStock", "PriceAmount" / 500, sum(change) FROM (
                        SELECT *, 1 AS change FROM new_rows WHERE "IsPublished" AND "DeletedAt" IS NULL AND "CategoryId" IS NOT NULL AND "BrandId" IS NOT NULL) changed
                    GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0 ORDER BY 1, 4, 2, 3
                    ON CONFLICT ("CategoryId", "PriceBand", "BrandId", "InStock") DO UPDATE SET "Count" = c."Count" + EXCLUDED."Count";
                    ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO "ProductListingCounts" AS c ("CategoryId", "BrandId", "InStock", "PriceBand", "Count")
                    SELECT "CategoryId", "BrandId", "InStock", "PriceAmount" / 500, sum(change) FROM (
                        SELECT *, -1 AS change FROM old_rows WHERE "IsPublished" AND "DeletedAt" IS NULL AND "CategoryId" IS NOT NULL AND "BrandId" IS NOT NULL) changed
                    GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0 ORDER BY 1, 4, 2, 3
                    ON CONFLICT ("CategoryId", "PriceBand", "BrandId", "InStock") DO UPDATE SET "Count" = c."Count" + EXCLUDED."Count";
                    ELSE
                    INSERT INTO "ProductListingCounts" AS c ("CategoryId", "BrandId", "InStock", "PriceBand", "Count")
                    SELECT "CategoryId", "BrandId", "InStock", "PriceAmount" / 500, sum(change) FROM (
                        SELECT *, -1 AS change FROM old_rows WHERE "IsPublished" AND "DeletedAt" IS NULL AND "CategoryId" IS NOT NULL AND "BrandId" IS NOT NULL
                        UNION ALL
                        SELECT *, 1 FROM new_rows WHERE "IsPublished" AND "DeletedAt" IS NULL AND "CategoryId" IS NOT NULL AND "BrandId" IS NOT NULL) changed
                    GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0 ORDER BY 1, 4, 2, 3
                    ON CONFLICT ("CategoryId", "PriceBand", "BrandId", "InStock") DO UPDATE SET "Count" = c."Count" + EXCLUDED."Count";
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "TR_Products_ListingCounts_Insert" AFTER INSERT ON "Products"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_listing_counts();
                CREATE TRIGGER "TR_Products_ListingCounts_Update" AFTER UPDATE ON "Products"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_listing_counts();
                CREATE TRIGGER "TR_Products_ListingCounts_Delete" AFTER DELETE ON "Products"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_listing_counts();
                """);

            // The category tree and the brands are held in each replica's memory; this version, raised by every write to
            // either table in the writer's transaction, tells a replica its copy is out of date (one row read a listing).
            migrationBuilder.Sql("""
                CREATE TABLE "CatalogTaxonomyVersion" ("Id" integer PRIMARY KEY CHECK ("Id" = 1), "Version" bigint NOT NULL);
                INSERT INTO "CatalogTaxonomyVersion" VALUES (1, 1);
                CREATE FUNCTION catalog_taxonomy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "CatalogTaxonomyVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "TR_Categories_TaxonomyVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Categories"
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_taxonomy_changed();
                CREATE TRIGGER "TR_Brands_TaxonomyVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Brands"
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_taxonomy_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Categories_TaxonomyVersion" ON "Categories";
                DROP TRIGGER "TR_Brands_TaxonomyVersion" ON "Brands";
                DROP FUNCTION catalog_taxonomy_changed();
                DROP TABLE "CatalogTaxonomyVersion";
                DROP TRIGGER "TR_Products_ListingCounts_Insert" ON "Products";
                DROP TRIGGER "TR_Products_ListingCounts_Update" ON "Products";
                DROP TRIGGER "TR_Products_ListingCounts_Delete" ON "Products";
                DROP FUNCTION catalog_listing_counts();
                DROP TABLE "ProductListingCounts";
                """);
        }
    }
}
