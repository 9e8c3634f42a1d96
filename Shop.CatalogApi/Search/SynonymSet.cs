using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Staff-configured synonym groups, applied at query time: each query word that belongs to a group also finds the
/// group's other terms. Read from the database at most every <see cref="CacheDuration"/> (a replica that did not
/// take the change sees it within that time).
/// </summary>
public sealed class SynonymSet(SearchIndexDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(10);
    private const string CacheKey = "search-synonyms";

    public async Task<IReadOnlyList<IReadOnlyList<string>>> GroupsAsync(CancellationToken cancellationToken) =>
        (await LookupAsync(cancellationToken)).Groups;

    /// <summary>For each word with synonyms, the other terms of its groups.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ForAsync(IEnumerable<string> words, CancellationToken cancellationToken)
    {
        var lookup = await LookupAsync(cancellationToken);
        return words.Where(lookup.ByTerm.ContainsKey).Distinct().ToDictionary(w => w, w => lookup.ByTerm[w]);
    }

    /// <summary>Replaces every group. Terms are folded like query words; duplicate terms within a group are dropped.</summary>
    public async Task ReplaceAsync(IEnumerable<IEnumerable<string>> groups, CancellationToken cancellationToken)
    {
        var normalised = groups.Select(Normalise).Where(g => g.Count > 1).ToList();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SynonymGroups.ExecuteDeleteAsync(ct);
            db.SynonymGroups.AddRange(normalised.Select(terms => new SynonymGroup(terms)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        cache.Remove(CacheKey);
    }

    public static List<string> Normalise(IEnumerable<string> terms) =>
        terms.Select(t => string.Join(' ', QueryText.Fold(t).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(t => t.Length > 0).Distinct().ToList();

    private sealed record Lookup(IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> ByTerm);

    private async Task<Lookup> LookupAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheDuration;
            var groups = await db.SynonymGroups.AsNoTracking().OrderBy(g => g.Id).Select(g => g.Terms).ToListAsync(cancellationToken);
            var byTerm = groups
                .SelectMany(group => group.Select(term => (term, others: group.Where(other => other != term))))
                .GroupBy(pair => pair.term)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(pair => pair.others).Distinct().ToList());
            return new Lookup(groups.Select(g => (IReadOnlyList<string>)g).ToList(), byTerm);
        }))!;
}
