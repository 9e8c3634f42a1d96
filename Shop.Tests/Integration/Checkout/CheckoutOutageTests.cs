using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

[Collection(ShopCollection.Name)]
public sealed class CheckoutOutageTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrdersPlacedAndPaidWhileRabbitMqIsDownSettleEverywhereWhenItReturns()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 3000);
        var email = Accounts.NewEmail();
        await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var tokens = await Accounts.SignInAsync(shop, email);
        using var customer = shop.CreateStorefrontClient().As(tokens.AccessToken);
        using var guest = shop.CreateStorefrontClient();
        using (var added = await customer.PostAsJsonAsync("/api/baskets/mine/items", new { sku, quantity = 2 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var guestBasket = await CheckoutFlow.GuestBasketWithAsync(guest, sku, quantity: 1);
        var guestEmail = Accounts.NewEmail();
        var commands = shop.App.Services.GetRequiredService<ResourceCommandService>();

        Guid customerOrder, guestOrder;
        await commands.ExecuteCommandAsync("messaging", KnownResourceCommands.StopCommand, Cancellation);
        try
        {
            await shop.App.ResourceNotifications.WaitForResourceAsync("messaging", KnownResourceStates.TerminalStates, Cancellation);

            var placed = await CheckoutFlow.PlaceAsync(customer, CheckoutFlow.Checkout("mine", email: email));
            await CheckoutFlow.PayAsync(customer, placed);
            customerOrder = CheckoutFlow.OrderId(placed);
            var placedByGuest = await CheckoutFlow.PlaceAsync(guest, CheckoutFlow.Checkout(guestBasket, email: guestEmail));
            await CheckoutFlow.PayAsync(guest, placedByGuest);
            guestOrder = CheckoutFlow.OrderId(placedByGuest);

            // Placed, reserved and paid at once (the test gateway settles in place); everything that travels as an
            // event (the stock leaving for good, the emails, the emptied basket) waits in the outbox meanwhile.
            var held = await CatalogTestData.SkuAsync(shop, sku);
            Assert.Equal((5, 3), (held.OnHand, held.Reserved));
            Assert.Equal(OrderStatus.Paid, (await OrderingTestData.ReloadAsync(shop, customerOrder)).Status);
            var basket = await customer.GetFromJsonAsync<JsonElement>("/api/baskets/mine", Cancellation);
            Assert.Equal(1, basket.GetProperty("lines").GetArrayLength());
        }
        finally
        {
            await commands.ExecuteCommandAsync("messaging", KnownResourceCommands.StartCommand, Cancellation);
            await shop.App.ResourceNotifications.WaitForResourceHealthyAsync("messaging", Cancellation);
        }

        var within = TimeSpan.FromSeconds(90);
        foreach (var orderId in new[] { customerOrder, guestOrder })
        {
            var order = await Eventually.WaitForAsync(() => OrderingTestData.ReloadAsync(shop, orderId), o => o.Status == OrderStatus.Paid, within);
            Assert.Equal(OrderStatus.Paid, order.Status);
        }

        var stock = await Eventually.WaitForAsync(() => CatalogTestData.SkuAsync(shop, sku), s => s.OnHand == 2, within);
        Assert.Equal((2, 0), (stock.OnHand, stock.Reserved));
        var emptied = await Eventually.WaitForAsync(() => customer.GetFromJsonAsync<JsonElement>("/api/baskets/mine", Cancellation),
            b => b.GetProperty("lines").GetArrayLength() == 0, within);
        Assert.Equal(0, emptied.GetProperty("lines").GetArrayLength());
        foreach (var (to, orderId) in new[] { (email, customerOrder), (guestEmail, guestOrder) })
        {
            await shop.Mail.WaitForMessageAsync(to, $"{CheckoutFlow.Reference(orderId)} is placed", Cancellation);
            await shop.Mail.WaitForMessageAsync(to, $"{CheckoutFlow.Reference(orderId)} is paid", Cancellation);
        }

        // Nothing is left behind: every event the outage held back has been published.
        await using var db = await OrderingTestData.OpenAsync(shop);
        var unpublished = await Eventually.WaitForAsync(() => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, Cancellation), n => n == 0, within);
        Assert.Equal(0, unpublished);
    }
}
