using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Idempotency;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Ordering;

/// <summary>Idempotency keys and the answers they keep (a checkout's holds the buyer's address) last a day, as Stripe's do.</summary>
[Collection(ShopCollection.Name)]
public sealed class IdempotencyRetentionTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysOlderThanADayAreDeletedAndYoungerOnesKept()
    {
        var scope = $"retention-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await using (var db = await OrderingTestData.OpenAsync(shop))
        {
            db.IdempotencyRecords.AddRange(
                new IdempotencyRecord(scope, "old", "hash", now.AddHours(-25)),
                new IdempotencyRecord(scope, "recent", "hash", now.AddHours(-23)));
            await db.SaveChangesAsync(Cancellation);
        }

        var connection = await shop.ConnectionStringAsync("orderingdb");
        await using var services = new ServiceCollection().AddDbContext<OrderingDbContext>(o => o.UseNpgsql(connection)).BuildServiceProvider();
        var retention = new IdempotencyRetention(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new IdempotencySettings()),
            TimeProvider.System, NullLogger<IdempotencyRetention>.Instance);

        Assert.True(await retention.DeleteExpiredAsync(Cancellation) >= 1);

        await using var check = await OrderingTestData.OpenAsync(shop);
        Assert.Equal(["recent"], await check.IdempotencyRecords.Where(r => r.Scope == scope).Select(r => r.Key).ToListAsync(Cancellation));
    }
}
