using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Shop.ServiceDefaults;
using StackExchange.Redis;

namespace Shop.BasketApi.Baskets;

/// <summary>Where a basket lives in Redis, and how long it lives there untouched.</summary>
public sealed record BasketAddress(RedisKey Key, TimeSpan TimeToLive, string? CustomerId, string? Email);

/// <summary>Another request changed the basket between our read and our write.</summary>
public sealed class BasketConcurrencyException() : Exception("The basket changed meanwhile.");

/// <summary>
/// Baskets live in Redis as JSON, one key each, expiring after inactivity. Writes are optimistic: a write only
/// lands if the basket is still what was read, and a lost race is retried on the fresh basket, so two tabs adding
/// at once both keep their lines. An index of last activity lets abandoned baskets be found without a scan.
/// </summary>
public sealed class BasketStore(IConnectionMultiplexer redis, IOptions<BasketSettings> settings, TimeProvider clock)
{
    /// <summary>The AppHost's name for the Redis connection string.</summary>
    public const string ConnectionName = "redis";

    /// <summary>The activity source of the basket store's Redis spans.</summary>
    public const string TracingSourceName = "Shop.BasketApi.Redis";

    private const string ActivityIndex = "baskets:activity";

    private static readonly RedisSpans Spans = new(TracingSourceName);

