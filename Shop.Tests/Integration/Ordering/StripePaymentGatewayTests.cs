using Microsoft.Extensions.Options;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Payments;
using Shop.OrderingApi.Payments.Stripe;
using Shop.Tests.Infrastructure;
using Stripe;

namespace Shop.Tests.Integration.Ordering;

/// <summary>The Stripe adapter over real HTTP, against a Stripe API double.</summary>
public sealed class StripePaymentGatewayTests : IAsyncLifetime
{
    private StripeApiDouble _stripe = null!;
    private StripePaymentGateway _gateway = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _stripe = await StripeApiDouble.StartAsync();
        var settings = Options.Create(new PaymentSettings
        {
            Stripe = new StripeSettings { SecretKey = "sk_test_shop", PublishableKey = "pk_test_shop", ApiBase = _stripe.Url },
        });
        var client = new StripeClient("sk_test_shop", httpClient: new SystemNetHttpClient(new HttpClient()), apiBase: _stripe.Url);
        _gateway = new StripePaymentGateway(client, settings);
    }

    [Fact]
    public async Task StartingAPaymentCreatesAPaymentIntentForTheServersAmount()
    {
        var orderId = Guid.NewGuid();

        var session = await _gateway.StartPaymentAsync(orderId, new Money(5495, "EUR"), "shopper@example.com", "order-key-1", Cancellation);

        Assert.Equal("stripe", session.Provider);
        Assert.StartsWith("pi_", session.PaymentReference);
        Assert.StartsWith(session.PaymentReference + "_secret_", session.ClientSecret);
        Assert.Equal("pk_test_shop", session.PublishableKey);
        var request = Assert.Single(_stripe.Requests);
        Assert.Equal("/v1/payment_intents", request.Path);
        Assert.Equal("5495", request.Form["amount"]);
        Assert.Equal("eur", request.Form["currency"]);
        Assert.Equal(orderId.ToString(), request.Form["metadata[order_id]"]);
        Assert.Equal("order-key-1", request.IdempotencyKey);
        Assert.Equal("Bearer sk_test_shop", request.Authorization);
    }

    [Fact]
    public async Task PayingLaterReusesTheOpenPaymentIntentAndReplacesACancelledOne()
    {
        var orderId = Guid.NewGuid();
        var amount = new Money(5495, "EUR");
        var first = await _gateway.StartPaymentAsync(orderId, amount, "shopper@example.com", orderId.ToString(), Cancellation);

        var resumed = await _gateway.ResumePaymentAsync(orderId, first.PaymentReference, amount, "shopper@example.com", Cancellation);
        Assert.Equal((first.PaymentReference, first.ClientSecret), (resumed.PaymentReference, resumed.ClientSecret));
        Assert.Single(_stripe.Requests, r => r.Method == "POST");

        _stripe.Cancel(first.PaymentReference);
        var replaced = await _gateway.ResumePaymentAsync(orderId, first.PaymentReference, amount, "shopper@example.com", Cancellation);
        Assert.NotEqual(first.PaymentReference, replaced.PaymentReference);
        var created = _stripe.Requests.Last(r => r.Method == "POST");
        Assert.Equal("5495", created.Form["amount"]);
        Assert.Equal($"{orderId}:after:{first.PaymentReference}", created.IdempotencyKey);
    }

    [Fact]
    public async Task CancellingAnOrdersPaymentCancelsAnOpenIntentAndLeavesASucceededOneAlone()
    {
        var amount = new Money(5495, "EUR");
        var open = await _gateway.StartPaymentAsync(Guid.NewGuid(), amount, "shopper@example.com", "open", Cancellation);
        var succeeded = await _gateway.StartPaymentAsync(Guid.NewGuid(), amount, "shopper@example.com", "succeeded", Cancellation);
        _stripe.Succeed(succeeded.PaymentReference);

        await _gateway.CancelPaymentAsync(open.PaymentReference, Cancellation);
        await _gateway.CancelPaymentAsync(open.PaymentReference, Cancellation);
        await _gateway.CancelPaymentAsync(succeeded.PaymentReference, Cancellation);

        Assert.Equal("canceled", _stripe.StatusOf(open.PaymentReference));
        Assert.Equal("succeeded", _stripe.StatusOf(succeeded.PaymentReference));
        Assert.Equal(2, _stripe.Requests.Count(r => r.Path == $"/v1/payment_intents/{open.PaymentReference}/cancel"));
        var missing = await Assert.ThrowsAsync<PaymentGatewayException>(() => _gateway.CancelPaymentAsync("pi_missing", Cancellation));
        Assert.Equal("resource_missing", missing.Code);
    }

    [Fact]
    public async Task ADeclineBecomesAGatewayErrorWithStripesCode()
    {
        _stripe.DeclineWith = "card_declined";

        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            _gateway.StartPaymentAsync(Guid.NewGuid(), new Money(100, "EUR"), "shopper@example.com", "order-key-2", Cancellation));

        Assert.Equal("card_declined", failure.Code);
    }

    [Fact]
    public async Task ARefundIsForPartOfThePaymentIntent()
    {
        var outcome = await _gateway.RefundAsync("pi_123", new Money(1000, "EUR"), "refund-key-1", Cancellation);

        Assert.StartsWith("re_", outcome.RefundReference);
        var request = Assert.Single(_stripe.Requests);
        Assert.Equal("/v1/refunds", request.Path);
        Assert.Equal("pi_123", request.Form["payment_intent"]);
        Assert.Equal("1000", request.Form["amount"]);
        Assert.Equal("refund-key-1", request.IdempotencyKey);
    }

    public async ValueTask DisposeAsync() => await _stripe.DisposeAsync();
}
