using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Search on PostgreSQL: the <c>search_documents</c> table with a weighted tsvector (name A, brand and categories B,
/// description C) behind a GIN index. Typo tolerance: each query word also matches the indexed words (the
/// <c>search_vocabulary</c> table) within <see cref="QueryText.AllowedEdits"/> Levenshtein edits; documents that
/// match the words as typed rank above those that only match corrections.
/// </summary>
public sealed partial class PostgresCatalogSearch(
    SearchIndexDbContext db, IMemoryCache cache, WordsAnswers answers, SearchFlights flights, CommonWords commonWords,
    SearchTurns turns, IOptions<SearchOptions> options, TimeProvider clock) : ICatalogSearch
{
    /// <summary>Separates category slugs and names inside one text parameter; neither contains it.</summary>
    private const char PathSeparator = '\u001f';

    private const int MaxFacetValues = 50;

    /// <summary>Name words with one prefix a suggested product may have: rows read per product asked for.</summary>
    private const int NameWordsPerProduct = 4;

    /// <summary>
    /// Row kinds of the facet statements (here and in the words statement): one statement answers every facet, each
    /// row saying which it counts; the counted matches and the summary's version ride along as rows of their own.
    /// </summary>
    private const int CategoryRow = 0, BrandRow = 1, PriceRow = 2, TotalRow = 3, CountedRow = 4, SummaryVersionRow = 5, AttributeRow = 6, HitRow = 7;

    private SearchOptions Settings => options.Value;

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken) =>
        turns.RunAsync(() => SearchInTurnAsync(query, cancellationToken), cancellationToken);

    public Task<Suggestions> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken) =>
        turns.RunAsync(() => SuggestInTurnAsync(prefix, limit, cancellationToken), cancellationToken);

    private async Task<SearchResult> SearchInTurnAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (AnsweredInOneStatement(query))
        {
            return await WordsSearchAsync(query, cancellationToken);
        }

        var connection = await OpenAsync(cancellationToken);
        // Cached results are keyed by the index's version, so any change to the index shows on the next search.
        var version = await IndexVersionAsync(connection, cancellationToken);
        var resultKey = ResultKey(version, query);
        if (cache.TryGetValue(resultKey, out SearchResult? cached))
        {
            return cached!;
        }

        return await flights.RunAsync(resultKey, () => SearchUncachedAsync(connection, query, version, resultKey, cancellationToken), cancellationToken);
    }

    private async Task<SearchResult> SearchUncachedAsync(
        NpgsqlConnection connection, SearchQuery query, long version, string resultKey, CancellationToken cancellationToken)
    {
        var text = query.Terms.Count == 0 ? null : await TextQueryAsync(connection, query, cancellationToken);

        var (total, facets, large, capped, summaryVersion) = await FacetsAsync(connection, query, text, version, cancellationToken);
        if (text is null && (capped || (summaryVersion != version && !large)))
        {
            // A summary made before the index's last change may be seconds old: a small listing's total is then
            // counted now, so new products show at once. A summary of the current index is exact.
            total = await CountAsync(connection, query, text, cancellationToken);
            capped = false;
        }
        else if (capped && new Filters(query).Narrowing)
        {
            // The facets counted the first matches of the words alone; the filters' own total is counted apart.
            total = await CountAsync(connection, query, text, cancellationToken);
            capped = total >= Settings.MaxCountedMatches;
        }

        var hits = total == 0 ? [] : await HitsAsync(connection, query, text, capped, cancellationToken);
        var result = new SearchResult(hits, total, facets, capped);
        if (large)
        {
            Remember(resultKey, result);
        }

        return result;
    }

    private async Task<Suggestions> SuggestInTurnAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var words = QueryText.Words(prefix);
        if (words.Count == 0)
        {
            return new Suggestions([], []);
        }

        var connection = await OpenAsync(cancellationToken);
        // The products are the first few found, unordered: ordering every product a short prefix matches would
        // cost more than autocomplete can spend. Names only (see the ListingAndSuggestIndexes migration): one word
        // reads the first name words with the prefix from a b-tree (a product's several such words count once,
        // so a few more rows than asked for are read); several words intersect them in the names' GIN index.
        await using var command = new NpgsqlCommand(
            $"""
             SELECT word FROM search_vocabulary
             WHERE word LIKE @prefix ESCAPE '\'
             ORDER BY document_count DESC, word
             LIMIT @limit;
             {(words.Count == 1
                 ? """
                   SELECT d.product_id, d.name, d.slug FROM search_documents d
                   WHERE d.product_id IN (
                       SELECT w.product_id FROM search_name_words w WHERE w.word LIKE @prefix ESCAPE '\' LIMIT @scan)
                   LIMIT @limit;
                   """
                 : """
                   SELECT product_id, name, slug FROM search_documents
                   WHERE search_name_vector(name) @@ to_tsquery('simple', @names)
                   LIMIT @limit;
                   """)}
             """, connection);
        command.Parameters.AddWithValue("prefix", EscapeLike(words[^1]) + "%");
        command.Parameters.AddWithValue("scan", limit * NameWordsPerProduct);
        command.Parameters.AddWithValue("names", TsQueryText.NamePrefix(words));
        command.Parameters.AddWithValue("limit", limit);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var completions = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            completions.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        var products = new List<ProductSuggestion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            products.Add(new ProductSuggestion(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        // Earlier words complete the phrase the shopper is typing: "merino cr" → "merino crew".
        var typed = string.Join(' ', words.SkipLast(1));
        return new Suggestions(completions.Select(w => typed.Length == 0 ? w : $"{typed} {w}").ToList(), products);
    }

    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The documents' words before and after (both from their search_vector) count the vocabulary up and down;
        // the old ones are read under the documents' locks, so a concurrent writer of the same product waits.
        await using var command = new NpgsqlCommand(
            $"""
            {LockDocumentsSql}
            WITH previous AS (SELECT d.search_vector FROM search_documents d WHERE d.product_id = ANY(@ids)),
            written AS (
                INSERT INTO search_documents (product_id, slug, name, brand, brand_slug, category_slugs, category_names,
                    description, price_amount, currency, in_stock, rating, created_at, indexed_at,
                    attribute_keys, attribute_values, attribute_numbers)
                SELECT d.product_id, d.slug, d.name, d.brand, d.brand_slug, string_to_array(d.category_slugs, @separator),
                    string_to_array(d.category_names, @separator), d.description, d.price_amount, d.currency, d.in_stock,
                    d.rating, d.created_at, @indexedAt,
                    ARRAY(SELECT jsonb_array_elements_text(d.attribute_keys::jsonb)),
                    ARRAY(SELECT jsonb_array_elements_text(d.attribute_values::jsonb)), d.attribute_numbers::jsonb
                FROM unnest(@ids, @slugs, @names, @brands, @brandSlugs, @categorySlugs, @categoryNames, @descriptions,
                    @prices, @currencies, @inStock, @ratings, @createdAt, @attributeKeys, @attributeValues, @attributeNumbers)
                    AS d(product_id, slug, name, brand, brand_slug, category_slugs, category_names, description,
                         price_amount, currency, in_stock, rating, created_at, attribute_keys, attribute_values, attribute_numbers)
                ON CONFLICT (product_id) DO UPDATE SET
                    slug = EXCLUDED.slug, name = EXCLUDED.name, brand = EXCLUDED.brand, brand_slug = EXCLUDED.brand_slug,
                    category_slugs = EXCLUDED.category_slugs, category_names = EXCLUDED.category_names,
                    description = EXCLUDED.description, price_amount = EXCLUDED.price_amount, currency = EXCLUDED.currency,
                    in_stock = EXCLUDED.in_stock, rating = EXCLUDED.rating, created_at = EXCLUDED.created_at,
                    indexed_at = EXCLUDED.indexed_at, attribute_keys = EXCLUDED.attribute_keys,
                    attribute_values = EXCLUDED.attribute_values, attribute_numbers = EXCLUDED.attribute_numbers
                RETURNING search_vector),
            word_changes AS (
                SELECT v.lexeme AS word, 1 AS delta FROM written, unnest(written.search_vector) AS v
                UNION ALL
                SELECT v.lexeme, -1 FROM previous, unnest(previous.search_vector) AS v),
            {CountWordsSql}
            """, connection, transaction);
        command.Parameters.AddWithValue("separator", PathSeparator.ToString());
        command.Parameters.AddWithValue("ids", documents.Select(d => d.ProductId).ToArray());
        command.Parameters.AddWithValue("slugs", documents.Select(d => d.Slug).ToArray());
        command.Parameters.AddWithValue("names", documents.Select(d => d.Name).ToArray());
        command.Parameters.AddWithValue("brands", documents.Select(d => d.Brand).ToArray());
        command.Parameters.AddWithValue("brandSlugs", documents.Select(d => d.BrandSlug).ToArray());
        command.Parameters.AddWithValue("categorySlugs", documents.Select(d => string.Join(PathSeparator, d.CategoryPath.Select(c => c.Slug))).ToArray());
        command.Parameters.AddWithValue("categoryNames", documents.Select(d => string.Join(PathSeparator, d.CategoryPath.Select(c => c.Name))).ToArray());
        command.Parameters.AddWithValue("descriptions", documents.Select(d => d.Description).ToArray());
        command.Parameters.AddWithValue("prices", documents.Select(d => d.Price).ToArray());
        command.Parameters.AddWithValue("currencies", documents.Select(d => d.Currency).ToArray());
        command.Parameters.AddWithValue("inStock", documents.Select(d => d.InStock).ToArray());
        command.Parameters.Add(new NpgsqlParameter("ratings", NpgsqlDbType.Array | NpgsqlDbType.Double)
        {
            Value = documents.Select(d => d.Rating is { } rating ? (object)rating : DBNull.Value).ToArray(),
        });
        command.Parameters.AddWithValue("createdAt", documents.Select(d => d.CreatedAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("indexedAt", clock.GetUtcNow().UtcDateTime);
        // Per document: JSON arrays of keys and shown values (arrays of arrays must be rectangular in PostgreSQL).
        command.Parameters.AddWithValue("attributeKeys", documents.Select(d => JsonSerializer.Serialize(d.Attributes.Select(a => $"{a.Name}={a.Key}"))).ToArray());
        command.Parameters.AddWithValue("attributeValues", documents.Select(d => JsonSerializer.Serialize(d.Attributes.Select(a => a.Value))).ToArray());
        command.Parameters.AddWithValue("attributeNumbers", documents.Select(d => JsonSerializer.Serialize(
            d.Attributes.Where(a => a.Number is not null).ToDictionary(a => a.Name, a => a.Number!.Value))).ToArray());
        await CommitWordCountsAsync(command, transaction, cancellationToken);
        await BumpIndexVersionAsync(connection, cancellationToken);
    }

    public async Task RemoveAsync(Guid productId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            {LockDocumentsSql}
            WITH removed AS (DELETE FROM search_documents WHERE product_id = ANY(@ids) RETURNING search_vector),
            word_changes AS (SELECT v.lexeme AS word, -1 AS delta FROM removed, unnest(removed.search_vector) AS v),
            {CountWordsSql}
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", new[] { productId });
        await CommitWordCountsAsync(command, transaction, cancellationToken);
        await BumpIndexVersionAsync(connection, cancellationToken);
    }

    public async Task RemoveIndexedBeforeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        // The vocabulary is recounted exactly too, from the documents that remain.
        // The vocabulary's lock, taken alone, waits for the documents being written and holds off new ones (they
        // take it shared), so no document changes between the delete and the count; replicas rebuilding at once
        // take turns. A replica of an earlier version takes no lock and may still add a word meanwhile: the
        // insert then counts it instead of failing the whole rebuild.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({VocabularyLockKey});
            DELETE FROM search_documents WHERE indexed_at < @since;
            DELETE FROM search_vocabulary;
            INSERT INTO search_vocabulary (word, document_count)
            SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_documents')
            ON CONFLICT (word) DO UPDATE SET document_count = EXCLUDED.document_count;
            """, connection);
        command.Parameters.AddWithValue("since", since.UtcDateTime);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await BumpIndexVersionAsync(connection, cancellationToken);
    }

    public async Task<bool> NeedsFullIndexAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        // Documents without attribute columns were written before documents had attributes (a partial index holds them).
        await using var command = new NpgsqlCommand(
            """
            SELECT NOT EXISTS (SELECT 1 FROM search_documents)
                OR EXISTS (SELECT 1 FROM search_documents WHERE attribute_keys IS NULL)
            """, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many changes the index has had: read from a sequence, so writers never wait for each other.</summary>
    public static async Task<long> IndexVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(IndexVersionSql, connection);
        // Every search and listing reads it: prepared, it is not parsed and planned again on the same connection.
        await command.PrepareAsync(cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public const string IndexVersionSql = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM search_index_version";

    /// <summary>After the change is committed, never before: a search that saw the new version must see the change.</summary>
    private static async Task BumpIndexVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nextval('search_index_version')", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <param name="Words">Every word the query looks for: the query's, their synonyms and their corrections.</param>
    private sealed record TextQuery(string Match, string Exact, IReadOnlyCollection<string> Words);

    /// <summary>
    /// The tsquery inputs: <c>Exact</c> is every query word (or one of its synonyms); <c>Match</c> also accepts
    /// the vocabulary words within each word's allowed edits.
    /// </summary>
    private async Task<TextQuery> TextQueryAsync(NpgsqlConnection connection, SearchQuery query, CancellationToken cancellationToken) =>
        BuildTextQuery(query, await CorrectionsAsync(connection, query.Terms, cancellationToken));

    private static TextQuery BuildTextQuery(SearchQuery query, ILookup<string, string> corrections)
    {
        var exact = query.Terms.ToDictionary(t => t, t => new List<string> { t });
        foreach (var (term, synonyms) in query.Synonyms)
        {
            if (exact.TryGetValue(term, out var alternatives))
            {
                alternatives.AddRange(synonyms);
            }
        }

        var match = query.Terms.Select(t => exact[t].Concat(corrections[t])).ToList();
        return new TextQuery(TsQueryText.AllOf(match), TsQueryText.AllOf(query.Terms.Select(t => exact[t])), match.SelectMany(w => w).ToHashSet());
    }

    private async Task<ILookup<string, string>> CorrectionsAsync(NpgsqlConnection connection, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var correctable = Correctable(terms);
        if (correctable.Length == 0)
        {
            return NoCorrections;
        }

        await using var batch = new NpgsqlBatch(connection);
        // Prepared and planned once per connection: the words are in arrays, so no plan depends on them (the plan
        // for any words is the plan for the words given), but PostgreSQL, estimating it dearer, would plan each
        // call again (0.3 ms a search that reads its matches).
        batch.BatchCommands.Add(KeptPlan.ForThisTransaction());
        var command = new NpgsqlBatchCommand(CorrectionsSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("terms", correctable));
        command.Parameters.Add(new NpgsqlParameter<int[]>("edits", correctable.Select(QueryText.AllowedEdits).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int>("perWord", Settings.MaxCorrectionsPerWord));
        batch.BatchCommands.Add(command);
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // The setting's own row first.
        await reader.NextResultAsync(cancellationToken);
        var found = new List<(string Term, string Word)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found.ToLookup(c => c.Term, c => c.Word);
    }

    private static readonly ILookup<string, string> NoCorrections = Array.Empty<(string, string)>().ToLookup(c => c.Item1, c => c.Item2);

    private static string[] Correctable(IReadOnlyList<string> terms) => terms.Where(t => QueryText.AllowedEdits(t) > 0).ToArray();

    // The deletion-variants index narrows the vocabulary to the few words that could be close (see the
    // CorrectionCandidates migration); Levenshtein decides, and trigram similarity orders the closest first.
    private const string CorrectionsSql =
            """
            SELECT t.term, c.word
            FROM unnest(@terms, @edits) AS t(term, edits)
            CROSS JOIN LATERAL (
                SELECT v.word FROM search_vocabulary v
                WHERE search_vocabulary_variants(v.word) && search_deletion_variants(t.term, t.edits)
                  AND v.word <> t.term
                  AND levenshtein_less_equal(v.word, t.term, t.edits) <= t.edits
                ORDER BY levenshtein_less_equal(v.word, t.term, t.edits), similarity(v.word, t.term) DESC, v.document_count DESC
                LIMIT @perWord) AS c
            """;

    /// <summary>
    /// Each facet counts the matches with every filter applied except its own (choosing a brand still shows the
    /// other brands' counts; ticking one colour still shows the others'), in one pass over the text matches. The
    /// total comes with them. Beyond <see cref="SearchOptions.MaxCountedMatches"/> text matches, the first ones found
    /// are counted (Capped).
    /// </summary>
    private async Task<(long Total, SearchFacets Facets, bool Large, bool Capped, long SummaryVersion)> FacetsAsync(
        NpgsqlConnection connection, SearchQuery query, TextQuery? text, long version, CancellationToken cancellationToken)
    {
        var key = FacetsKey(version, query);
        if (cache.TryGetValue(key, out (long, SearchFacets, bool, bool, long) cached))
        {
            return cached;
        }

        return await flights.RunAsync(key, () => CountFacetsAsync(connection, query, text, key, cancellationToken), cancellationToken);
    }

    private async Task<(long Total, SearchFacets Facets, bool Large, bool Capped, long SummaryVersion)> CountFacetsAsync(
        NpgsqlConnection connection, SearchQuery query, TextQuery? text, string key, CancellationToken cancellationToken)
    {
        var filters = new Filters(query);
        // Without words, the whole-catalog summaries answer (a few thousand rows, not every document), as long as
        // any price range is one of the configured ones (which is what choosing a price facet sends) and no
        // attribute is filtered on (the summaries count products, not products with each attribute value).
        var buckets = text is null && !filters.HasAttributes ? PriceBuckets(query.MinPrice, query.MaxPrice) : null;
        var summary = buckets is not null;
        // Attribute facets are counted where words, a category or an attribute filter narrow the products: never
        // over the whole catalog per request.
        var withAttributes = text is not null || query.Category is not null || filters.HasAttributes;
        var sql = $"""
            WITH q AS (SELECT {MatchSql(text)} AS match, {ExactSql(text)} AS exact),
            base AS MATERIALIZED (
                {(summary
                    ? $"""
                      SELECT d.category_slugs, d.category_names, d.brand_slug, d.brand, d.price_bucket, d.count,
                             {filters.Category ?? "true"} AS in_category, {filters.Brand ?? "true"} AS in_brand,
                             d.price_bucket BETWEEN {buckets?.First} AND {buckets?.Last} AS in_price, true AS in_attributes
                      FROM search_facet_summary d WHERE {filters.Stock ?? "true"}
                      """
                    // A listing the summary cannot answer counts within its category (its first @cap products).
                    : CandidatesSql(text, $"""
                      d.category_slugs, d.category_names, d.brand_slug, d.brand,
                      width_bucket(d.price_amount, @bounds) AS price_bucket, 1 AS count,
                      {filters.Category ?? "true"} AS in_category, {filters.Brand ?? "true"} AS in_brand,
                      {filters.Price ?? "true"} AS in_price,
                      d.attribute_keys, d.attribute_values, {filters.AttributeFailures} AS attribute_failures,
                      cardinality({filters.AttributeFailures}) = 0 AS in_attributes
                      """, text is null ? Filters.AllOf(filters.Category, filters.Stock) : filters.Stock ?? "true"))})
            SELECT {CategoryRow}, c.slug, c.name, sum(count)::bigint
            FROM base, unnest(base.category_slugs, base.category_names) AS c(slug, name)
            WHERE in_brand AND in_price AND in_attributes GROUP BY c.slug, c.name
            UNION ALL
            SELECT {BrandRow}, brand_slug, brand, sum(count)::bigint FROM base WHERE in_category AND in_price AND in_attributes GROUP BY brand_slug, brand
            UNION ALL
            SELECT {PriceRow}, price_bucket::text, NULL, sum(count)::bigint FROM base WHERE in_category AND in_brand AND in_attributes GROUP BY price_bucket
            UNION ALL
            SELECT {TotalRow}, NULL, NULL, coalesce(sum(count), 0)::bigint FROM base WHERE in_category AND in_brand AND in_price AND in_attributes
            UNION ALL
            SELECT {CountedRow}, NULL, NULL, coalesce(sum(count), 0)::bigint FROM base
            {(summary ? $"UNION ALL SELECT {SummaryVersionRow}, NULL, NULL, coalesce(max(index_version), -1) FROM search_facet_summary" : "")}
            {(summary && withAttributes
                // In the same statement as the other summary facets, so all count one version of the summaries.
                ? $"""
                  UNION ALL
                  SELECT {AttributeRow}, d.key, min(d.value), sum(d.count)::bigint FROM search_attribute_summary d
                  WHERE {Filters.AllOf("d.category_slug = @category", filters.Brand, filters.Stock, $"d.price_bucket BETWEEN {buckets?.First} AND {buckets?.Last}")}
                  GROUP BY d.key
                  """
                : "")}
            {(!summary && withAttributes
                // A value of an attribute counts the products that pass every other filter, including the other
                // attributes' filters but not its own attribute's.
                ? $"""
                  UNION ALL
                  SELECT {AttributeRow}, a.key, min(a.value), count(*)::bigint
                  FROM base, unnest(base.attribute_keys, base.attribute_values) AS a(key, value)
                  WHERE in_category AND in_brand AND in_price
                    AND (cardinality(attribute_failures) = 0 OR attribute_failures = ARRAY[split_part(a.key, '=', 1)])
                  GROUP BY a.key
                  """
                : "")}
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        AddParameters(command, query, text);
        command.Parameters.AddWithValue("bounds", Settings.PriceRangeBounds.ToArray());
        command.Parameters.AddWithValue("cap", Settings.MaxCountedMatches);

        var categories = new List<FacetValue>();
        var brands = new List<FacetValue>();
        var prices = new List<PriceRangeFacet>();
        var attributes = new List<(string Name, string Key, string Value, long Count)>();
        long total = 0;
        var counted = 0L;
        var summaryVersion = -1L;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(3);
                switch (reader.GetInt32(0))
                {
                    case CategoryRow:
                        categories.Add(new FacetValue(reader.GetString(1), reader.GetString(2), count));
                        break;
                    case BrandRow:
                        brands.Add(new FacetValue(reader.GetString(1), reader.GetString(2), count));
                        break;
                    case PriceRow:
                        prices.Add(PriceRange(int.Parse(reader.GetString(1)), count));
                        break;
                    case TotalRow:
                        total = count;
                        break;
                    case SummaryVersionRow:
                        summaryVersion = count;
                        break;
                    case AttributeRow:
                        attributes.Add(AttributeCount(reader.GetString(1), reader.GetString(2), count));
                        break;
                    case CountedRow:
                        counted = count;
                        break;
                }
            }
        }

        var capped = !summary && counted >= Settings.MaxCountedMatches;

        var facets = FacetsOf(categories, brands, prices, attributes, query, capped);
        // A summary counts the whole catalog, so there the filtered total says whether the listing is large.
        var large = (summary ? total : counted) >= Settings.CacheMinimumMatches;
        if (large)
        {
            Remember(key, (total, facets, large, capped, summaryVersion));
        }

        return (total, facets, large, capped, summaryVersion);
    }

    /// <summary>The facets as answered: the most frequent values first (at most <see cref="MaxFacetValues"/>), price ranges in order.</summary>
    private static SearchFacets FacetsOf(
        List<FacetValue> categories, List<FacetValue> brands, List<PriceRangeFacet> prices,
        List<(string Name, string Key, string Value, long Count)> attributes, SearchQuery query, bool capped) => new(
        categories.OrderByDescending(f => f.Count).ThenBy(f => f.Label).Take(MaxFacetValues).ToList(),
        brands.OrderByDescending(f => f.Count).ThenBy(f => f.Label).Take(MaxFacetValues).ToList(),
        prices.OrderBy(p => p.From).ToList(),
        SearchAttributes.Facets(attributes, query.AttributeFilters),
        capped);

    /// <summary>Cached results of one page of a search, at one version of the index.</summary>
    private static string ResultKey(long version, SearchQuery query) =>
        $"search-result\n{version}\n{CacheKey(query)}\n{query.Sort}\n{query.Page}\n{query.PageSize}";

    /// <summary>Cached facets (and total) of a search, whatever its order and page, at one version of the index.</summary>
    private static string FacetsKey(long version, SearchQuery query) => $"search-facets\n{version}\n{CacheKey(query)}";

    /// <summary>A counted "name=value" key with its value as shown.</summary>
    private static (string Name, string Key, string Value, long Count) AttributeCount(string key, string value, long count)
    {
        var separator = key.IndexOf('=');
        return (key[..separator], key[(separator + 1)..], value, count);
    }

    private void Remember<T>(string key, T value)
    {
        if (Settings.CacheDuration > TimeSpan.Zero)
        {
            cache.Set(key, value, Settings.CacheDuration);
        }
    }

    /// <summary>
    /// The price buckets a price filter covers exactly (from a range's start to just below another's), or null when
    /// it cuts through a bucket. No filter covers them all.
    /// </summary>
    private (int First, int Last)? PriceBuckets(long? minPrice, long? maxPrice)
    {
        var bounds = Settings.PriceRangeBounds;
        var first = minPrice is null or 0 ? 0 : bounds.IndexOf(minPrice.Value) + 1;
        var last = maxPrice is null ? bounds.Count : bounds.IndexOf(maxPrice.Value + 1);
        return first < 0 || (minPrice is > 0 && first == 0) || last < 0 ? null : (first, last);
    }

    /// <summary>The filtered total: exact without words; with words, counted up to <see cref="SearchOptions.MaxCountedMatches"/>.</summary>
    private async Task<long> CountAsync(NpgsqlConnection connection, SearchQuery query, TextQuery? text, CancellationToken cancellationToken)
    {
        var filters = new Filters(query);
        var where = filters.All;
        await using var command = new NpgsqlCommand(text is null
            ? filters.Category is not null && !filters.HasAttributes
                ? $"SELECT count(*) FROM search_category_listing d WHERE {filters.ListedInCategory}"
                : $"SELECT count(*) FROM search_documents d WHERE {where}"
            : $"""
              WITH q AS (SELECT {MatchSql(text)} AS match)
              SELECT count(*) FROM (SELECT 1 FROM search_documents d, q WHERE d.search_vector @@ q.match AND {where} LIMIT @cap) AS m
              """, connection);
        AddParameters(command, query, text);
        command.Parameters.AddWithValue("cap", Settings.MaxCountedMatches);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private PriceRangeFacet PriceRange(int bucket, long count)
    {
        var bounds = Settings.PriceRangeBounds;
        return new PriceRangeFacet(bucket == 0 ? 0 : bounds[bucket - 1], bucket < bounds.Count ? bounds[bucket] : null, count);
    }

    /// <param name="capped">The words match more products than are counted: a price, date or rating order sorts the
    /// counted matches, like relevance does. Walking a sort index instead can pass hundreds of thousands of others
    /// before the first match (products matching a word often share a price range), and sorting every match of a
    /// common word reads tens of thousands of rows.</param>
    private async Task<IReadOnlyList<SearchHit>> HitsAsync(
        NpgsqlConnection connection, SearchQuery query, TextQuery? text, bool capped, CancellationToken cancellationToken)
    {
        var filters = new Filters(query);
        // Each order ends with the product id, as its index does, so ties cost no extra sort.
        var order = query.Sort switch
        {
            SearchSort.PriceAscending => "d.price_amount, d.product_id",
            SearchSort.PriceDescending => "d.price_amount DESC, d.product_id DESC",
            SearchSort.Rating => "d.rating DESC NULLS LAST, d.product_id DESC",
            _ => "d.created_at DESC, d.product_id DESC",
        };
        // The page's ids first, from columns the sort indexes carry, then the page's details: a listing's filters
        // are checked in the index instead of in every product row passed over.
        var ids = (query.Sort, text) switch
        {
            // Matching the words as typed (or their synonyms) outranks matching only corrections of them.
            (SearchSort.Relevance, not null) => $"""
                SELECT d.product_id FROM ({CandidatesSql(text, "d.product_id, ts_rank(d.search_vector, q.match) AS rank", filters.All)}) AS d
                ORDER BY d.exact DESC, d.rank DESC, d.product_id
                """,
            // One category's listing reads that category's own entries in sort order.
            (_, null) when filters.Category is not null && !filters.HasAttributes => $"""
                SELECT d.product_id FROM search_category_listing d
                WHERE {filters.ListedInCategory}
                ORDER BY {order}
                """,
            (_, null) => $"SELECT d.product_id FROM search_documents d WHERE {filters.All} ORDER BY {order}",
            (_, not null) when capped => $"""
                SELECT d.product_id FROM ({CandidatesSql(text, "d.product_id, d.price_amount, d.created_at, d.rating", filters.All)}) AS d
                ORDER BY {order}
                """,
            _ => $"""
                SELECT d.product_id FROM (SELECT d.product_id, d.price_amount, d.created_at, d.rating FROM search_documents d, q
                    WHERE d.search_vector @@ q.match AND {filters.All} OFFSET 0) AS d
                ORDER BY {order}
                """,
        };
        var sql = $"""
            WITH q AS (SELECT {MatchSql(text)} AS match, {ExactSql(text)} AS exact),
            page AS (
                SELECT d.product_id, row_number() OVER () AS position FROM (
                    {ids}
                    LIMIT @take OFFSET @skip) AS d)
            SELECT d.product_id, d.slug, d.name, d.brand, d.brand_slug,
                   coalesce(d.category_names[cardinality(d.category_names)], ''), coalesce(d.category_slugs[cardinality(d.category_slugs)], ''),
                   d.price_amount, d.currency, d.in_stock, d.rating
            FROM page JOIN search_documents d ON d.product_id = page.product_id
            ORDER BY page.position
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        AddParameters(command, query, text);
        command.Parameters.AddWithValue("take", query.PageSize);
        command.Parameters.AddWithValue("skip", query.Skip);
        // Every page is cut from the same ranked matches: a cap grown for deep pages would rank a different set, so
        // page 101 repeated page 100's items and skipped others. Past the counted matches (a total that is a lower
        // bound) there are no more pages.
        command.Parameters.AddWithValue("cap", Settings.MaxCountedMatches);

        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt64(7), reader.GetString(8), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetFloat(10)));
        }

        return hits;
    }

    /// <summary>
    /// The matches a search counts and ranks: at most <c>@cap</c>, those with the words as typed (or their synonyms)
    /// before those that match only corrections (flagged by an <c>exact</c> column), so a common correction never
    /// crowds out a rarer exact match. Without words, the first documents that pass <paramref name="conditions"/>.
    /// The matches of corrections only are found as one query (<c>match &amp; !exact</c>), so the index leaves out
    /// the exact matches: as a condition on the row, each exact match's row was read a second time to be dropped.
    /// </summary>
    private static string CandidatesSql(TextQuery? text, string columns, string conditions) =>
        CandidatesSql(text is not null, text is not null && text.Match != text.Exact, columns, conditions);

    /// <param name="words">Whether the search has words.</param>
    /// <param name="corrections">Whether they match more than the words as typed (and their synonyms).</param>
    private static string CandidatesSql(bool words, bool corrections, string columns, string conditions) =>
        !corrections
            ? $"SELECT {columns}, true AS exact FROM search_documents d, q WHERE {(words ? "d.search_vector @@ q.exact AND " : "")}{conditions} LIMIT @cap"
            : $"""
              SELECT * FROM (
                  (SELECT {columns}, true AS exact FROM search_documents d, q
                   WHERE d.search_vector @@ q.exact AND {conditions} LIMIT @cap)
                  UNION ALL
                  (SELECT {columns}, false AS exact FROM search_documents d, q
                   WHERE d.search_vector @@ (q.match && !! q.exact) AND {conditions} LIMIT @cap)
              ) AS candidates LIMIT @cap
              """;

    private static string MatchSql(TextQuery? text) => text is null ? "NULL::tsquery" : "to_tsquery('simple', @match)";

    private static string ExactSql(TextQuery? text) => text is null ? "NULL::tsquery" : "to_tsquery('simple', @exact)";

    /// <summary>Only the filters asked for become SQL, so the planner sees plain conditions it can use indexes for.</summary>
    private sealed class Filters(SearchQuery query)
    {
        /// <summary>Whether a filter besides availability applies (facets count the text matches without them).</summary>
        public bool Narrowing => Category is not null || Brand is not null || Price is not null || HasAttributes;

        public bool HasAttributes => query.AttributeFilters.Count > 0;

        public string? Category { get; } = query.Category is null ? null : "d.category_slugs @> ARRAY[@category]";
        public string? Brand { get; } = query.Brands.Count == 0 ? null : "d.brand_slug = ANY(@brands)";
        public string? Price { get; } = (query.MinPrice, query.MaxPrice) switch
        {
            (null, null) => null,
            (not null, null) => "d.price_amount >= @minPrice",
            (null, not null) => "d.price_amount <= @maxPrice",
            _ => "d.price_amount BETWEEN @minPrice AND @maxPrice",
        };
        public string? Stock { get; } = query.InStockOnly ? "d.in_stock" : null;

        /// <summary>
        /// One condition per attribute filter: one of its values (the GIN index on attribute_keys finds them), or a
        /// number in one of its ranges.
        /// </summary>
        public IReadOnlyList<string> Attributes { get; } = query.AttributeFilters.Select((filter, i) =>
            "(" + string.Join(" OR ", (filter.Keys.Count > 0 ? new[] { $"d.attribute_keys && @attr{i}keys" } : [])
                .Concat(filter.Ranges.Select((range, j) => string.Join(" AND ",
                    new[]
                    {
                        range.Min is null ? null : $"(d.attribute_numbers ->> @attr{i}name)::numeric >= @attr{i}min{j}",
                        range.Max is null ? null : $"(d.attribute_numbers ->> @attr{i}name)::numeric <= @attr{i}max{j}",
                    }.OfType<string>())))) + ")").ToList();

        /// <summary>The names of the attribute filters a document fails (an empty array when it passes them all).</summary>
        public string AttributeFailures => HasAttributes
            ? $"array_remove(ARRAY[{string.Join(", ", Attributes.Select((condition, i) => $"CASE WHEN {condition} THEN NULL ELSE @attr{i}name END"))}]::text[], NULL)"
            : "ARRAY[]::text[]";

        /// <summary>
        /// The filters besides attributes, on <c>search_category_listing</c> (its rows for the category asked for).
        /// </summary>
        public string ListedInCategory => AllOf("d.category_slug = @category", Brand, Price, Stock);

        /// <summary>Every filter asked for, as one condition.</summary>
        public string All => AllOf([Category, Brand, Price, Stock, .. Attributes]);

        public static string AllOf(params string?[] conditions) =>
            string.Join(" AND ", conditions.Where(c => c is not null).DefaultIfEmpty("true"));
    }

    private static void AddParameters(NpgsqlCommand command, SearchQuery query, TextQuery? text)
    {
        if (text is not null)
        {
            command.Parameters.AddWithValue("match", text.Match);
            command.Parameters.AddWithValue("exact", text.Exact);
        }

        if (query.Category is not null)
        {
            command.Parameters.AddWithValue("category", query.Category);
        }

        if (query.Brands.Count > 0)
        {
            command.Parameters.AddWithValue("brands", query.Brands.ToArray());
        }

        if (query.MinPrice is { } min)
        {
            command.Parameters.AddWithValue("minPrice", min);
        }

        if (query.MaxPrice is { } max)
        {
            command.Parameters.AddWithValue("maxPrice", max);
        }

        for (var i = 0; i < query.AttributeFilters.Count; i++)
        {
            var filter = query.AttributeFilters[i];
            command.Parameters.AddWithValue($"attr{i}name", filter.Name);
            command.Parameters.AddWithValue($"attr{i}keys", filter.Keys.Select(k => $"{filter.Name}={k}").ToArray());
            for (var j = 0; j < filter.Ranges.Count; j++)
            {
                if (filter.Ranges[j].Min is { } from)
                {
                    command.Parameters.AddWithValue($"attr{i}min{j}", from);
                }

                if (filter.Ranges[j].Max is { } to)
                {
                    command.Parameters.AddWithValue($"attr{i}max{j}", to);
                }
            }
        }
    }

    /// <summary>What decides a search's matches: the words with their synonyms, and the filters.</summary>
    private static string CacheKey(SearchQuery query) =>
        new StringBuilder()
            .AppendJoin(' ', query.Terms.Select(t => query.Synonyms.TryGetValue(t, out var synonyms) ? $"{t}({string.Join('|', synonyms)})" : t))
            .Append('\n').Append(query.Category).Append('\n').AppendJoin(',', query.Brands.Order()).Append('\n')
            .Append(query.MinPrice).Append('\n').Append(query.MaxPrice).Append('\n').Append(query.InStockOnly).Append('\n')
            .AppendJoin(';', query.AttributeFilters.OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => $"{f.Name}={string.Join('|', f.Keys.Order(StringComparer.Ordinal))}|{string.Join('|', f.Ranges.Select(r => $"{r.Min}..{r.Max}"))}"))
            .ToString();

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }
}
