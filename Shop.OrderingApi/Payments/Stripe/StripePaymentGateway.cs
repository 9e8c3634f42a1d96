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

    public bool StartsInOrderTransaction => false;

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

    public async Task<PaymentSession> ResumePaymentAsync(Guid orderId, string? paymentReference, Money amount, string email, CancellationToken cancellationToken)
    {
        if (paymentReference is not null)
        {
            try
            {
                // An intent not cancelled can still be confirmed with a new card in the browser; one that succeeded
                // answers so there, and its webhook settles the order.
                var intent = await new PaymentIntentService(stripe).GetAsync(paymentReference, cancellationToken: cancellationToken);
                if (intent.Status != "canceled")
                {
                    return new PaymentSession(ProviderName, intent.Id, intent.ClientSecret, settings.Value.Stripe.PublishableKey);
                }
            }
            catch (StripeException failure)
            {
                throw new PaymentGatewayException(failure.StripeError?.Code ?? "stripe_error", failure.Message);
            }
        }

        // Keyed by what it replaces, so concurrent attempts create one intent between them.
        return await StartPaymentAsync(orderId, amount, email, $"{orderId}:after:{paymentReference ?? "none"}", cancellationToken);
    }

    public async Task CancelPaymentAsync(string paymentReference, CancellationToken cancellationToken)
    {
        try
        {
            await new PaymentIntentService(stripe).CancelAsync(paymentReference, cancellationToken: cancellationToken);
        }
        catch (StripeException failure) when (failure.StripeError?.Code == "payment_intent_unexpected_state")
        {
            // Already cancelled, or it succeeded meanwhile: that success's webhook finds the order cancelled and refunds it.
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
