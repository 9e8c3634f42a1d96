using System.ComponentModel.DataAnnotations;

namespace Shop.CatalogApi.Search;

/// <summary>Search settings, bound from <c>Search</c>.</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    /// <summary>
    /// Where the price-range facet's buckets start, in minor units, ascending: 2500, 5000 gives "under 25.00",
    /// "25.00 to 50.00" and "50.00 and over".
    /// </summary>
    [Required, MinLength(1)]
    public List<long> PriceRangeBounds { get; set; } = [];

    /// <summary>
    /// Searches matching at least this many products are kept for <see cref="CacheDuration"/> (their facet
    /// counts, and each page of results): counting and ranking a large result set is the expensive part of a
    /// search, and popular queries repeat. Small result sets are always fresh.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CacheMinimumMatches { get; set; } = 2000;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A search with words in relevance order, without filters besides <c>inStock</c>, that matches at least this
    /// many products (or more than are counted) has each page's answer stored in the database for its index
    /// version, shared by the replicas: the next request for it on either replica reads one row until the index
    /// changes, instead of reading and ranking its scattered matches. Every answer with a match by default: storing
    /// one costs less than computing it on the other replica (docs/benchmarks.md).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int StoredAnswerMinimumMatches { get; set; } = 1;

    /// <summary>
    /// At most this many stored answers are kept: distinct queries are the client's to choose, so without a bound a
    /// catalog that does not change could be made to store answers without end. When it is full, answers are
    /// computed (and cached in memory) as before, and storing resumes after the next index change clears the table.
    /// The bound is checked against a count each store advances (not the rows, which took reading the whole table
    /// per store), set to the rows' number every <see cref="FacetSummaryInterval"/>: room made by a change shows
    /// within that interval.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int StoredAnswerLimit { get; set; } = 20_000;

    /// <summary>
    /// Each replica keeps the answers of words searches (relevance order, no narrowing filter) in memory for their
    /// index version, whatever their number of matches, up to this many bytes of answers (counted as their JSON):
    /// a repeat at the same version reads neither its matches nor its stored copy. The least recently used go first.
    /// Held as objects, answers take about twice their JSON size (2.0 for 2,000 answers of the 1M benchmark catalog).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long WordsAnswerCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often the whole-catalog facet counts (used when listing without words) are brought up to date.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FacetSummaryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A search counts, facets and ranks at most this many of its text matches (those with the words as typed
    /// first): a very common word matches tens of thousands of products, and reading them all costs a second. Beyond
    /// it the total is reported as a lower bound, and price, date and rating orders sort these matches too. Each
    /// counted match is a row on a page of its own, about 4 µs: at 5,000 the broadest searches (1.5 % of words at a
    /// million products) took about 30 ms alone and set the p99 under load (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxCountedMatches { get; set; } = 2000;

    /// <summary>
    /// At most this many searches and suggestions of this replica run their statements at once (PostgreSQL engine);
    /// the others wait their turn, first come first served. It scales with the database's cores, shared among the
    /// replicas: at 20 concurrent clients on 2 cores shared by the database and two replicas, 3 or 4 each (three to
    /// four times the cores in all) met the search targets, 2 each lost throughput and 6 each the tail
    /// (docs/benchmarks.md).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentSearches { get; set; } = 4;

    /// <summary>At most this many wait for their turn; beyond, a search is answered 503 with Retry-After.</summary>
    [Range(0, 1_000_000)]
    public int MaxQueuedSearches { get; set; } = 1000;

    /// <summary>At most this many vocabulary words stand in for one misspelt word.</summary>
    [Range(1, 50)]
    public int MaxCorrectionsPerWord { get; set; } = 5;

    /// <summary>Documents written per statement when the whole catalog is indexed.</summary>
    [Range(1, 10_000)]
    public int ReindexBatchSize { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PriceRangeBounds.Any(b => b <= 0) || PriceRangeBounds.Zip(PriceRangeBounds.Skip(1)).Any(p => p.First >= p.Second))
        {
            yield return new ValidationResult("Price range bounds are positive and strictly ascending.", [nameof(PriceRangeBounds)]);
        }
    }
}
