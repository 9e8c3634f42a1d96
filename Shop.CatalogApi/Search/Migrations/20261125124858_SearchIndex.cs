using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Managed PostgreSQL servers must allow these extensions (see the README); a local server's superuser can create them.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;");

            // unaccent() is only STABLE (its dictionary could change), so a generated column cannot use it directly;
            // naming the dictionary makes the result fixed, which is what the index needs.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION search_document_vector(name text, brand text, category_names text[], description text)
                RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$
                    SELECT setweight(to_tsvector('simple', search_unaccent(coalesce(name, ''))), 'A')
                        || setweight(to_tsvector('simple', search_unaccent(coalesce(brand, '') || ' ' || coalesce(array_to_string(category_names, ' '), ''))), 'B')
                        || setweight(to_tsvector('simple', search_unaccent(coalesce(description, ''))), 'C')
                $$;
                """);

            // One row per published product; category_slugs and category_names run from the top-level department
            // down to the product's own category, so a category filter also finds its sub-categories' products.
            migrationBuilder.Sql("""
                CREATE TABLE search_documents (
                    product_id uuid PRIMARY KEY,
                    slug text NOT NULL,
                    name text NOT NULL,
                    brand text NOT NULL,
                    brand_slug text NOT NULL,
                    category_slugs text[] NOT NULL,
                    category_names text[] NOT NULL,
                    description text NOT NULL,
                    price_amount bigint NOT NULL,
                    currency char(3) NOT NULL,
                    in_stock boolean NOT NULL,
                    rating real NULL,
                    created_at timestamptz NOT NULL,
                    indexed_at timestamptz NOT NULL,
                    search_vector tsvector GENERATED ALWAYS AS (search_document_vector(name, brand, category_names, description)) STORED
                );
                CREATE INDEX ix_search_documents_vector ON search_documents USING gin (search_vector);
                CREATE INDEX ix_search_documents_categories ON search_documents USING gin (category_slugs);
                CREATE INDEX ix_search_documents_brand ON search_documents (brand_slug);
                -- The sort orders with their tie-breaker and the filter columns, so a listing finds its page in the
                -- index alone (an index-only scan), however many products the filters skip on the way.
                CREATE INDEX ix_search_documents_price ON search_documents (price_amount, product_id)
                    INCLUDE (category_slugs, brand_slug, in_stock);
                CREATE INDEX ix_search_documents_created ON search_documents (created_at DESC, product_id DESC)
                    INCLUDE (category_slugs, brand_slug, in_stock, price_amount);
                CREATE INDEX ix_search_documents_rating ON search_documents (rating DESC NULLS LAST, product_id DESC)
                    INCLUDE (category_slugs, brand_slug, in_stock, price_amount);
                CREATE INDEX ix_search_documents_indexed ON search_documents (indexed_at);
                """);

            // Facet counts of the whole catalog by category path, brand, stock and price range: listing without
            // words reads these few thousand rows instead of counting every document. Refreshed in the background.
            migrationBuilder.Sql("""
                CREATE TABLE search_facet_summary (
                    category_slugs text[] NOT NULL,
                    category_names text[] NOT NULL,
                    brand_slug text NOT NULL,
                    brand text NOT NULL,
                    in_stock boolean NOT NULL,
                    price_bucket integer NOT NULL,
                    count bigint NOT NULL
                );
                """);

            // Every indexed word, for correcting misspelt query words and completing prefixes.
            migrationBuilder.Sql("""
                CREATE TABLE search_vocabulary (
                    word text PRIMARY KEY,
                    document_count integer NOT NULL
                );
                CREATE INDEX ix_search_vocabulary_length ON search_vocabulary (length(word));
                CREATE INDEX ix_search_vocabulary_prefix ON search_vocabulary (word text_pattern_ops);
                """);

            migrationBuilder.CreateTable(
                name: "search_synonyms",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    terms = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_search_synonyms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "search_zero_results",
                columns: table => new
                {
                    query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_search_zero_results", x => x.query);
                });

            migrationBuilder.CreateIndex(
                name: "IX_search_zero_results_count",
                table: "search_zero_results",
                column: "count");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_facet_summary;");
            migrationBuilder.Sql("DROP TABLE search_vocabulary;");
            migrationBuilder.Sql("DROP TABLE search_documents;");
            migrationBuilder.Sql("DROP FUNCTION search_document_vector(text, text, text[], text);");
            migrationBuilder.Sql("DROP FUNCTION search_unaccent(text);");

            migrationBuilder.DropTable(
                name: "search_synonyms");

            migrationBuilder.DropTable(
                name: "search_zero_results");
        }
    }
}
