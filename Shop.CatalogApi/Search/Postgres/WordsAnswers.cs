using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Words searches' answers in this replica's memory, each with the index version it was computed at: one entry per
/// query and page (a newer version's answer replaces an older one), whatever its number of matches, so a repeat at
/// the same version is answered without reading its matches or its stored copy. A cache of its own, bounded by the
/// answers' size in bytes (<see cref="SearchOptions.WordsAnswerCacheBytes"/>): the queries are the clients' to
/// choose, so without a bound they could fill the memory.
/// </summary>
public sealed class WordsAnswers(IOptions<SearchOptions> options) : IDisposable
{
    private readonly MemoryCache answers = new(new MemoryCacheOptions
    {
        SizeLimit = options.Value.WordsAnswerCacheBytes,
        // When full, a quarter of the entries (least recently used first) make room at once, not 5 % at a time.
        CompactionPercentage = 0.25,
    });

    /// <summary>The answer last kept for this query and page, with its index version (which may be stale).</summary>
    public bool TryGet(string answerKey, out long version, out SearchResult? answer)
    {
        if (answers.TryGetValue(answerKey, out Entry? entry))
        {
            (version, answer) = (entry!.Version, entry.Answer);
            return true;
        }

        (version, answer) = (-1, null);
        return false;
    }

    /// <param name="size">The answer's size as stored (its JSON in bytes), what the bound counts.</param>
    public void Keep(string answerKey, long version, SearchResult answer, long size)
    {
        // A slower request may bring an older version's answer after a newer one was kept.
        if (answers.TryGetValue(answerKey, out Entry? kept) && kept!.Version > version)
        {
            return;
        }

        answers.Set(answerKey, new Entry(version, answer), new MemoryCacheEntryOptions { Size = size + answerKey.Length * sizeof(char) });
    }

    public void Dispose() => answers.Dispose();

    private sealed record Entry(long Version, SearchResult Answer);
}
