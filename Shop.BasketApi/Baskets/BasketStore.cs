using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Shop.BasketApi.Baskets;

/// <summary>Baskets live in Redis as JSON, one key each, expiring after inactivity.</summary>
public sealed class BasketStore(IConnectionMultiplexer redis, IOptions<BasketSettings> settings, TimeProvider clock)
{
    /// <summary>The AppHost's name for the Redis connection string.</summary>
    public const string ConnectionName = "redis";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static RedisKey KeyFor(string basketId) => $"basket:{basketId}";

    public async Task<Basket> CreateGuestBasketAsync()
    {
        var basket = Basket.NewGuestBasket(clock.GetUtcNow());
        var created = await redis.GetDatabase().StringSetAsync(
            KeyFor(basket.Id), JsonSerializer.Serialize(basket, Json), settings.Value.GuestTimeToLive, When.NotExists);
        // 128 random bits do not collide in practice; refusing to overwrite makes sure of it.
        return created ? basket : throw new InvalidOperationException("A basket with a fresh random id already exists.");
    }

    public async Task<Basket?> FindAsync(string basketId)
    {
        var json = await redis.GetDatabase().StringGetAsync(KeyFor(basketId));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Basket>(json.ToString(), Json);
    }
}
