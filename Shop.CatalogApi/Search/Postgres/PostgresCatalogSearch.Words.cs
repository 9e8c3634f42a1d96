using Npgsql;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// The common search: words in relevance order, without filters that narrow the matches (stock aside), within the
/// counted matches. A repeat at the same index version costs one round trip (the version, with the answer stored
/// for this query and page unless this replica's memory already has it): no corrections, no matches read. Otherwise
/// the typo corrections, then one statement that reads the matches once for both the facets and the page (ranked
/// among the same counted matches the facets count), and the answer is stored for its index version
/// (<see cref="SearchOptions.StoredAnswerMinimumMatches"/>), so each search's matches are read once per change of
/// the index rather than once per replica.
/// </summary>
public sealed partial class PostgresCatalogSearch
{
    private bool AnsweredInOneStatement(SearchQuery query) =>
        query.Terms.Count > 0 && query.Sort == SearchSort.Relevance && !new Filters(query).Narrowing
        && query.Skip + query.PageSize <= Settings.MaxCountedMatches;

    private async Task<SearchResult> WordsSearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var answerKey = AnswerKey(query);
        var known = answers.TryGet(answerKey, out var knownVersion, out var knownAnswer);
        var (version, stored) = await VersionAndStoredAnswerAsync(connection, answerKey, known ? knownVersion : -1, cancellationToken);
        if (known && knownVersion == version)
        {
            return knownAnswer!;
        }

        if (stored is not null)
        {
            var answer = StoredAnswer.Read(stored);
            RememberWords(version, query, answerKey, answer, stored.Length);
            return answer;
        }

