using Microsoft.Extensions.Caching.Hybrid;

namespace Shop.CatalogApi.Caching;

/// <summary>
/// Product details and the category tree in <see cref="HybridCache"/>. Entries live in Redis only (the local
/// memory tier is off): HybridCache cannot evict another replica's memory, and a price or stock change must show on
/// the very next read through any replica. Redis is still far cheaper than the queries behind a product page.
/// </summary>
public sealed class CatalogCache(HybridCache cache)
{
    /// <summary>The AppHost's name for the Redis connection string.</summary>
    public const string RedisConnectionName = "redis";

    public const string CategoriesTag = "categories";

    private const string CategoriesKey = "categories:tree";

    private static readonly HybridCacheEntryOptions SharedOnly = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    public static string ProductTag(Guid productId) => $"product:{productId}";

    public ValueTask<T> ProductAsync<T>(Guid productId, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync(ProductKey(productId), load, SharedOnly, [ProductTag(productId)], ct);

    /// <summary>Which product a slug names (null for none).</summary>
    public ValueTask<Guid?> SlugAsync(string slug, Func<CancellationToken, ValueTask<Guid?>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync(SlugKey(slug), load, SharedOnly, cancellationToken: ct);

    public ValueTask<T> CategoriesAsync<T>(string version, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"{CategoriesKey}:{version}", load, SharedOnly, [CategoriesTag], ct);

    /// <summary>Drops the cached category tree, on every replica (tags are kept in Redis too).</summary>
    public ValueTask ForgetCategoriesAsync(CancellationToken ct) => cache.RemoveByTagAsync(CategoriesTag, ct);

    /// <summary>Drops the cached details of these products and the cached look-ups of these slugs.</summary>
    public async Task ForgetAsync(IReadOnlyCollection<Guid> productIds, IReadOnlyCollection<string> slugs, CancellationToken ct)
    {
        // By key, which reaches Redis and so every replica, and by tag for anything else cached about the product.
        await cache.RemoveAsync([.. productIds.Select(ProductKey), .. slugs.Select(SlugKey)], ct);
        await cache.RemoveByTagAsync(productIds.Select(ProductTag), ct);
    }

    private static string ProductKey(Guid productId) => $"product:detail:{productId}";

    private static string SlugKey(string slug) => $"product:slug:{slug}";
}
