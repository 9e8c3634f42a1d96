using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Shop.WebApp.Hosting;

/// <summary>
/// One data-protection key ring for every replica of the storefront, kept in Redis: the session cookie, the
/// antiforgery tokens and the notice cookie are encrypted with these keys, so a request may reach any replica. The
/// application name is fixed (by default it is the content root path, which differs between machines).
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "Shop.WebApp";
    public const string RedisConnectionName = "redis";
    public const string RedisKey = "shop:webapp:data-protection-keys";

    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(RedisConnectionName);
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        return builder;
    }
}
