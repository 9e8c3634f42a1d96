using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Data.Migrations
{
    /// <summary>
    /// Reviews written while sign-in tokens carried the email as the name of accounts without a display name showed
    /// that email as their author. Those names are cleared, by the rule new reviews follow
    /// (<see cref="Domain.Review.ShownAuthorName"/>); the reviews stay.
    /// </summary>
    [DbContext(typeof(CatalogDbContext))]
    [Migration("20261128031000_ClearEmailReviewAuthors")]
    public partial class ClearEmailReviewAuthors : Migration
    {
        public const string Sql = """
            UPDATE "Reviews" SET "AuthorName" = NULL
            WHERE strpos("AuthorName", '@') > 0 AND "AuthorName" !~ '\s';
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The addresses are not kept anywhere to put back, and should not be.
        }
    }
}
