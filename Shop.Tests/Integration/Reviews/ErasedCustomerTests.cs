using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Reviews;
using Shop.Messaging.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Integration.Reviews;

/// <summary>
/// The erasure comes from the identity service and a delivery from ordering, so the catalog may hear of a delivery
/// after it forgot the customer (published first, or retried later): it must not record that person again.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ErasedCustomerTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeliveryHeardAfterTheErasureRecordsNoPurchase()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        var erased = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            await new UserErasedHandler(db, TimeProvider.System).HandleAsync(new UserErased(erased, "gone@example.com"), Cancellation);
        }

        foreach (var customer in new[] { erased, other })
        {
            await using var db = await CatalogTestData.OpenAsync(shop);
            await new OrderDeliveredHandler(db, TimeProvider.System).HandleAsync(
                new OrderDelivered(Guid.NewGuid(), customer, [new OrderedItem(sku, 1)]), Cancellation);
        }

        await using var check = await CatalogTestData.OpenAsync(shop);
        Assert.False(await check.VerifiedPurchases.AnyAsync(p => p.CustomerId == erased, Cancellation));
        Assert.True(await check.VerifiedPurchases.AnyAsync(p => p.CustomerId == other, Cancellation));
    }
}
