using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class CorrectionCandidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Typo tolerance without comparing a query word with every vocabulary word of a similar length: two words
            // within k edits share a string reached from each by at most k deletions. The index holds each word's
            // deletion variants; a query word's own variants find the few candidates, and Levenshtein decides.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_deletion_variants(word text, deletions integer) RETURNS text[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$
                    SELECT array_agg(DISTINCT v) FROM (
                        SELECT word
                        UNION ALL
                        SELECT overlay(word PLACING '' FROM i FOR 1)
                        FROM generate_series(1, length(word)) AS i WHERE deletions >= 1
                        UNION ALL
                        SELECT overlay(overlay(word PLACING '' FROM j FOR 1) PLACING '' FROM i FOR 1)
                        FROM generate_series(1, length(word)) AS i, generate_series(i + 1, length(word)) AS j WHERE deletions >= 2
                    ) AS variants(v)
                $$;
                """);
            // A query word may be 2 edits off from 8 letters (QueryText.AllowedEdits), so it can reach words of 6
            // letters or more within 2 edits; shorter words are only ever within 1 edit of a query word.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_vocabulary_variants(word text) RETURNS text[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT search_deletion_variants(word, CASE WHEN length(word) >= 6 THEN 2 ELSE 1 END) $$;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_vocabulary_variants ON search_vocabulary USING gin (search_vocabulary_variants(word));
                DROP INDEX ix_search_vocabulary_length;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_vocabulary_length ON search_vocabulary (length(word));
                DROP INDEX ix_search_vocabulary_variants;
                DROP FUNCTION search_vocabulary_variants(text);
                DROP FUNCTION search_deletion_variants(text, integer);
                """);
        }
    }
}
