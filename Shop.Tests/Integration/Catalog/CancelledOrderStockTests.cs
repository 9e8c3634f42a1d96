using System.Net;
using System.Net.Http.Json;
using Shop.CatalogApi.Stock;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Catalog;

/// <summary>
/// A cancelled order's units go back on sale whether or not it was paid, unless they had shipped; and the catalog
/// ends the same whichever of the paid and cancelled events reaches it first.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CancelledOrderStockTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestWhoCancelsAPaidOrderPutsItsUnitsBackOnSale()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 4);
        using var guest = shop.CreateStorefrontClient();
        var placed = await CheckoutFlow.PaidGuestOrderAsync(shop, guest, sku, 3);
        var sold = await CatalogTestData.WaitForAsync(shop, sku, s => s.OnHand == 1);
        Assert.Equal((1, 0), (sold.OnHand, sold.Reserved));

        using var cancelled = await CheckoutFlow.CancelAsGuestAsync(guest, placed);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var restocked = await CatalogTestData.WaitForAsync(shop, sku, s => s.OnHand == 4);
        Assert.Equal((4, 0), (restocked.OnHand, restocked.Reserved));
    }

    public enum Step
    {
        Paid,
        CancelledBeforeShipping,
        CancelledAfterShipping,
    }

    [Theory]
    [InlineData(new[] { Step.Paid, Step.CancelledBeforeShipping }, 5)]
    [InlineData(new[] { Step.CancelledBeforeShipping, Step.Paid }, 5)]
    [InlineData(new[] { Step.CancelledBeforeShipping }, 5)]
    [InlineData(new[] { Step.Paid, Step.CancelledBeforeShipping, Step.CancelledBeforeShipping, Step.Paid }, 5)]
    [InlineData(new[] { Step.Paid, Step.CancelledAfterShipping }, 3)]
    [InlineData(new[] { Step.CancelledAfterShipping, Step.Paid }, 3)]
    [InlineData(new[] { Step.Paid }, 3)]
    public async Task WhateverOrderTheEventsArriveInTheStockEndsTheSame(Step[] arrivals, int onHandAfter)
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var orderId = Guid.CreateVersion7();
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            Assert.IsType<ReservationOutcome.Reserved>(await new StockLedger(db, TimeProvider.System).ReserveAsync(orderId, [new StockLine(sku, 2)], Cancellation));
        }

        foreach (var arrival in arrivals)
        {
            // Each event in a unit of work of its own, as the catalog's handlers take them.
            await using var db = await CatalogTestData.OpenAsync(shop);
            var ledger = new StockLedger(db, TimeProvider.System);
            await (arrival switch
            {
                Step.Paid => ledger.CommitAsync(orderId, Cancellation),
                _ => ledger.CancelAsync(orderId, shipped: arrival == Step.CancelledAfterShipping, "test", Cancellation),
            });
        }

        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal((onHandAfter, 0), (stock.OnHand, stock.Reserved));
    }
}