    private static readonly ResiliencePipeline UntilWritten = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<BasketConcurrencyException>(),
            MaxRetryAttempts = 10,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(5),
        })
        .Build();

    /// <summary>
    /// Compare-and-set in one round trip (after the read): the write lands only if the basket is still the value
    /// read (empty: there was none). An empty new value deletes the basket; the activity index is kept with it.
    /// KEYS: basket, activity index. ARGV: value read, new value, time to live (ms), activity score (empty: not indexed).
    /// </summary>
    private const string WriteIfUnchanged = """
        local current = redis.call('GET', KEYS[1]) or ''
        if current ~= ARGV[1] then return 0 end
        if ARGV[2] == '' then
          redis.call('DEL', KEYS[1])
          redis.call('ZREM', KEYS[2], KEYS[1])
        else
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          if ARGV[4] == '' then redis.call('ZREM', KEYS[2], KEYS[1]) else redis.call('ZADD', KEYS[2], ARGV[4], KEYS[1]) end
        end
        return 1
        """;

    /// <summary>
    /// A merge's write: the customer's basket is written and the guest's deleted together, only if neither changed
    /// since they were read. KEYS: customer basket, guest basket, activity index. ARGV: customer value read, guest
    /// value read (empty: none), new customer value, its time to live (ms), its activity score (empty: not indexed).
    /// </summary>
    private const string MergeIfUnchanged = """
        local customer = redis.call('GET', KEYS[1]) or ''
        local guest = redis.call('GET', KEYS[2]) or ''
        if customer ~= ARGV[1] or guest ~= ARGV[2] then return 0 end
        redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
        if ARGV[5] == '' then redis.call('ZREM', KEYS[3], KEYS[1]) else redis.call('ZADD', KEYS[3], ARGV[5], KEYS[1]) end
        if guest ~= '' then
          redis.call('DEL', KEYS[2])
          redis.call('ZREM', KEYS[3], KEYS[2])
        end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public BasketAddress Guest(string basketId) => new($"basket:{basketId}", settings.Value.GuestTimeToLive, null, null);

    public BasketAddress Customer(string customerId, string? email) =>
        new($"basket:customer:{customerId}", settings.Value.CustomerTimeToLive, customerId, email);

    public async Task<Basket> CreateGuestBasketAsync()
    {
        var basket = Basket.NewGuestBasket(clock.GetUtcNow());
        var created = await TracedAsync("SET", (Key: Guest(basket.Id).Key, Value: Serialize(basket), settings.Value.GuestTimeToLive),
            static (db, set) => db.StringSetAsync(set.Key, set.Value, set.GuestTimeToLive, When.NotExists));
        // 128 random bits do not collide in practice; refusing to overwrite makes sure of it.
        return created ? basket : throw new InvalidOperationException("A basket with a fresh random id already exists.");
    }

    /// <summary>
    /// Marks an erased account for a day: its access tokens outlive it by minutes, and must not start a new basket
    /// (kept 90 days, reminded of by email) with the person's id and email.
    /// </summary>
    public Task MarkErasedAsync(string customerId) =>
        TracedAsync("SET", ErasedKey(customerId), static (db, key) => db.StringSetAsync(key, 1, TimeSpan.FromDays(1)));

    public Task<bool> IsErasedAsync(string customerId) =>
        TracedAsync("EXISTS", ErasedKey(customerId), static (db, key) => db.KeyExistsAsync(key));

    private static RedisKey ErasedKey(string customerId) => $"basket:erased:{customerId}";

    public async Task<Basket?> FindAsync(BasketAddress address) =>
        Deserialize(await TracedAsync("GET", address.Key, static (db, key) => db.StringGetAsync(key)));

    /// <summary>
    /// Applies <paramref name="change"/> to the basket as it is now (null when there is none) and saves the result;
    /// a null result deletes the basket. Retried on the fresh basket when another write got there first.
    /// </summary>
    /// <remarks>
    /// The first attempt runs outside the retry pipeline: a lost race is rare (two tabs of one shopper), and the
    /// pipeline's state machines and closures were a tenth of an add's allocations in the service's profile.
    /// </remarks>
    public async Task<Basket?> UpdateAsync(BasketAddress address, Func<Basket?, Basket?> change, CancellationToken cancellationToken)
    {
        var (written, updated) = await TryUpdateAsync(address, change);
        return written
            ? updated
            : await UntilWritten.ExecuteAsync(
                static async (state, _) => await state.Store.TryUpdateAsync(state.Address, state.Change) is (true, var saved)
                    ? saved
                    : throw new BasketConcurrencyException(),
                (Store: this, Address: address, Change: change),
                cancellationToken);
    }

    /// <summary>One read, change and compare-and-set write; not written when the basket changed in between.</summary>
    private async Task<(bool Written, Basket? Updated)> TryUpdateAsync(BasketAddress address, Func<Basket?, Basket?> change)
    {
        var raw = await TracedAsync("GET", address.Key, static (db, key) => db.StringGetAsync(key));
        var updated = change(Deserialize(raw));
        RedisValue[] arguments =
        [
            raw.IsNull ? RedisValue.EmptyString : raw,
            updated is null ? RedisValue.EmptyString : Serialize(updated),
            (long)address.TimeToLive.TotalMilliseconds,
            ActivityScore(updated),
        ];
        var written = await TracedAsync("EVALSHA", (Keys: new RedisKey[] { address.Key, ActivityIndex }, Arguments: arguments),
            static (db, script) => db.ScriptEvaluateAsync(WriteIfUnchanged, script.Keys, script.Arguments));
        return ((bool)written, updated);
    }

    /// <summary>
    /// Moves a guest basket into a customer's: <paramref name="merge"/> gets the guest basket (null when there is none)
    /// and the customer's (null when there is none) and returns the customer's new basket. The customer's basket is
    /// written and the guest's deleted in one step, so a merge that fails part way (the catalog down, the caller gone)
    /// leaves both as they were, and two merges of one guest basket at once count its lines once.
    /// </summary>
    public Task<Basket> MergeAsync(BasketAddress guest, BasketAddress customer, Func<Basket?, Basket?, Task<Basket>> merge, CancellationToken cancellationToken) =>
        UntilWritten.ExecuteAsync(
            static async (state, _) => await state.Store.TryMergeAsync(state.Guest, state.Customer, state.Merge) ?? throw new BasketConcurrencyException(),
            (Store: this, Guest: guest, Customer: customer, Merge: merge),
            cancellationToken).AsTask();

    private async Task<Basket?> TryMergeAsync(BasketAddress guest, BasketAddress customer, Func<Basket?, Basket?, Task<Basket>> merge)
    {
        var rawCustomer = await TracedAsync("GET", customer.Key, static (db, key) => db.StringGetAsync(key));
        var rawGuest = await TracedAsync("GET", guest.Key, static (db, key) => db.StringGetAsync(key));
        var merged = await merge(Deserialize(rawGuest), Deserialize(rawCustomer));
        RedisValue[] arguments =
        [
            rawCustomer.IsNull ? RedisValue.EmptyString : rawCustomer,
            rawGuest.IsNull ? RedisValue.EmptyString : rawGuest,
            Serialize(merged),
            (long)customer.TimeToLive.TotalMilliseconds,
            ActivityScore(merged),
        ];
        var written = await TracedAsync("EVALSHA", (Keys: new RedisKey[] { customer.Key, guest.Key, ActivityIndex }, Arguments: arguments),
            static (db, script) => db.ScriptEvaluateAsync(MergeIfUnchanged, script.Keys, script.Arguments));
        return (bool)written ? merged : null;
    }

    /// <summary>Keys of baskets with items whose last change is older than <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<RedisKey>> InactiveSinceAsync(DateTimeOffset before, int take) =>
        (await TracedAsync("ZRANGE", (Before: before.ToUnixTimeMilliseconds(), Take: take),
            static (db, range) => db.SortedSetRangeByScoreAsync(ActivityIndex, double.NegativeInfinity, range.Before, take: range.Take)))
            .Select(member => (RedisKey)member.ToString())
            .ToList();

    public Task ForgetActivityAsync(RedisKey key) => TracedAsync("ZREM", key, static (db, member) => db.SortedSetRemoveAsync(ActivityIndex, member.ToString()));

    private Task<T> TracedAsync<TState, T>(string command, TState state, Func<IDatabase, TState, Task<T>> send) =>
        Spans.TraceAsync(command, (Db, state, send), static call => call.send(call.Db, call.state));

    /// <summary>
    /// A basket's place in the activity index: its last change, while it has items and no reminder went out yet;
    /// otherwise empty, which takes it out of the index. Only a customer's basket with an email can be reminded of,
    /// so guests' baskets (anyone can make any number) never enter it.
    /// </summary>
    private static RedisValue ActivityScore(Basket? basket) =>
        basket is { Lines.Count: > 0, AbandonmentNotifiedAt: null, CustomerId: not null, Email: not null }
            ? basket.UpdatedAt.ToUnixTimeMilliseconds()
            : RedisValue.EmptyString;

    private static byte[] Serialize(Basket basket) => JsonSerializer.SerializeToUtf8Bytes(basket, BasketJson.Default.Basket);

    private static Basket? Deserialize(RedisValue raw) =>
        raw.IsNullOrEmpty ? null : JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)raw).Span, BasketJson.Default.Basket);
}

/// <summary>Baskets as stored in Redis (camelCase JSON), written and read by <see cref="StoredBasketConverter"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(StoredBasketConverter)])]
[JsonSerializable(typeof(Basket))]
internal sealed partial class BasketJson : JsonSerializerContext;
