using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.IdentityApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessageRetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_published_at",
                table: "outbox_messages",
                column: "published_at")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_handled_at",
                table: "inbox_messages",
                column: "handled_at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_published_at",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_handled_at",
                table: "inbox_messages");
        }
    }
}
