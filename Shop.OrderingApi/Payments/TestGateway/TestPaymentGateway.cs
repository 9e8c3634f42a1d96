using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;

namespace Shop.OrderingApi.Payments.TestGateway;

/// <summary>
/// The built-in gateway used when no Stripe key is configured: no money moves. The browser confirms with a test
/// card number (<see cref="TestCards"/>), and the confirmation settles the order in its own transaction, through the same
/// settlement as Stripe's webhook.
/// </summary>
public sealed class TestPaymentGateway(OrderingDbContext db) : IPaymentGateway
{
    public const string ProviderName = "test";

    public string Provider => ProviderName;

    public bool StartsInOrderTransaction => true;

    /// <summary>The payment is saved by the caller's next <c>SaveChanges</c>, with the order that now awaits it.</summary>
    public Task<PaymentSession> StartPaymentAsync(Guid orderId, Money amount, string email, string idempotencyKey, CancellationToken cancellationToken)
    {
        var reference = "tp_" + RandomPart(12);
        var payment = new TestPayment(reference, $"{reference}_secret_{RandomPart(24)}", orderId, amount);
        db.Set<TestPayment>().Add(payment);
        return Task.FromResult(new PaymentSession(ProviderName, payment.Reference, payment.ClientSecret, PublishableKey: null));
    }

    public async Task<PaymentSession> ResumePaymentAsync(Guid orderId, string? paymentReference, Money amount, string email, CancellationToken cancellationToken)
    {
        // By order rather than reference: an order whose payment never started may already have one from a concurrent call.
        var payment = await db.Set<TestPayment>().Where(p => p.OrderId == orderId)
            .OrderByDescending(p => p.Reference == paymentReference).FirstOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            return await StartPaymentAsync(orderId, amount, email, orderId.ToString(), cancellationToken);
        }

        payment.Reopen();
        await db.SaveChangesAsync(cancellationToken);
        return new PaymentSession(ProviderName, payment.Reference, payment.ClientSecret, PublishableKey: null);
    }

    public async Task CancelPaymentAsync(string paymentReference, CancellationToken cancellationToken)
    {
        var payment = await db.Set<TestPayment>().FindAsync([paymentReference], cancellationToken);
        payment?.Cancel();
    }

    public async Task<RefundOutcome> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var payment = await db.Set<TestPayment>().FindAsync([paymentReference], cancellationToken)
            ?? throw new PaymentGatewayException("resource_missing", $"No payment {paymentReference}.");
        payment.Refund(amount);
        await db.SaveChangesAsync(cancellationToken);
        return new RefundOutcome("tre_" + RandomPart(12));
    }

    private static string RandomPart(int bytes) =>
        Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();
}
