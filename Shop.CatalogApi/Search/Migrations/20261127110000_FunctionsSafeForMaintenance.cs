using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class FunctionsSafeForMaintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Autovacuum, pg_dump's restore and (from PostgreSQL 17) every VACUUM, ANALYZE and REINDEX run with only
            // pg_catalog on the search path. The functions behind the search indexes and the documents' generated
            // vector called each other by bare name, so autovacuum failed on search_documents and search_vocabulary
            // every time it tried ("function search_unaccent(text) does not exist"), and those tables were never
            // vacuumed or analyzed. Naming the schema keeps the functions inlinable, unlike a SET search_path clause.
            // The bodies compute what they computed before, so the indexes stay valid as they are.
            migrationBuilder.Sql(Definitions(schema: "public."));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Definitions(schema: ""));
        }

        /// <summary>The three functions, calling the search functions they use through <paramref name="schema"/>.</summary>
        private static string Definitions(string schema) => $$"""
            CREATE OR REPLACE FUNCTION search_document_vector(name text, brand text, category_names text[], description text)
            RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$
                SELECT setweight(to_tsvector('simple', {{schema}}search_unaccent(coalesce(name, ''))), 'A')
                    || setweight(to_tsvector('simple', {{schema}}search_unaccent(coalesce(brand, '') || ' ' || coalesce(array_to_string(category_names, ' '), ''))), 'B')
                    || setweight(to_tsvector('simple', {{schema}}search_unaccent(coalesce(description, ''))), 'C')
            $$;
            CREATE OR REPLACE FUNCTION search_name_vector(name text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT to_tsvector('simple', {{schema}}search_unaccent(coalesce(name, ''))) $$;
            CREATE OR REPLACE FUNCTION search_vocabulary_variants(word text) RETURNS text[]
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT {{schema}}search_deletion_variants(word, CASE WHEN length(word) >= 6 THEN 2 ELSE 1 END) $$;
            """;
    }
}
