using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Shop.ServiceDefaults;
using StackExchange.Redis;

namespace Shop.CatalogApi.Caching;

/// <summary>
/// Product pages as the JSON sent to shoppers, and the category tree, cached in Redis only (no local memory tier):
/// a replica cannot evict another's memory, and a price or stock change must show on the very next read through any
/// replica.
/// <para>
/// A product page is stored under its slug and under its id, so a read is one GET whose bytes go straight to the
/// response. A set per product lists the keys it is stored under, so a change drops them all (its old slug's too)
/// knowing only the product's id. Storing is a script that refuses when the product was dropped after the read
/// began: a page read from the database just before a change commits is never stored after its drop.
/// </para>
/// </summary>
public sealed class CatalogCache(HybridCache cache, IConnectionMultiplexer redis)
{
    /// <summary>The AppHost's name for the Redis connection string.</summary>
    public const string RedisConnectionName = "redis";

    public const string CategoriesTag = "categories";

    private const string CategoriesKey = "categories:tree";

    private const string ProductPrefix = "catalog:product:";

    /// <summary>Long enough for any page read under way when its product changed to have finished.</summary>
    private const int DroppedSeconds = 300;

    /// <summary>The cache's Redis commands in recorded traces (the Redis integration's own tracing is off: see <see cref="RedisSpans"/>).</summary>
    private static readonly RedisSpans Spans = new("Shop.CatalogApi.Redis");

    private static readonly TimeSpan ProductExpiry = TimeSpan.FromMinutes(10);

    private static readonly HybridCacheEntryOptions SharedOnly = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    /// <summary>KEYS: page by slug, page by id, the product's key set, its drop time. ARGV: page, seconds, read start.</summary>
    private static readonly LuaScript Store = LuaScript.Prepare("""
        local dropped = redis.call('GET', @dropped)
        if dropped and tonumber(dropped) >= tonumber(@started) then return 0 end
        redis.call('SET', @bySlug, @page, 'EX', @seconds)
        redis.call('SET', @byId, @page, 'EX', @seconds)
        redis.call('SADD', @keys, @bySlug, @byId)
        redis.call('EXPIRE', @keys, @seconds)
        return 1
        """);

    /// <summary>Drops every key a product's page is stored under, and notes when, for reads already under way.</summary>
    private static readonly LuaScript Drop = LuaScript.Prepare("""
        local stored = redis.call('SMEMBERS', @keys)
        for _, key in ipairs(stored) do redis.call('DEL', key) end
        redis.call('DEL', @keys, @byId)
        local now = redis.call('TIME')
        redis.call('SET', @dropped, now[1] .. string.rep('0', 6 - #now[2]) .. now[2], 'EX', @droppedSeconds)
        return #stored
        """);

    /// <summary>How product pages are written: as the API writes every response (camelCase).</summary>
    public static readonly JsonSerializerOptions ProductJson = new(JsonSerializerDefaults.Web);

    /// <summary>A product page's stored JSON, by the product's id; null when not stored.</summary>
    public Task<Lease<byte>?> ProductPageAsync(Guid productId) => ProductPageAsync((RedisKey)IdKey(productId));

    /// <summary>A product page's stored JSON, by the product's slug; null when not stored.</summary>
    public Task<Lease<byte>?> ProductPageAsync(string slug) => ProductPageAsync((RedisKey)SlugKey(slug));

    /// <remarks>The key travels as state to a static lambda: no closure and delegate per read.</remarks>
    private Task<Lease<byte>?> ProductPageAsync(RedisKey key) =>
        Spans.TraceAsync("GET", (redis, key), static read => read.redis.GetDatabase().StringGetLeaseAsync(read.key));

    /// <summary>Redis's clock, in microseconds: taken before a page is read from the database, to store it with.</summary>
    public async Task<long> ReadStartAsync()
    {
        var now = await Spans.TraceAsync("TIME", () => redis.GetDatabase().ExecuteAsync("TIME"));
        var parts = (RedisResult[])now!;
        return (long)parts[0] * 1_000_000 + (long)parts[1];
    }

    /// <summary>Stores a product page read from the database since <paramref name="readStart"/>, unless it changed since.</summary>
    public async Task StoreProductPageAsync(Guid productId, string slug, byte[] page, long readStart)
    {
        await Spans.TraceAsync("EVALSHA", () => Store.EvaluateAsync(redis.GetDatabase(), new
        {
            bySlug = (RedisKey)SlugKey(slug),
            byId = (RedisKey)IdKey(productId),
            keys = (RedisKey)KeysKey(productId),
            dropped = (RedisKey)DroppedKey(productId),
            page = (RedisValue)page,
            seconds = (long)ProductExpiry.TotalSeconds,
            started = readStart,
        }));
    }

    public ValueTask<T> CategoriesAsync<T>(string version, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"{CategoriesKey}:{version}", load, SharedOnly, [CategoriesTag], ct);

    /// <summary>Drops the cached category tree, on every replica (tags are kept in Redis too).</summary>
    public ValueTask ForgetCategoriesAsync(CancellationToken ct) => cache.RemoveByTagAsync(CategoriesTag, ct);

    /// <summary>
    /// Drops the cached pages of these products, under whatever slugs they were stored, and of these slugs (which a
    /// create, rename or delete gave to or took from a product).
    /// </summary>
    public Task ForgetAsync(IReadOnlyCollection<Guid> productIds, IReadOnlyCollection<string> slugs) =>
        Spans.TraceAsync("EVALSHA", async () =>
        {
            var database = redis.GetDatabase();
            var drops = productIds.Select(id => (Task)Drop.EvaluateAsync(database, new
            {
                keys = (RedisKey)KeysKey(id),
                byId = (RedisKey)IdKey(id),
                dropped = (RedisKey)DroppedKey(id),
                droppedSeconds = DroppedSeconds,
            })).ToList();
            if (slugs.Count > 0)
            {
                drops.Add(database.KeyDeleteAsync([.. slugs.Select(slug => (RedisKey)SlugKey(slug))]));
            }

            await Task.WhenAll(drops);
            return drops.Count;
        });

    private static string IdKey(Guid productId) => $"{ProductPrefix}id:{productId}";

    private static string SlugKey(string slug) => $"{ProductPrefix}slug:{slug}";

    private static string KeysKey(Guid productId) => $"{ProductPrefix}keys:{productId}";

    private static string DroppedKey(Guid productId) => $"{ProductPrefix}dropped:{productId}";
}
