using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Stock;
using Shop.OrderingApi.Checkout;
using Shop.OrderingApi.Data;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

/// <summary>Stock the catalog reserved for an order that was never saved does not stay held.</summary>
[Collection(ShopCollection.Name)]
public sealed class UnfinishedCheckoutTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOrderWhoseInsertFailsAfterItsStockWasReservedHoldsNoStockAndIsNotSaved()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);
        var email = Accounts.NewEmail();

        // The ordering database refuses this order's insert: the catalog has reserved its stock by then.
        await using (await OrderInsertTrigger.CreateAsync(shop, email, "RAISE EXCEPTION 'this order cannot be saved'; RETURN NEW;"))
        {
            using var placed = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId, email: email), Cancellation);
            Assert.Equal(HttpStatusCode.InternalServerError, placed.StatusCode);
        }

        var stock = await CatalogTestData.SkuAsync(shop, sku);
        Assert.Equal((5, 0), (stock.OnHand, stock.Reserved));
        await using var db = await OrderingTestData.OpenAsync(shop);
        Assert.False(await db.Orders.AnyAsync(o => o.Email == email, Cancellation));
    }

    [Fact]
    public async Task StockHeldForAPlacementThatNeverFinishedIsReleasedByOrderId()
    {
        // What a crash (or a timeout after the catalog had reserved) leaves: the placement recorded, the stock held
        // for its order id, and no order.
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        var orderId = Guid.CreateVersion7();
        using var catalog = await ServiceCallers.CatalogStockClientAsync(shop);
        using (var reserved = await catalog.PostAsJsonAsync("/api/stock/reservations",
                   new { reservationId = orderId, lines = new[] { new { sku, quantity = 3 } } }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        await using (var db = await OrderingTestData.OpenAsync(shop))
        {
            db.PendingPlacements.Add(new PendingPlacement(orderId, DateTimeOffset.UtcNow - TimeSpan.FromHours(1)));
            await db.SaveChangesAsync(Cancellation);
        }

        var stock = await CatalogTestData.WaitForAsync(shop, sku, s => s.Reserved == 0);
        Assert.Equal((5, 0), (stock.OnHand, stock.Reserved));
        await using var catalogDb = await CatalogTestData.OpenAsync(shop);
        var reservation = await catalogDb.StockReservations.AsNoTracking().SingleAsync(r => r.ReservationId == orderId, Cancellation);
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        await using var orderingDb = await OrderingTestData.OpenAsync(shop);
        var pending = await Eventually.WaitForAsync(() => orderingDb.PendingPlacements.CountAsync(p => p.OrderId == orderId, Cancellation), n => n == 0);
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task APlacedOrderLeavesNothingPendingForItsStockToBeReleasedBy()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);

        var orderId = CheckoutFlow.OrderId(await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(basketId)));

        await using var db = await OrderingTestData.OpenAsync(shop);
        Assert.False(await db.PendingPlacements.AnyAsync(p => p.OrderId == orderId, Cancellation));
        Assert.Equal(1, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task APlacementWhoseStockWasReleasedAsUnfinishedMeanwhileSavesNoOrder()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);
        var email = Accounts.NewEmail();

        // As the order is saved, its placement's record is already gone, as after the release of unfinished
        // placements took it (which releases the stock): the order must not be saved without its stock.
        await using (await OrderInsertTrigger.CreateAsync(shop, email,
                         """DELETE FROM "PendingPlacements" WHERE "OrderId" = NEW."Id"; RETURN NEW;"""))
        {
            using var placed = await client.PostAsJsonAsync("/api/orders", CheckoutFlow.Checkout(basketId, email: email), Cancellation);
            Assert.Equal(HttpStatusCode.Conflict, placed.StatusCode);
            var problem = await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("checkout-refused", problem.GetProperty("code").GetString());
            Assert.Equal("basketId", problem.GetProperty("errors")[0].GetProperty("name").GetString());
        }

        await using var db = await OrderingTestData.OpenAsync(shop);
        Assert.False(await db.Orders.AnyAsync(o => o.Email == email, Cancellation));
        Assert.Equal(0, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    [Fact]
    public async Task APlacementRefusedForTakingTooLongIsPlacedWhenTheSameKeyTriesAgain()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);
        var email = Accounts.NewEmail();
        var key = Guid.NewGuid().ToString();

        await using (await OrderInsertTrigger.CreateAsync(shop, email,
                         """DELETE FROM "PendingPlacements" WHERE "OrderId" = NEW."Id"; RETURN NEW;"""))
        {
            var refused = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId, email: email));
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        }

        // "Place the order again", the answer says: the storefront's form sends the same key and body.
        var placed = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId, email: email));

        Assert.Equal(HttpStatusCode.Created, placed.Status);
        await using var db = await OrderingTestData.OpenAsync(shop);
        Assert.Equal(1, await db.Orders.CountAsync(o => o.Email == email, Cancellation));
        Assert.Equal(2, (await CatalogTestData.SkuAsync(shop, sku)).Reserved);
    }

    /// <summary>A trigger on the ordering database's order inserts, for one test's email only; dropped when disposed.</summary>
    private sealed class OrderInsertTrigger(OrderingDbContext db, string name) : IAsyncDisposable
    {
        public static async Task<OrderInsertTrigger> CreateAsync(ShopAppFixture shop, string email, string body)
        {
            var db = await OrderingTestData.OpenAsync(shop);
            var name = $"test_{Guid.NewGuid():N}";
            // Names and the email are the test's own, not input.
            var create = $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Email" <> '{email}' THEN RETURN NEW; END IF;
                    {body}
                END $$;
                CREATE TRIGGER {name} BEFORE INSERT ON "Orders" FOR EACH ROW EXECUTE FUNCTION {name}();
                """;
            await db.Database.ExecuteSqlRawAsync(create);
            return new OrderInsertTrigger(db, name);
        }

        public async ValueTask DisposeAsync()
        {
            var drop = $"""DROP TRIGGER {name} ON "Orders"; DROP FUNCTION {name}();""";
            await db.Database.ExecuteSqlRawAsync(drop);
            await db.DisposeAsync();
        }
    }
}
