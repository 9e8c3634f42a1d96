using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Keeps <c>search_facet_summary</c> and <c>search_attribute_summary</c> (facet and attribute counts of the whole
/// catalog) current: every
/// <see cref="SearchOptions.FacetSummaryInterval"/> it checks whether the index changed since (its version) and, if
/// so, recounts in one transaction, noting the version counted (and drops common searches' answers stored at older
/// versions). Listings without words may show counts that old. Every time, it also sets the count the stored
/// answers' bound checks (<see cref="SearchOptions.StoredAnswerLimit"/>) to the stored answers' number, and reads
/// this replica's <see cref="CommonWords"/> again.
/// </summary>
public sealed class FacetSummaryRefresher(
    IServiceScopeFactory scopes, CommonWords commonWords, IOptions<SearchOptions> options, TimeProvider clock,
    ILogger<FacetSummaryRefresher> logger)
    : PeriodicBackgroundService(options.Value.FacetSummaryInterval, clock, logger)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchIndexDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await RefreshAsync(connection, cancellationToken);
        await CountStoredAnswersAsync(connection, cancellationToken);
        await commonWords.ReadAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Each store advances the count before it writes, including stores that replaced a row or found their answer
    /// already stored: set to the rows' number, the count makes room again for as many answers as were dropped or
    /// never written.
    /// </summary>
    private static async Task CountStoredAnswersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Waits for the stores under way (their rows are then counted) and holds new ones until the count is set, so
        // none takes a number the count then overwrites. Reading a table of 20,000 answers takes about 2 ms.
        await using var count = new NpgsqlCommand(
            """
            LOCK TABLE search_common_answers IN SHARE ROW EXCLUSIVE MODE;
            SELECT setval('search_common_answers_count', count(*), true) FROM search_common_answers;
            """, connection, transaction);
        await count.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RefreshAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Read before the recount, so the summary never claims a version newer than what it counted.
        var version = await PostgresCatalogSearch.IndexVersionAsync(connection, cancellationToken);
        await using var check = new NpgsqlCommand("SELECT max(index_version) FROM search_facet_summary", connection);
        if (await check.ExecuteScalarAsync(cancellationToken) is long summarised && summarised == version)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Replicas refresh in turn: two at once would each delete only the rows they saw and both insert. One that
        // waited for its turn finds the version counted already (a recount reads every document: seconds at a million).
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('search_facet_summary'))", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        check.Transaction = transaction;
        if (await check.ExecuteScalarAsync(cancellationToken) is long counted && counted >= version)
        {
            return;
        }

        await using var refresh = new NpgsqlCommand(
            """
            DELETE FROM search_facet_summary;
            INSERT INTO search_facet_summary (category_slugs, category_names, brand_slug, brand, in_stock, price_bucket, count, index_version)
            SELECT category_slugs, category_names, brand_slug, brand, in_stock, width_bucket(price_amount, @bounds), count(*), @version
            FROM search_documents
            GROUP BY category_slugs, category_names, brand_slug, brand, in_stock, width_bucket(price_amount, @bounds);
            DELETE FROM search_attribute_summary;
            -- By category path first (a few dozen paths), then per category of the path: each document's attributes
            -- are unnested once, not once per category above it.
            INSERT INTO search_attribute_summary (category_slug, brand_slug, in_stock, price_bucket, key, value, count, index_version)
            SELECT c.slug, s.brand_slug, s.in_stock, s.price_bucket, s.key, min(s.value), sum(s.count), @version
            FROM (
                SELECT d.category_slugs, d.brand_slug, d.in_stock, width_bucket(d.price_amount, @bounds) AS price_bucket,
                       a.key, min(a.value) AS value, count(*) AS count
                FROM search_documents d, unnest(d.attribute_keys, d.attribute_values) AS a(key, value)
                GROUP BY d.category_slugs, d.brand_slug, d.in_stock, width_bucket(d.price_amount, @bounds), a.key
            ) AS s, unnest(s.category_slugs) AS c(slug)
            GROUP BY c.slug, s.brand_slug, s.in_stock, s.price_bucket, s.key
            -- Written in category order, a listing's rows share a few pages instead of one page each.
            ORDER BY c.slug;
            -- Stored answers of common searches serve only their own version.
            DELETE FROM search_common_answers WHERE index_version < @version;
            """, connection, transaction) { CommandTimeout = 300 };
        refresh.Parameters.AddWithValue("bounds", options.Value.PriceRangeBounds.ToArray());
        refresh.Parameters.AddWithValue("version", version);
        await refresh.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
