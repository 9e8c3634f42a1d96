using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// The words that match more documents than a search counts (<see cref="SearchOptions.MaxCountedMatches"/>), as this
/// replica last read them. A words statement whose words are all rarer reads every one of their matches whatever
/// its plan, so one plan made for any words (prepared once per connection) is as good as a plan made for the words
/// given, without planning each search. With a common word the plan made for it is kept: it stops once the counted
/// matches are found, where a plan for any words first reads every match into a bitmap (docs/benchmarks.md).
/// </summary>
public sealed class CommonWords(IOptions<SearchOptions> options)
{
    /// <summary>Null until first read: until then every word counts as common, so every statement is planned for its words.</summary>
    private volatile FrozenSet<string>? words;

    /// <summary>
    /// Whether none of these words (each query word, synonym and correction; a phrase's or a hyphenated word's
    /// parts are checked too) is common.
    /// </summary>
    public bool NoneCommon(IEnumerable<string> queryWords)
    {
        var common = words;
        return common is not null && !queryWords.Any(word =>
            common.Contains(word) || word.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Any(common.Contains));
    }

    /// <summary>
    /// Reads them from two sources, so a word counts as common if either says so: the vocabulary's document counts
    /// (kept exact by every change to the index), and PostgreSQL's own statistics of the documents' words (kept by
    /// its automatic ANALYZE, so they still tell when the counts were written otherwise, by hand or by a replica of
    /// an earlier version during an upgrade).
    /// </summary>
    public async Task ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT word FROM search_vocabulary WHERE document_count > @threshold
            UNION
            SELECT e.word FROM pg_stats s
            JOIN pg_class c ON c.oid = to_regclass('search_documents')
            CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, frequency)
            -- The frequencies end with three figures of their own, beyond the words.
            WHERE s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'search_vector'
              AND e.word IS NOT NULL AND e.frequency * c.reltuples > @threshold
            """, connection);
        command.Parameters.AddWithValue("threshold", options.Value.MaxCountedMatches);
        var read = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                read.Add(reader.GetString(0));
            }
        }

        words = read.ToFrozenSet(StringComparer.Ordinal);
    }
}
