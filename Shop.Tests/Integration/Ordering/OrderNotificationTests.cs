using System.Net;
using System.Net.Http.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Checkout;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

/// <summary>What the customer hears about their order: emails read from the mail sink, texts from the Twilio double.</summary>
[Collection(ShopCollection.Name)]
public sealed class OrderNotificationTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachStepOfAnOrderIsEmailedAndPaidAndShippedAreTextedToItsPhone()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 4000);
        var email = Accounts.NewEmail();
        var phone = "+49 151 " + Random.Shared.Next(1_000_000, 9_999_999);
        var e164 = phone.Replace(" ", "");
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 2);

        var placed = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(basketId, email: email, phone: phone));
        var orderId = CheckoutFlow.OrderId(placed);
        var reference = CheckoutFlow.Reference(orderId);
        await CheckoutFlow.PayAsync(client, placed);
        await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid);
        var placedEmail = await shop.Mail.WaitForMessageAsync(email, $"{reference} is placed", Cancellation);
        Assert.Contains("80.00 EUR", placedEmail);
        Assert.Contains($"/account/orders/{orderId}?token=", placedEmail);
        var later = new List<string> { await shop.Mail.WaitForMessageAsync(email, $"{reference} is paid", Cancellation) };
        Assert.Contains("80.00 EUR", later[0]);

        var admin = await Accounts.AdminAsync(shop);
        using var staff = shop.CreateStorefrontClient().As(admin.AccessToken);
        var tracking = "DHL" + Random.Shared.Next(100_000, 999_999);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = tracking }, Cancellation)).StatusCode);
        later.Add(await shop.Mail.WaitForMessageAsync(email, $"{reference} is shipped", Cancellation));
        Assert.Contains(tracking, later[^1]);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { amount = 1250 }, Cancellation)).StatusCode);
        later.Add(await shop.Mail.WaitForMessageAsync(email, $"{reference} is refunded", Cancellation));
        Assert.Contains("12.50 EUR", later[^1]);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "lost in transit" }, Cancellation)).StatusCode);
        later.Add(await shop.Mail.WaitForMessageAsync(email, $"{reference} is cancelled", Cancellation));
        Assert.Contains("lost in transit", later[^1]);
        // A guest opens the order only with the secret link of its confirmation; later emails point there, not to an
        // account page they cannot sign in to.
        Assert.All(later, body => Assert.Contains("link in its confirmation email", body));
        Assert.All(later, body => Assert.DoesNotContain("/account/orders/", body));

        var texts = await shop.Twilio.WaitForMessagesAsync(e164, count: 2);
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.Equal((ShopAppFixture.TwilioAccountSid, ShopAppFixture.TwilioFromNumber), (t.AccountSid, t.From)));
        Assert.Contains(texts, t => t.Body.Contains(reference) && t.Body.Contains("payment"));
        Assert.Contains(texts, t => t.Body.Contains(reference) && t.Body.Contains(tracking));
    }

    [Fact]
    public async Task ATextTheProviderFailsIsRetriedOnItsOwnAndTheEmailIsSentOnce()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 3000);
        var email = Accounts.NewEmail();
        var e164 = "+49152" + Random.Shared.Next(1_000_000, 9_999_999);
        shop.Twilio.FailNext(e164, times: 1);
        using var client = shop.CreateStorefrontClient();
        var basketId = await CheckoutFlow.GuestBasketWithAsync(client, sku, quantity: 1);
        var placed = await CheckoutFlow.PlaceAsync(client, CheckoutFlow.Checkout(basketId, email: email, phone: e164));
        var reference = CheckoutFlow.Reference(CheckoutFlow.OrderId(placed));

        await CheckoutFlow.PayAsync(client, placed);

        // The first attempt at the text fails; the event comes back after the first retry delay and the text goes.
        var texts = await shop.Twilio.WaitForMessagesAsync(e164, count: 1);
        Assert.Contains(reference, Assert.Single(texts).Body);
        Assert.Equal(1, shop.Twilio.FailedAttempts(e164));
        // The email went out on the first attempt, and the retry that sent the text did not send it again.
        await shop.Mail.WaitForMessageAsync(email, $"{reference} is paid", Cancellation);
        Assert.Equal(1, await shop.Mail.CountAsync(email, $"{reference} is paid", Cancellation));
    }
}
