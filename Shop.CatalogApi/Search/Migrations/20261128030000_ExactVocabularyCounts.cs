using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class ExactVocabularyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Indexing now keeps the vocabulary's counts exact, but only from counts that were exact: until now
            // a word was counted once, by the first batch that had it, and never counted down, so words of
            // products unpublished, deleted or renamed stayed. One recount, as a full reindex does it, under the
            // lock the rebuild takes (about 8 s at a million products on 2 cores). A replica still running the
            // earlier version takes no lock and may add a word meanwhile, which the insert then counts.
            migrationBuilder.Sql("""
                SELECT pg_advisory_xact_lock(hashtext('search_vocabulary'));
                DELETE FROM search_vocabulary;
                INSERT INTO search_vocabulary (word, document_count)
                SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_documents')
                ON CONFLICT (word) DO UPDATE SET document_count = EXCLUDED.document_count;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Exact counts serve the former code as well as any.
        }
    }
}
