using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.CatalogApi.Search.Migrations
{
    /// <inheritdoc />
    public partial class ListingAndSuggestIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Product suggestions match names only. In the weighted search_vector a prefix scan collects every
            // document with a matching word anywhere (tens of thousands for a common prefix) before LIMIT applies.
            // One word typed: a b-tree of (name word, product) in C collation answers LIKE 'pre%' and stops after
            // the few rows asked for. Several words: a GIN index of the names' words alone intersects them.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_name_vector(name text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT to_tsvector('simple', search_unaccent(coalesce(name, ''))) $$;
                CREATE INDEX ix_search_documents_name_words ON search_documents USING gin (search_name_vector(name));

                CREATE TABLE search_name_words (
                    word text COLLATE "C" NOT NULL,
                    product_id uuid NOT NULL
                );

                CREATE FUNCTION search_name_words_sync() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM search_name_words
                        WHERE word = ANY(tsvector_to_array(search_name_vector(OLD.name))) AND product_id = OLD.product_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO search_name_words (word, product_id)
                        SELECT w.word, NEW.product_id FROM unnest(tsvector_to_array(search_name_vector(NEW.name))) AS w(word);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER search_name_words_insert_delete AFTER INSERT OR DELETE ON search_documents
                    FOR EACH ROW EXECUTE FUNCTION search_name_words_sync();
                CREATE TRIGGER search_name_words_update AFTER UPDATE ON search_documents
                    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_name_words_sync();

                INSERT INTO search_name_words (word, product_id)
                SELECT w.word, d.product_id FROM search_documents d, unnest(tsvector_to_array(search_name_vector(d.name))) AS w(word);
                ALTER TABLE search_name_words ADD PRIMARY KEY (word, product_id);
                """);

            // A listing of one category in price, date or rating order reads its page from an index that starts with
            // the category: one row per category of a product's path (a department lists its sub-categories'
            // products), with the columns listings filter on. The catalog-wide sort indexes would pass over every
            // other category's products first. A trigger keeps the rows in step with whatever writes documents.
            migrationBuilder.Sql("""
                CREATE TABLE search_category_listing (
                    category_slug text NOT NULL,
                    product_id uuid NOT NULL,
                    price_amount bigint NOT NULL,
                    created_at timestamptz NOT NULL,
                    rating real NULL,
                    brand_slug text NOT NULL,
                    in_stock boolean NOT NULL,
                    PRIMARY KEY (category_slug, product_id)
                );

                CREATE FUNCTION search_category_listing_sync() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM search_category_listing
                        WHERE category_slug = ANY(OLD.category_slugs) AND product_id = OLD.product_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO search_category_listing (category_slug, product_id, price_amount, created_at, rating, brand_slug, in_stock)
                        SELECT DISTINCT c.slug, NEW.product_id, NEW.price_amount, NEW.created_at, NEW.rating, NEW.brand_slug, NEW.in_stock
                        FROM unnest(NEW.category_slugs) AS c(slug);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER search_category_listing_insert_delete AFTER INSERT OR DELETE ON search_documents
                    FOR EACH ROW EXECUTE FUNCTION search_category_listing_sync();
                -- A reindex rewrites every document: only those whose listed columns changed touch their rows.
                CREATE TRIGGER search_category_listing_update AFTER UPDATE ON search_documents
                    FOR EACH ROW
                    WHEN ((OLD.category_slugs, OLD.price_amount, OLD.created_at, OLD.rating, OLD.brand_slug, OLD.in_stock)
                        IS DISTINCT FROM (NEW.category_slugs, NEW.price_amount, NEW.created_at, NEW.rating, NEW.brand_slug, NEW.in_stock))
                    EXECUTE FUNCTION search_category_listing_sync();

                INSERT INTO search_category_listing (category_slug, product_id, price_amount, created_at, rating, brand_slug, in_stock)
                SELECT DISTINCT c.slug, d.product_id, d.price_amount, d.created_at, d.rating, d.brand_slug, d.in_stock
                FROM search_documents d, unnest(d.category_slugs) AS c(slug);

                -- Each order ends with the product id, as the listing's ORDER BY does; the filter columns ride along
                -- so a page is found in the index alone.
                CREATE INDEX ix_search_category_listing_price ON search_category_listing (category_slug, price_amount, product_id)
                    INCLUDE (brand_slug, in_stock);
                CREATE INDEX ix_search_category_listing_created ON search_category_listing (category_slug, created_at DESC, product_id DESC)
                    INCLUDE (brand_slug, in_stock, price_amount);
                CREATE INDEX ix_search_category_listing_rating ON search_category_listing (category_slug, rating DESC NULLS LAST, product_id DESC)
                    INCLUDE (brand_slug, in_stock, price_amount);
                ANALYZE search_category_listing;
                ANALYZE search_name_words;
                ANALYZE search_documents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER search_category_listing_update ON search_documents;
                DROP TRIGGER search_category_listing_insert_delete ON search_documents;
                DROP FUNCTION search_category_listing_sync();
                DROP TABLE search_category_listing;
                DROP TRIGGER search_name_words_update ON search_documents;
                DROP TRIGGER search_name_words_insert_delete ON search_documents;
                DROP FUNCTION search_name_words_sync();
                DROP TABLE search_name_words;
                DROP INDEX ix_search_documents_name_words;
                DROP FUNCTION search_name_vector(text);
                """);
        }
    }
}
