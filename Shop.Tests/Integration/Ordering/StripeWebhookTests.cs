using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Payments.TestGateway;
using Shop.Tests.Infrastructure;
using Stripe;

namespace Shop.Tests.Integration.Ordering;

[Collection(ShopCollection.Name)]
public sealed class StripeWebhookTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignedPaymentSucceededEventSettlesTheOrderOnce()
    {
        var intentId = "pi_" + Guid.NewGuid().ToString("N");
        var order = await OrderingTestData.PlaceAsync(shop, (order, _) =>
        {
            order.AwaitPayment(intentId, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        var payload = PaymentIntentEvent("payment_intent.succeeded", intentId, "succeeded");

        using var first = await PostWebhookAsync(payload, Sign(payload, ShopAppFixture.StripeWebhookSecret));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var paid = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(OrderStatus.Paid, paid.Status);

        using var replay = await PostWebhookAsync(payload, Sign(payload, ShopAppFixture.StripeWebhookSecret));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var afterReplay = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(paid.History.Count, afterReplay.History.Count);
        Assert.Single(afterReplay.History, h => h.Event == "paid");
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    [InlineData("")]
    public async Task AWebhookWithABadSignatureIsRefusedAndChangesNothing(string? signingSecret)
    {
        var intentId = "pi_" + Guid.NewGuid().ToString("N");
        var order = await OrderingTestData.PlaceAsync(shop, (order, _) =>
        {
            order.AwaitPayment(intentId, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        var payload = PaymentIntentEvent("payment_intent.succeeded", intentId, "succeeded");

        // "": no Stripe-Signature header at all.
        using var response = await PostWebhookAsync(payload, signingSecret switch { null => "t=1,v1=00", "" => null, _ => Sign(payload, signingSecret) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrderStatus.AwaitingPayment, (await OrderingTestData.ReloadAsync(shop, order.Id)).Status);
    }

    [Fact]
    public async Task ASuccessHeardAfterItsOrderWasCancelledIsRefundedInFullOnce()
    {
        // The topology's gateway is the test gateway: the payment it refunds is kept in its own table.
        var intentId = "pi_" + Guid.NewGuid().ToString("N");
        var order = await OrderingTestData.PlaceAsync(shop, (order, db) =>
        {
            order.AwaitPayment(intentId, DateTimeOffset.UtcNow);
            order.CancelByCustomer(DateTimeOffset.UtcNow);
            var payment = new TestPayment(intentId, $"{intentId}_secret_test", order.Id, order.Totals.Total);
            payment.Confirm("4242424242424242");
            db.Add(payment);
            return Task.CompletedTask;
        });

        // Two deliveries of the success under different event ids, as a retried confirmation may send.
        foreach (var payload in new[] { PaymentIntentEvent("payment_intent.succeeded", intentId, "succeeded"), PaymentIntentEvent("payment_intent.succeeded", intentId, "succeeded") })
        {
            using var response = await PostWebhookAsync(payload, Sign(payload, ShopAppFixture.StripeWebhookSecret));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(OrderStatus.Cancelled, after.Status);
        Assert.Equal(after.Totals.Total, after.Refunded);
        Assert.Single(after.History, h => h.Event == "paid after cancellation");
        Assert.Single(after.History, h => h.Event == "refunded");
        Assert.DoesNotContain(after.History, h => h.Event == "paid");
        Assert.Equal(after.Totals.Total, (await OrderingTestData.TestPaymentAsync(shop, intentId)).Refunded);
    }

    [Fact]
    public async Task APaymentFailedEventIsRecordedAndTheOrderKeepsWaiting()
    {
        var intentId = "pi_" + Guid.NewGuid().ToString("N");
        var order = await OrderingTestData.PlaceAsync(shop, (order, _) =>
        {
            order.AwaitPayment(intentId, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        var payload = PaymentIntentEvent("payment_intent.payment_failed", intentId, "requires_payment_method", "card_declined");

        using var response = await PostWebhookAsync(payload, Sign(payload, ShopAppFixture.StripeWebhookSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await OrderingTestData.ReloadAsync(shop, order.Id);
        Assert.Equal(OrderStatus.AwaitingPayment, after.Status);
        Assert.Contains(after.History, h => h.Event == "payment failed" && h.Note == "card_declined");
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var client = shop.CreateStorefrontClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await client.SendAsync(request, Cancellation);
    }

    /// <summary>An event as Stripe sends it, for the API version this Stripe.net speaks.</summary>
    private static string PaymentIntentEvent(string type, string intentId, string status, string? declineCode = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = $"evt_{Guid.NewGuid():N}",
            ["object"] = "event",
            ["api_version"] = StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new { id = (string?)null, idempotency_key = (string?)null },
            ["type"] = type,
            ["data"] = new
            {
                @object = new Dictionary<string, object?>
                {
                    ["id"] = intentId,
                    ["object"] = "payment_intent",
                    ["amount"] = 5495,
                    ["currency"] = "eur",
                    ["status"] = status,
                    ["last_payment_error"] = declineCode is null ? null : new { code = declineCode, type = "card_error", message = "Your card was declined." },
                },
            },
        });

    /// <summary>Stripe's scheme: t=timestamp, v1=HMAC-SHA256 of "timestamp.payload" keyed with the signing secret.</summary>
    private static string Sign(string payload, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexString(mac).ToLowerInvariant()}";
    }
}
