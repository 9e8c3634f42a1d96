using Microsoft.Extensions.Options;
using Shop.OrderingApi.Domain;
using Stripe;

namespace Shop.OrderingApi.Payments.Stripe;

/// <summary>
/// Stripe PaymentIntents: the server creates the intent for the amount it computed, the browser confirms it with
/// Stripe Elements, and Stripe's <c>payment_intent.*</c> webhooks settle the order.
/// </summary>
public sealed class StripePaymentGateway(IStripeClient stripe, IOptions<PaymentSettings> settings) : IPaymentGateway
{
    public const string ProviderName = "stripe";

    public string Provider => ProviderName;

    public async Task<PaymentSession> StartPaymentAsync(Guid orderId, Money amount, string email, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = amount.Amount,
                Currency = amount.Currency.ToLowerInvariant(),
                ReceiptEmail = email,
                Metadata = new Dictionary<string, string> { ["order_id"] = orderId.ToString() },
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
            return new PaymentSession(ProviderName, intent.Id, intent.ClientSecret, settings.Value.Stripe.PublishableKey);
        }
        catch (StripeException failure)
        {
            throw new PaymentGatewayException(failure.StripeError?.Code ?? "stripe_error", failure.Message);
        }
    }

    public async Task<RefundOutcome> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(stripe).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = paymentReference,
                Amount = amount.Amount,
            }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
            return new RefundOutcome(refund.Id);
        }
        catch (StripeException failure)
        {
            throw new PaymentGatewayException(failure.StripeError?.Code ?? "stripe_error", failure.Message);
        }
    }
}
