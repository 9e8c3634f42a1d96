using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class UniqueCategoryAndBrandNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "CategoryId",
                table: "Products",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "BrandId",
                table: "Products",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Products_CategoryAndBrandUnlessDeleted",
                table: "Products",
                sql: "\"DeletedAt\" IS NOT NULL OR (\"CategoryId\" IS NOT NULL AND \"BrandId\" IS NOT NULL)");

            // Names were unique only by the code's checks, which two requests at once could both pass: the later of
            // any such twins is renamed "<name> (<id>)" so the indexes below can be built.
            migrationBuilder.Sql("""
                UPDATE "Brands" AS b SET "Name" = left(b."Name", 86) || ' (' || b."Id" || ')'
                WHERE EXISTS (SELECT 1 FROM "Brands" AS o WHERE lower(o."Name") = lower(b."Name") AND o."Id" < b."Id");
                UPDATE "Categories" AS c SET "Name" = left(c."Name", 86) || ' (' || c."Id" || ')'
                WHERE EXISTS (SELECT 1 FROM "Categories" AS o WHERE lower(o."Name") = lower(c."Name")
                    AND COALESCE(o."ParentId", 0) = COALESCE(c."ParentId", 0) AND o."Id" < c."Id");
                """);
            // Expression indexes (EF cannot model them): brand names whatever their case; category names whatever
            // their case among their siblings, departments (no parent) counting as siblings of each other.
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_Brands_LowerName" ON "Brands" (lower("Name"));""");
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_Categories_ParentId_LowerName" ON "Categories" (COALESCE("ParentId", 0), lower("Name"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Categories_ParentId_LowerName";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Brands_LowerName";""");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Products_CategoryAndBrandUnlessDeleted",
                table: "Products");

            migrationBuilder.AlterColumn<int>(
                name: "CategoryId",
                table: "Products",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "BrandId",
                table: "Products",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
