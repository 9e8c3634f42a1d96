using Shop.OrderingApi.Domain;

namespace Shop.OrderingApi.Payments.TestGateway;

public enum TestPaymentStatus
{
    RequiresPaymentMethod,
    RequiresAction,
    Succeeded,

    /// <summary>Its order was cancelled before it was paid: it takes no card any more.</summary>
    Canceled,
}

/// <summary>The test gateway's own record of a payment, shaped like a Stripe PaymentIntent.</summary>
public sealed class TestPayment
{
    public string Reference { get; private set; } = "";
    public string ClientSecret { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public Money Amount { get; private set; }
    public Money Refunded { get; private set; }
    public TestPaymentStatus Status { get; private set; }
    public string? LastDeclineCode { get; private set; }
    public string? CardLast4 { get; private set; }

    /// <summary>
    /// The row's version: two changes of one payment at once (a confirmation and a reopen, say) cannot both be
    /// saved, so a succeeded payment is never written back as open by a request that read it before it succeeded.
    /// </summary>
    public uint Version { get; private set; }

    private TestPayment() { }

    public TestPayment(string reference, string clientSecret, Guid orderId, Money amount)
    {
        Reference = reference;
        ClientSecret = clientSecret;
        OrderId = orderId;
        Amount = amount;
        Refunded = Money.Zero(amount.Currency);
        Status = TestPaymentStatus.RequiresPaymentMethod;
    }

    /// <summary>Applies a card; returns the decline code when it is declined.</summary>
    public string? Confirm(string cardNumber)
    {
        if (Status != TestPaymentStatus.RequiresPaymentMethod)
        {
            throw new InvalidOperationException($"This payment is {Status}.");
        }

        CardLast4 = cardNumber[^4..];
        var (behaviour, declineCode) = TestCards.Lookup(cardNumber);
        Status = behaviour switch
        {
            TestCardBehaviour.Succeeds => TestPaymentStatus.Succeeded,
            TestCardBehaviour.RequiresAuthentication => TestPaymentStatus.RequiresAction,
            _ => TestPaymentStatus.RequiresPaymentMethod,
        };
        LastDeclineCode = declineCode;
        return declineCode;
    }

    /// <summary>The shopper passed or failed 3-D Secure; a failure leaves the payment open for another card.</summary>
    public string? Authenticate(bool passed)
    {
        if (Status != TestPaymentStatus.RequiresAction)
        {
            throw new InvalidOperationException($"This payment is {Status}.");
        }

        Status = passed ? TestPaymentStatus.Succeeded : TestPaymentStatus.RequiresPaymentMethod;
        LastDeclineCode = passed ? null : "authentication_failed";
        return LastDeclineCode;
    }

    /// <summary>
    /// The shopper starts paying again: a 3-D Secure step left unfinished is dropped (it can no longer succeed
    /// behind the new attempt's back) and the payment takes a card again. A settled payment stays as it is.
    /// </summary>
    public void Reopen()
    {
        if (Status == TestPaymentStatus.RequiresAction)
        {
            Status = TestPaymentStatus.RequiresPaymentMethod;
        }
    }

    /// <summary>Like cancelling a PaymentIntent: an open payment stops taking cards; a settled one stays as it is.</summary>
    public void Cancel()
    {
        if (Status is TestPaymentStatus.RequiresPaymentMethod or TestPaymentStatus.RequiresAction)
        {
            Status = TestPaymentStatus.Canceled;
        }
    }

    public void Refund(Money amount)
    {
        if (Status != TestPaymentStatus.Succeeded || (Refunded + amount).Amount > Amount.Amount)
        {
            throw new PaymentGatewayException("charge_already_refunded", "The refund is more than what is left of the payment.");
        }

        Refunded += amount;
    }
}
