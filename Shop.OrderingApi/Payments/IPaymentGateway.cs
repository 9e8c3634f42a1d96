using Shop.OrderingApi.Domain;

namespace Shop.OrderingApi.Payments;

/// <summary>What the browser needs to complete a payment: card details go straight to the gateway, never to us.</summary>
public sealed record PaymentSession(string Provider, string PaymentReference, string ClientSecret, string? PublishableKey);

public sealed record RefundOutcome(string RefundReference);

/// <summary>
/// A payment provider. Starting a payment never settles it: the provider tells us the outcome afterwards (a
/// webhook, or the test gateway's event), so an order is settled whether or not the shopper's browser comes back.
/// </summary>
public interface IPaymentGateway
{
    string Provider { get; }

    /// <summary>
    /// Whether starting a payment only records it in our database, with no call to the provider: checkout then starts
    /// it in the order's own transaction, so the order is saved awaiting payment at once. A provider's payment starts
    /// after the order is saved, so no database transaction waits on the provider.
    /// </summary>
    bool StartsInOrderTransaction { get; }

    /// <summary>Starts a payment; whatever the gateway records in our database is saved by the caller, with the order.</summary>
    Task<PaymentSession> StartPaymentAsync(Guid orderId, Money amount, string email, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// The session for paying an order that is still unpaid (pay now): the order's open payment when it can still take
    /// a card, so a double click or a second tab never leads to a second charge; otherwise a new payment.
    /// </summary>
    Task<PaymentSession> ResumePaymentAsync(Guid orderId, string? paymentReference, Money amount, string email, CancellationToken cancellationToken);

    /// <summary>
    /// Stops an open payment from taking a card, for an order cancelled before it was paid. A payment that already
    /// succeeded or was cancelled is left as it is; whatever the gateway records in our database is saved by the caller.
    /// </summary>
    Task CancelPaymentAsync(string paymentReference, CancellationToken cancellationToken);

    Task<RefundOutcome> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>The provider refused; the code is the provider's (such as card_declined).</summary>
public sealed class PaymentGatewayException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