        return await flights.RunAsync(ResultKey(version, query), async () =>
        {
            // Another request may have finished it between the look-up above and this one's turn.
            if (answers.TryGet(answerKey, out var computedVersion, out var computed) && computedVersion == version)
            {
                return computed!;
            }

            var corrections = await CorrectionsAsync(connection, query.Terms, cancellationToken);
            var result = await WordsStatementAsync(connection, query, BuildTextQuery(query, corrections), cancellationToken);
            var json = StoredAnswer.Write(result);
            RememberWords(version, query, answerKey, result, json.Length);
            if (result.TotalIsLowerBound || result.Total >= Settings.StoredAnswerMinimumMatches)
            {
                await StoreAnswerAsync(connection, answerKey, version, json, Settings.StoredAnswerLimit, cancellationToken);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Every answer is kept in memory for its version; a large one's facets also serve the same words in other orders.
    /// </summary>
    private void RememberWords(long version, SearchQuery query, string answerKey, SearchResult result, long size)
    {
        answers.Keep(answerKey, version, result, size);
        if (result.Total >= Settings.CacheMinimumMatches)
        {
            Remember(FacetsKey(version, query), (result.Total, result.Facets, true, result.TotalIsLowerBound, -1L));
        }
    }

    /// <summary>What decides a words search's answer besides the index version (relevance order, no narrowing filter).</summary>
    private static string AnswerKey(SearchQuery query) => $"{CacheKey(query)}\n{query.Page}\n{query.PageSize}";

    private const string StoredAnswerSql = "SELECT index_version, answer FROM search_common_answers WHERE key = @key AND index_version <> @known";

    /// <summary>
    /// The index version and, in the same round trip, the answer stored for this page when it was stored at another
    /// version than the one this replica knows (<paramref name="knownVersion"/>; a known answer's row is not read
    /// again). Both statements are prepared: they run on every words search.
    /// </summary>
    private static async Task<(long Version, byte[]? Stored)> VersionAndStoredAnswerAsync(
        NpgsqlConnection connection, string answerKey, long knownVersion, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(IndexVersionSql));
        var answer = new NpgsqlBatchCommand(StoredAnswerSql);
        answer.Parameters.Add(new NpgsqlParameter<string>("key", answerKey));
        answer.Parameters.Add(new NpgsqlParameter<long>("known", knownVersion));
        batch.BatchCommands.Add(answer);
        await batch.PrepareAsync(cancellationToken);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var version = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        // An answer stored at another version is stale (or, stored by a replica that read a newer version, not yet
        // due): it is replaced when this one is stored.
        var stored = await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == version ? reader.GetFieldValue<byte[]>(1) : null;
        return (version, stored);
    }

    /// <summary>
    /// Keeps an answer for the next request of this page at this version, on any replica; an answer of an
    /// older version is replaced, a newer one kept. Nothing is stored once <paramref name="limit"/> stores were
    /// counted: each store takes the next number of <c>search_common_answers_count</c> before it writes, which the
    /// <see cref="FacetSummaryRefresher"/> sets back to the rows' number, so the table never holds more rows.
    /// </summary>
    private static async Task StoreAnswerAsync(
        NpgsqlConnection connection, string answerKey, long version, byte[] answer, int limit, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // A stored answer can be computed again: its commit (the batch's one transaction) does not wait for the
        // write-ahead log to reach the disk.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        // A sequence step, not a count of the rows: counting read every page of the table on every store (375
        // pages at 20,000 answers, more than the rest of the store; docs/benchmarks.md).
        var store = new NpgsqlBatchCommand(
            """
            INSERT INTO search_common_answers (key, index_version, answer)
            SELECT @key, @version, @answer WHERE nextval('search_common_answers_count') <= @limit
            ON CONFLICT (key) DO UPDATE SET index_version = EXCLUDED.index_version, answer = EXCLUDED.answer
            WHERE search_common_answers.index_version < EXCLUDED.index_version
            """);
        store.Parameters.Add(new NpgsqlParameter<string>("key", answerKey));
        store.Parameters.Add(new NpgsqlParameter<long>("version", version));
        store.Parameters.Add(new NpgsqlParameter<byte[]>("answer", answer));
        store.Parameters.Add(new NpgsqlParameter<long>("limit", limit));
        batch.BatchCommands.Add(store);
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The words statement's text for each shape (matches of corrections or not, in stock only or not), built once:
    /// a prepared statement is found again by its text.
    /// </summary>
    private static readonly string[] WordsSqls =
        [WordsSql(false, false), WordsSql(false, true), WordsSql(true, false), WordsSql(true, true)];

    /// <summary>
    /// The counted matches (<see cref="CandidatesSql(bool, bool, string, string)"/>, those with the words as typed
    /// first) are read once, with everything the facets and the page show, so no match's row is read twice and the
    /// page needs no second look-up. Without narrowing filters every facet counts every counted match, and the total
    /// is their number. Categories and attributes are counted per distinct path and attribute set first (a few dozen),
    /// then unnested: unnesting every match's arrays was a fifth to a third of the statement's work (docs/benchmarks.md).
    /// </summary>
    private static string WordsSql(bool corrections, bool inStock) => $"""
        WITH q AS (SELECT to_tsquery('simple', @match) AS match, to_tsquery('simple', @exact) AS exact),
        base AS MATERIALIZED (
            {CandidatesSql(true, corrections, """
                d.product_id, ts_rank(d.search_vector, q.match) AS rank, d.slug, d.name, d.brand, d.brand_slug,
                d.category_slugs, d.category_names, d.price_amount, width_bucket(d.price_amount, @bounds) AS price_bucket,
                d.currency, d.in_stock, d.rating, d.attribute_keys, d.attribute_values
                """, inStock ? "d.in_stock" : "true")})
        SELECT {HitRow}, NULL, NULL, row_number() OVER ()::bigint, p.* FROM (
            SELECT product_id, slug, name, brand, brand_slug, coalesce(category_names[cardinality(category_names)], ''),
                   coalesce(category_slugs[cardinality(category_slugs)], ''), price_amount, currency, in_stock, rating
            FROM base ORDER BY exact DESC, rank DESC, product_id
            LIMIT @take OFFSET @skip) AS p
        UNION ALL
        SELECT {CategoryRow}, c.slug, c.name, sum(paths.count)::bigint, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT category_slugs, category_names, count(*) AS count FROM base GROUP BY category_slugs, category_names) AS paths,
             unnest(paths.category_slugs, paths.category_names) AS c(slug, name)
        GROUP BY c.slug, c.name
        UNION ALL
        SELECT {BrandRow}, brand_slug, brand, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM base GROUP BY brand_slug, brand
        UNION ALL
        SELECT {PriceRow}, price_bucket::text, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM base GROUP BY price_bucket
        UNION ALL
        SELECT {TotalRow}, NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM base
        UNION ALL
        SELECT {AttributeRow}, a.key, min(a.value), sum(sets.count)::bigint, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT attribute_keys, attribute_values, count(*) AS count FROM base GROUP BY attribute_keys, attribute_values) AS sets,
             unnest(sets.attribute_keys, sets.attribute_values) AS a(key, value)
        GROUP BY a.key
        """;

    private async Task<SearchResult> WordsStatementAsync(
        NpgsqlConnection connection, SearchQuery query, TextQuery text, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // Words that are all rarer than the counted matches: the plan for any words, made once per connection.
        var generic = commonWords.NoneCommon(text.Words);
        if (generic)
        {
            batch.BatchCommands.Add(KeptPlan.ForThisTransaction());
        }

        var command = new NpgsqlBatchCommand(WordsSqls[(text.Match != text.Exact ? 2 : 0) + (query.InStockOnly ? 1 : 0)]);
        command.Parameters.Add(new NpgsqlParameter<string>("match", text.Match));
        command.Parameters.Add(new NpgsqlParameter<string>("exact", text.Exact));
        command.Parameters.Add(new NpgsqlParameter<long[]>("bounds", Settings.PriceRangeBounds.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int>("cap", Settings.MaxCountedMatches));
        command.Parameters.Add(new NpgsqlParameter<int>("take", query.PageSize));
        command.Parameters.Add(new NpgsqlParameter<int>("skip", query.Skip));
        batch.BatchCommands.Add(command);
        if (generic)
        {
            await batch.PrepareAsync(cancellationToken);
        }

        var hits = new List<(long Position, SearchHit Hit)>();
        var categories = new List<FacetValue>();
        var brands = new List<FacetValue>();
        var prices = new List<PriceRangeFacet>();
        var attributes = new List<(string Name, string Key, string Value, long Count)>();
        long total = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (generic)
            {
                // The setting's own row first.
                await reader.NextResultAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(3);
                switch (reader.GetInt32(0))
                {
                    case HitRow:
                        hits.Add((count, new SearchHit(
                            reader.GetGuid(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                            reader.GetString(9), reader.GetString(10), reader.GetInt64(11), reader.GetString(12), reader.GetBoolean(13),
                            reader.IsDBNull(14) ? null : reader.GetFloat(14))));
                        break;
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
                    case AttributeRow:
                        attributes.Add(AttributeCount(reader.GetString(1), reader.GetString(2), count));
                        break;
                }
            }
        }

        var capped = total >= Settings.MaxCountedMatches;
        var facets = FacetsOf(categories, brands, prices, attributes, query, capped);
        var page = hits.OrderBy(h => h.Position).Select(h => h.Hit).ToList();
        return new SearchResult(page, total, facets, capped);
    }
}
