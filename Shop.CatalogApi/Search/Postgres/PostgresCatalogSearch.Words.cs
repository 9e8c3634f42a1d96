using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// The common search: words in relevance order, without filters that narrow the matches (stock aside), within the
/// counted matches. Two round trips: the index version with the typo corrections (and the stored answer of a common
/// search), then one statement that reads the matches once for both the facets and the page (ranked among the same
/// counted matches the facets count). A large answer (<see cref="SearchOptions.StoredAnswerMinimumMatches"/>) is
/// stored for its index version, so a common word's matches are read once per change of the index rather than
/// once per replica and <see cref="SearchOptions.CacheDuration"/>.
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
        var (version, corrections, stored) = await VersionAndCorrectionsAsync(connection, query.Terms, answerKey, cancellationToken);
        var resultKey = ResultKey(version, query);
        if (cache.TryGetValue(resultKey, out SearchResult? cached))
        {
            return cached!;
        }

        if (stored is not null)
        {
            var answer = StoredAnswer.Read(stored);
            RememberWords(version, query, answer);
            return answer;
        }

        return await flights.RunAsync(resultKey, async () =>
        {
            // Another request may have finished it between the look-up above and this one's turn.
            if (cache.TryGetValue(resultKey, out SearchResult? computed))
            {
                return computed!;
            }

            var result = await WordsStatementAsync(connection, query, BuildTextQuery(query, corrections), cancellationToken);
            RememberWords(version, query, result);
            if (result.TotalIsLowerBound || result.Total >= Settings.StoredAnswerMinimumMatches)
            {
                await StoreAnswerAsync(connection, answerKey, version, result, Settings.StoredAnswerLimit, cancellationToken);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>Large answers are kept in memory, with their facets for the same words in other orders.</summary>
    private void RememberWords(long version, SearchQuery query, SearchResult result)
    {
        if (result.Total >= Settings.CacheMinimumMatches)
        {
            Remember(ResultKey(version, query), result);
            Remember(FacetsKey(version, query), (result.Total, result.Facets, true, result.TotalIsLowerBound, -1L));
        }
    }

    /// <summary>What decides a words search's answer besides the index version (relevance order, no narrowing filter).</summary>
    private static string AnswerKey(SearchQuery query) => $"{CacheKey(query)}\n{query.Page}\n{query.PageSize}";

    /// <summary>
    /// The index version, the stored answer of this page when it was stored at that version, and the query words'
    /// corrections, in one round trip.
    /// </summary>
    private async Task<(long Version, ILookup<string, string> Corrections, byte[]? Stored)> VersionAndCorrectionsAsync(
        NpgsqlConnection connection, IReadOnlyList<string> terms, string answerKey, CancellationToken cancellationToken)
    {
        var correctable = Correctable(terms);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(IndexVersionSql));
        var answer = new NpgsqlBatchCommand("SELECT index_version, answer FROM search_common_answers WHERE key = @key");
        answer.Parameters.AddWithValue("key", answerKey);
        batch.BatchCommands.Add(answer);
        if (correctable.Length > 0)
        {
            var corrections = new NpgsqlBatchCommand(CorrectionsSql);
            AddCorrectionParameters(corrections.Parameters, correctable);
            batch.BatchCommands.Add(corrections);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var version = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        // An answer stored at another version is stale (or, stored by a replica that read a newer version, not yet
        // due): it is replaced when this one is stored.
        var stored = await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == version ? reader.GetFieldValue<byte[]>(1) : null;
        if (correctable.Length == 0)
        {
            return (version, NoCorrections, stored);
        }

        await reader.NextResultAsync(cancellationToken);
        return (version, await ReadCorrectionsAsync(reader, cancellationToken), stored);
    }

    /// <summary>
    /// Keeps a large answer for the next request of this page at this version, on any replica; an answer of an
    /// older version is replaced, a newer one kept. Nothing is stored while the table holds <paramref name="limit"/> rows.
    /// </summary>
    private static async Task StoreAnswerAsync(
        NpgsqlConnection connection, string answerKey, long version, SearchResult result, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO search_common_answers (key, index_version, answer)
            SELECT @key, @version, @answer WHERE (SELECT count(*) FROM search_common_answers) < @limit
            ON CONFLICT (key) DO UPDATE SET index_version = EXCLUDED.index_version, answer = EXCLUDED.answer
            WHERE search_common_answers.index_version < EXCLUDED.index_version
            """, connection);
        command.Parameters.AddWithValue("key", answerKey);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("answer", StoredAnswer.Write(result));
        command.Parameters.AddWithValue("limit", (long)limit);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The counted matches (<see cref="CandidatesSql"/>, those with the words as typed first) are read once, with
    /// everything the facets and the page show, so no match's row is read twice and the page needs no second look-up.
    /// Without narrowing filters every facet counts every counted match, and the total is their number.
    /// </summary>
    private async Task<SearchResult> WordsStatementAsync(
        NpgsqlConnection connection, SearchQuery query, TextQuery text, CancellationToken cancellationToken)
    {
        var filters = new Filters(query);
        var sql = $"""
            WITH q AS (SELECT {MatchSql(text)} AS match, {ExactSql(text)} AS exact),
            base AS MATERIALIZED (
                {CandidatesSql(text, """
                    d.product_id, ts_rank(d.search_vector, q.match) AS rank, d.slug, d.name, d.brand, d.brand_slug,
                    d.category_slugs, d.category_names, d.price_amount, width_bucket(d.price_amount, @bounds) AS price_bucket,
                    d.currency, d.in_stock, d.rating, d.attribute_keys, d.attribute_values
                    """, filters.Stock ?? "true")})
            SELECT {HitRow}, NULL, NULL, row_number() OVER ()::bigint, p.* FROM (
                SELECT product_id, slug, name, brand, brand_slug, category_names[cardinality(category_names)],
                       category_slugs[cardinality(category_slugs)], price_amount, currency, in_stock, rating
                FROM base ORDER BY exact DESC, rank DESC, product_id
                LIMIT @take OFFSET @skip) AS p
            UNION ALL
            SELECT {CategoryRow}, c.slug, c.name, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM base, unnest(base.category_slugs, base.category_names) AS c(slug, name) GROUP BY c.slug, c.name
            UNION ALL
            SELECT {BrandRow}, brand_slug, brand, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM base GROUP BY brand_slug, brand
            UNION ALL
            SELECT {PriceRow}, price_bucket::text, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM base GROUP BY price_bucket
            UNION ALL
            SELECT {TotalRow}, NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM base
            UNION ALL
            SELECT {AttributeRow}, a.key, min(a.value), count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM base, unnest(base.attribute_keys, base.attribute_values) AS a(key, value) GROUP BY a.key
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        AddParameters(command, query, text);
        command.Parameters.AddWithValue("bounds", Settings.PriceRangeBounds.ToArray());
        command.Parameters.AddWithValue("cap", Settings.MaxCountedMatches);
        command.Parameters.AddWithValue("take", query.PageSize);
        command.Parameters.AddWithValue("skip", query.Skip);

        var hits = new List<(long Position, SearchHit Hit)>();
        var categories = new List<FacetValue>();
        var brands = new List<FacetValue>();
        var prices = new List<PriceRangeFacet>();
        var attributes = new List<(string Name, string Key, string Value, long Count)>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
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
