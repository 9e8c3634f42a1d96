using System.Security.Cryptography;
using System.Text;
using FastEndpoints;
using FluentValidation;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Payments.TestGateway;

public sealed record ConfirmTestPaymentRequest(string ClientSecret, string CardNumber, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>succeeded, requires_action (3-D Secure: call authenticate next) or declined with the decline code.</summary>
public sealed record TestPaymentOutcome(string Status, string? DeclineCode);

public sealed class ConfirmTestPaymentValidator : Validator<ConfirmTestPaymentRequest>
{
    public ConfirmTestPaymentValidator(TimeProvider clock)
    {
        RuleFor(r => r.ClientSecret).NotEmpty().MaximumLength(200);
        RuleFor(r => r.CardNumber).Must(TestCards.IsWellFormed).WithMessage("This is not a valid card number.");
        RuleFor(r => r.ExpiryMonth).InclusiveBetween(1, 12);
        RuleFor(r => r)
            .Must(r => new DateOnly(r.ExpiryYear, Math.Clamp(r.ExpiryMonth, 1, 12), 1).AddMonths(1) > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .When(r => r.ExpiryYear is >= 2000 and <= 2200)
            .WithName("expiryYear").WithMessage("The card has expired.");
        RuleFor(r => r.ExpiryYear).InclusiveBetween(2000, 2200);
        RuleFor(r => r.Cvc).Matches("^[0-9]{3,4}$").WithMessage("The security code is 3 or 4 digits.");
    }
}

/// <summary>
/// What Stripe Elements does in the browser, for the built-in test gateway: applies a test card to a payment. The
/// order is settled in the same transaction as the payment's change, as a Stripe webhook settles it, so the order is
/// paid even if the browser never hears this answer.
/// </summary>
public sealed class ConfirmTestPaymentEndpoint(OrderingDbContext db, PaymentSettlement settlement) : Endpoint<ConfirmTestPaymentRequest, TestPaymentOutcome>
{
    public override void Configure()
    {
        Post("/api/payments/test-gateway/confirm");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ConfirmTestPaymentRequest request, CancellationToken ct)
    {
        var payment = await TestPaymentLookup.FindAsync(db, request.ClientSecret, ct);
        if (payment is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        if (payment.Status != TestPaymentStatus.RequiresPaymentMethod)
        {
            AddError(payment.Status == TestPaymentStatus.Canceled
                ? "This payment was canceled with its order; nothing was charged."
                : $"This payment is already {payment.Status}.");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        var declineCode = payment.Confirm(request.CardNumber);
        var outcome = await TestPaymentLookup.SettleAsync(settlement, payment, declineCode, ct);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(outcome, ct);
    }
}

internal static class TestPaymentLookup
{
    /// <summary>The payment a client secret belongs to, compared in constant time.</summary>
    public static async Task<TestPayment?> FindAsync(OrderingDbContext db, string clientSecret, CancellationToken ct)
    {
        var separator = clientSecret.IndexOf("_secret_", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var payment = await db.Set<TestPayment>().FindAsync([clientSecret[..separator]], ct);
        return payment is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(payment.ClientSecret), Encoding.UTF8.GetBytes(clientSecret))
            ? payment
            : null;
    }

    /// <summary>
    /// Applies the payment's outcome to its order, for the caller's SaveChanges to commit with the payment's change:
    /// the gateway is this service, so there is no webhook to wait for and no event to send itself. A race with
    /// another change of the order (a cancellation, say) fails the whole save, the payment's change with it.
    /// </summary>
    public static async Task<TestPaymentOutcome> SettleAsync(PaymentSettlement settlement, TestPayment payment, string? declineCode, CancellationToken ct)
    {
        switch (payment.Status)
        {
            case TestPaymentStatus.Succeeded:
                await settlement.SucceededAsync(payment.Reference, ct);
                return new TestPaymentOutcome("succeeded", null);
            case TestPaymentStatus.RequiresAction:
                return new TestPaymentOutcome("requires_action", null);
            default:
                await settlement.FailedAsync(payment.Reference, declineCode ?? "card_declined", ct);
                return new TestPaymentOutcome("declined", declineCode);
        }
    }
}
