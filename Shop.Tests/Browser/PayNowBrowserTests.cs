using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.OrderingApi.Domain.Orders;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;
using Shop.Tests.Integration.Ordering;

namespace Shop.Tests.Browser;

/// <summary>Pay now in the browser: an order left unpaid is paid later from its page.</summary>
[Collection(ShopCollection.Name)]
public sealed partial class PayNowBrowserTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGuestWhoseCardWasDeclinedComesBackThroughTheEmailLinkAndPaysNow()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop, price: 1500);
        var email = Accounts.NewEmail();
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var shopper = new Shopper(await context.NewPageAsync());
        await shopper.Page.GotoAsync($"/p/{product.Slug}");
        await shopper.AddSizeAsync("S");
        await shopper.CheckoutToPaymentAsync(email);
        await shopper.PayAsync(Shopper.DeclinedCard);
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your card was declined");

        // The shopper leaves, and comes back later through the link in the order email.
        var link = OrderLink().Match(await shop.Mail.WaitForMessageAsync(email, "is placed", Cancellation));
        Assert.True(link.Success);
        await shopper.Page.GotoAsync(link.Value);
        await Assertions.Expect(shopper.Page.Locator(".status").First).ToHaveTextAsync("Awaiting payment");
        await shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Pay now" }).ClickAsync();
        await shopper.PayAsync(Shopper.DeclinedCard);
        await Assertions.Expect(shopper.Page.Locator("#pay-error")).ToContainTextAsync("Your card was declined");
        await shopper.PayAsync(Shopper.SuccessCard);

        await Assertions.Expect(shopper.Page.GetByText("Thank you, we received your payment.")).ToBeVisibleAsync();
        var orderId = Guid.Parse(link.Groups["id"].Value);
        Assert.Equal(OrderStatus.Paid, (await OrderingTestData.WaitForAsync(shop, orderId, o => o.Status == OrderStatus.Paid)).Status);
        await shopper.Page.ReloadAsync();
        await Assertions.Expect(shopper.Page.Locator(".status").First).ToHaveTextAsync("Paid");
        await Assertions.Expect(shopper.Page.GetByRole(AriaRole.Button, new() { Name = "Pay now" })).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/account/orders/(?<id>[0-9a-f-]{36})\?token=\S+")]
    private static partial Regex OrderLink();
}
