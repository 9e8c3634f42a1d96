using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Integration.Checkout;

/// <summary>
/// Checkout with Stripe as the gateway: a second ordering service beside the topology's, configured with a Stripe
/// key and the Stripe API double (the topology's own uses the built-in test gateway).
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class StripeCheckoutTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APaymentStripeWillNotStartOrdersNothingAndARetryWithTheSameKeyPlacesTheOrder()
    {
        await using var stripe = await StripeApiDouble.StartAsync();
        await using var ordering = await SecondInstance.StartAsync(shop, "ordering-api", shop.App.GetEndpoint("ordering-api", "http").Host, Cancellation,
            settings: new Dictionary<string, string>
            {
                ["Payments__Stripe__SecretKey"] = "sk_test_shop",
                ["Payments__Stripe__PublishableKey"] = "pk_test_shop",
                ["Payments__Stripe__ApiBase"] = stripe.Url,
            });
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var storefront = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(storefront, sku, 1);
        var email = $"stripe-{Guid.NewGuid():N}@example.com";
        using var client = new HttpClient { BaseAddress = ordering.Url };
        var key = Guid.NewGuid().ToString();

        // The order was saved before Stripe refused to create its PaymentIntent: it used to stay placed, unpayable,
        // holding its stock, while the 500 freed the key for a retry that placed a second order.
        stripe.DeclineWith = "processing_error";
        var (refusedStatus, refusedBody) = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId, email: email));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStatus);
        Assert.Contains("nothing was ordered", refusedBody);
        var cancelled = Assert.Single(await OrdersOfAsync(email));
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Contains(cancelled.History, h => h.Note == "the payment could not be started");
        await CatalogTestData.WaitForAsync(shop, sku, s => s.Available == 5);

        stripe.DeclineWith = null;
        var (placedStatus, placedBody) = await CheckoutFlow.PlaceWithKeyAsync(client, key, CheckoutFlow.Checkout(basketId, email: email));

        Assert.Equal(HttpStatusCode.Created, placedStatus);
        var payment = JsonDocument.Parse(placedBody).RootElement.GetProperty("payment");
        Assert.Equal("stripe", payment.GetProperty("provider").GetString());
        Assert.StartsWith("pi_", payment.GetProperty("paymentReference").GetString());
        var orders = await OrdersOfAsync(email);
        Assert.Equal(2, orders.Count);
        Assert.Single(orders, o => o.Status == OrderStatus.AwaitingPayment);
        Assert.Equal(4, (await CatalogTestData.SkuAsync(shop, sku)).Available);

        // The shopper hears of the order that was placed, and never of the one checkout said was not: its
        // cancellation was handled before the retry began (the stock came back above), so its email would be here.
        var placed = orders.Single(o => o.Status == OrderStatus.AwaitingPayment);
        await shop.Mail.WaitForMessageAsync(email, $"{OrderReference.Of(placed.Id)} is placed", Cancellation);
        Assert.Equal(0, await shop.Mail.CountAsync(email, "is cancelled", Cancellation));
    }

    private async Task<List<Order>> OrdersOfAsync(string email)
    {
        await using var db = await OrderingTestData.OpenAsync(shop);
        return await db.Orders.AsNoTracking().Where(o => o.Email == email).ToListAsync(Cancellation);
    }
}
