using Shop.OrderingApi.Domain.Orders;

namespace Shop.OrderingApi.Payments;

/// <summary>
/// Stops the open payment of an order cancelled before it was paid, so the shopper's card can no longer be charged
/// for it. When the provider cannot be reached the order is cancelled all the same: a payment that still succeeds is
/// refunded when its success is heard (<see cref="PaymentSettlement"/>).
/// </summary>
public sealed partial class OpenPaymentCancellation(IPaymentGateway gateway, ILogger<OpenPaymentCancellation> logger)
{
    public async Task CancelAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.PaymentReference is not { } reference)
        {
            return;
        }

        try
        {
            await gateway.CancelPaymentAsync(reference, cancellationToken);
        }
        catch (PaymentGatewayException failure)
        {
            LogNotCancelled(reference, order.Id, failure.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentReference} of cancelled order {OrderId} could not be cancelled ({Code}); a late success will be refunded")]
    private partial void LogNotCancelled(string paymentReference, Guid orderId, string code);
}
