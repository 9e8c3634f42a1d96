using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Payments.TestGateway;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

/// <summary>The built-in gateway's test cards, confirmed through the storefront as a browser would.</summary>
[Collection(ShopCollection.Name)]
public sealed class TestGatewayTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APaymentReadBeforeItSucceededCannotBeSavedOverTheSuccess()
    {
        var reference = "tp_" + Guid.NewGuid().ToString("N");
        await OrderingTestData.PlaceAsync(shop, (order, db) =>
        {
            db.Set<TestPayment>().Add(new TestPayment(reference, $"{reference}_secret_x", order.Id, order.Totals.Total));
            return Task.CompletedTask;
        });
        await using (var setUp = await OrderingTestData.OpenAsync(shop))
        {
            var payment = await setUp.Set<TestPayment>().FindAsync([reference], Cancellation);
            Assert.Null(payment!.Confirm("4000002500003155")); // 3-D Secure asked
            await setUp.SaveChangesAsync(Cancellation);
        }

        // A "pay now" request reads the payment waiting for 3-D Secure ...
        await using var late = await OrderingTestData.OpenAsync(shop);
        var stale = await late.Set<TestPayment>().FindAsync([reference], Cancellation);
        Assert.Equal(TestPaymentStatus.RequiresAction, stale!.Status);

        // ... the shopper's bank approves it meanwhile ...
        await using (var approving = await OrderingTestData.OpenAsync(shop))
        {
            var payment = await approving.Set<TestPayment>().FindAsync([reference], Cancellation);
            Assert.Null(payment!.Authenticate(passed: true));
            await approving.SaveChangesAsync(Cancellation);
        }

        // ... and reopening what it read must not write the payment back as open.
        stale.Reopen();
        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException>(() => late.SaveChangesAsync(Cancellation));
        Assert.Equal(TestPaymentStatus.Succeeded, (await OrderingTestData.TestPaymentAsync(shop, reference)).Status);
    }

    [Fact]
    public async Task ASuccessfulCardHasPaidTheOrderByTheTimeItAnswers()
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();

        var outcome = await ConfirmAsync(clientSecret, "4242 4242 4242 4242");

        // Settled in the confirming transaction, not by a later event: read straight away, without waiting.
        Assert.Equal("succeeded", outcome.GetProperty("status").GetString());
        Assert.Equal(OrderStatus.Paid, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined")]
    [InlineData("4000000000009995", "insufficient_funds")]
    [InlineData("4000000000000069", "expired_card")]
    public async Task ADecliningCardIsRecordedAndTheOrderCanStillBePaid(string card, string declineCode)
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();

        var declined = await ConfirmAsync(clientSecret, card);
        Assert.Equal("declined", declined.GetProperty("status").GetString());
        Assert.Equal(declineCode, declined.GetProperty("declineCode").GetString());
        var failed = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Contains(failed.History, h => h.Event == "payment failed");
        Assert.Equal(OrderStatus.AwaitingPayment, failed.Status);
        Assert.Contains(failed.History, h => h.Note == declineCode);

        var retried = await ConfirmAsync(clientSecret, "4242424242424242");
        Assert.Equal("succeeded", retried.GetProperty("status").GetString());
        Assert.Equal(OrderStatus.Paid, (await OrderingTestData.WaitForAsync(shop, order.Id, o => o.Status == OrderStatus.Paid)).Status);
    }

    [Theory]
    [InlineData(true, "succeeded", OrderStatus.Paid)]
    [InlineData(false, "declined", OrderStatus.AwaitingPayment)]
    public async Task ACardNeedingThreeDSecureWaitsForTheChallenge(bool approve, string expectedStatus, OrderStatus expectedOrderStatus)
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();

        var challenged = await ConfirmAsync(clientSecret, "4000002500003155");
        Assert.Equal("requires_action", challenged.GetProperty("status").GetString());

        using var client = shop.CreateStorefrontClient();
        using var response = await client.PostAsJsonAsync("/api/payments/test-gateway/authenticate", new { clientSecret, approve }, Cancellation);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(expectedStatus, outcome.GetProperty("status").GetString());

        var after = await OrderingTestData.WaitForAsync(shop, order.Id,
            o => o.Status == expectedOrderStatus && (approve || o.History.Any(h => h.Note == "authentication_failed")));
        Assert.Equal(expectedOrderStatus, after.Status);
    }

    [Fact]
    public async Task AMalformedCardIsAFieldErrorAndChangesNothing()
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm",
            new { clientSecret, cardNumber = "4242424242424241", expiryMonth = 13, expiryYear = 2035, cvc = "12" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("cardNumber", fields);
        Assert.Contains("expiryMonth", fields);
        Assert.Contains("cvc", fields);
        Assert.Equal(OrderStatus.AwaitingPayment, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Fact]
    public async Task AGuessedClientSecretFindsNothing()
    {
        var (_, clientSecret) = await OrderAwaitingTestPaymentAsync();
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm",
            new { clientSecret = clientSecret[..^4] + "0000", cardNumber = "4242424242424242", expiryMonth = 12, expiryYear = 2035, cvc = "123" },
            Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ACardConfirmedAfterStaffCancelledTheOrderIsRefusedAndChargesNothing()
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();
        var admin = await Accounts.AdminAsync(shop);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);
        using var cancelled = await asStaff.PostAsJsonAsync($"/api/orders/{order.Id}/cancel", new { reason = "out of stock" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var refused = await ConfirmRefusedAsync(clientSecret);

        Assert.Contains("canceled with its order; nothing was charged", refused);
        Assert.Equal(TestPaymentStatus.Canceled, (await OrderingTestData.TestPaymentAsync(shop, order.PaymentReference!)).Status);
        var after = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(OrderStatus.Cancelled, after.Status);
        Assert.DoesNotContain(after.History, h => h.Event.StartsWith("paid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACardConfirmedAfterTheOrderExpiredIsRefusedAndChargesNothing()
    {
        // The storefront's payment step outlives the payment window: a shopper can still submit a card after it.
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync(TimeSpan.FromSeconds(1));
        await OrderingTestData.WaitForAsync(shop, order.Id, o => o.Status == OrderStatus.Cancelled);

        await ConfirmRefusedAsync(clientSecret);

        Assert.Equal(TestPaymentStatus.Canceled, (await OrderingTestData.TestPaymentAsync(shop, order.PaymentReference!)).Status);
        Assert.Equal(OrderStatus.Cancelled, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Fact]
    public async Task StaffRefundingOneOrderAtOnceGiveBackExactlyWhatTheOrderRecords()
    {
        var (order, clientSecret) = await OrderAwaitingTestPaymentAsync();
        await ConfirmAsync(clientSecret, "4242424242424242");
        var admin = await Accounts.AdminAsync(shop);
        using var asStaff = shop.CreateStorefrontClient().As(admin.AccessToken);

        // Each read the order before the others saved: all reached the gateway, and the losers of the save were
        // 409s whose money had gone back all the same.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await asStaff.PostAsJsonAsync($"/api/orders/{order.Id}/refunds", new { amount = 100 }, Cancellation);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var after = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(500, after.Refunded.Amount);
        Assert.Equal(5, after.History.Count(h => h.Event == "refunded"));
        Assert.Equal(500, (await OrderingTestData.TestPaymentAsync(shop, order.PaymentReference!)).Refunded.Amount);
    }

    private async Task<(Order Order, string ClientSecret)> OrderAwaitingTestPaymentAsync(TimeSpan? paymentWindow = null)
    {
        string? clientSecret = null;
        var order = await OrderingTestData.PlaceAsync(shop, async (order, db) =>
        {
            var session = await new TestPaymentGateway(db).StartPaymentAsync(order.Id, order.Totals.Total, order.Email, order.Id.ToString(), Cancellation);
            order.AwaitPayment(session.PaymentReference, DateTimeOffset.UtcNow);
            clientSecret = session.ClientSecret;
        }, paymentWindow);
        return (order, clientSecret!);
    }

    /// <summary>Confirms with the card that always succeeds and expects a 409; gives the problem's text.</summary>
    private async Task<string> ConfirmRefusedAsync(string clientSecret)
    {
        var (status, body) = await PostConfirmAsync(clientSecret, "4242424242424242");
        Assert.Equal(HttpStatusCode.Conflict, status);
        return body;
    }

    private async Task<JsonElement> ConfirmAsync(string clientSecret, string cardNumber)
    {
        var (status, body) = await PostConfirmAsync(clientSecret, cardNumber);
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(HttpStatusCode Status, string Body)> PostConfirmAsync(string clientSecret, string cardNumber)
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.PostAsJsonAsync("/api/payments/test-gateway/confirm",
            new { clientSecret, cardNumber, expiryMonth = 12, expiryYear = DateTime.UtcNow.Year + 3, cvc = "123" }, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
