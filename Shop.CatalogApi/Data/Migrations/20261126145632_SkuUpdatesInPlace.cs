using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class SkuUpdatesInPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // "IX_Skus_Available" named the stock columns every reservation and settlement changes, so none of those
            // updates could be HOT: each wrote a new entry into all of the table's indexes. Nothing reads it since
            // listings filter on "Products"."InStock" (the ProductInStock migration), and the in-stock trigger finds
            // a product's few SKUs through "IX_Skus_ProductId".
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Skus_Available";""");

            // Ids for rows the stock ledger inserts in the same statement as its updates: time-ordered like the
            // service's Guid.CreateVersion7(), so the movements' primary key grows at its end instead of at random
            // pages (PostgreSQL 18 has uuidv7() built in; this is the same layout for older servers).
            migrationBuilder.Sql("""
                CREATE FUNCTION catalog_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                        PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                        FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION catalog_uuid_v7();
                CREATE INDEX "IX_Skus_Available" ON "Skus" ("ProductId") WHERE "OnHand" > "Reserved";
                """);
        }
    }
}
