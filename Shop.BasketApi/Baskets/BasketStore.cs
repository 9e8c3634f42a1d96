using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
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

    private const string ActivityIndex = "baskets:activity";

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

    private IDatabase Db => redis.GetDatabase();

    public BasketAddress Guest(string basketId) => new($"basket:{basketId}", settings.Value.GuestTimeToLive, null, null);

    public BasketAddress Customer(string customerId, string? email) =>
        new($"basket:customer:{customerId}", settings.Value.CustomerTimeToLive, customerId, email);

    public async Task<Basket> CreateGuestBasketAsync()
    {
        var basket = Basket.NewGuestBasket(clock.GetUtcNow());
        var created = await Db.StringSetAsync(Guest(basket.Id).Key, Serialize(basket), settings.Value.GuestTimeToLive, When.NotExists);
        // 128 random bits do not collide in practice; refusing to overwrite makes sure of it.
        return created ? basket : throw new InvalidOperationException("A basket with a fresh random id already exists.");
    }

    public async Task<Basket?> FindAsync(BasketAddress address) => Deserialize(await Db.StringGetAsync(address.Key));

    /// <summary>
    /// Applies <paramref name="change"/> to the basket as it is now (null when there is none) and saves the result;
    /// a null result deletes the basket. Retried on the fresh basket when another write got there first.
    /// </summary>
    public Task<Basket?> UpdateAsync(BasketAddress address, Func<Basket?, Basket?> change, CancellationToken cancellationToken) =>
        UntilWritten.ExecuteAsync(async ct =>
        {
            var raw = await Db.StringGetAsync(address.Key);
            var updated = change(Deserialize(raw));

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(raw.IsNull ? Condition.KeyNotExists(address.Key) : Condition.StringEqual(address.Key, raw));
            if (updated is null)
            {
                _ = transaction.KeyDeleteAsync(address.Key);
                _ = transaction.SortedSetRemoveAsync(ActivityIndex, address.Key.ToString());
            }
            else
            {
                _ = transaction.StringSetAsync(address.Key, Serialize(updated), address.TimeToLive);
                _ = updated.Lines.Count > 0 && updated.AbandonmentNotifiedAt is null
                    ? transaction.SortedSetAddAsync(ActivityIndex, address.Key.ToString(), updated.UpdatedAt.ToUnixTimeMilliseconds())
                    : transaction.SortedSetRemoveAsync(ActivityIndex, address.Key.ToString());
            }

            return await transaction.ExecuteAsync() ? updated : throw new BasketConcurrencyException();
        }, cancellationToken).AsTask();

    /// <summary>Keys of baskets with items whose last change is older than <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<RedisKey>> InactiveSinceAsync(DateTimeOffset before, int take) =>
        (await Db.SortedSetRangeByScoreAsync(ActivityIndex, double.NegativeInfinity, before.ToUnixTimeMilliseconds(), take: take))
            .Select(member => (RedisKey)member.ToString())
            .ToList();

    public Task ForgetActivityAsync(RedisKey key) => Db.SortedSetRemoveAsync(ActivityIndex, key.ToString());

    private static byte[] Serialize(Basket basket) => JsonSerializer.SerializeToUtf8Bytes(basket, BasketJson.Default.Basket);

    private static Basket? Deserialize(RedisValue raw) =>
        raw.IsNullOrEmpty ? null : JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)raw).Span, BasketJson.Default.Basket);
}

/// <summary>Baskets as stored in Redis (camelCase JSON), written and read without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Basket))]
internal sealed partial class BasketJson : JsonSerializerContext;
