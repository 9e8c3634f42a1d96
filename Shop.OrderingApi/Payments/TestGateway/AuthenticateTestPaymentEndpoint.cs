using FastEndpoints;
using FluentValidation;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Payments.TestGateway;

public sealed record AuthenticateTestPaymentRequest(string ClientSecret, bool Approve);

public sealed class AuthenticateTestPaymentValidator : Validator<AuthenticateTestPaymentRequest>
{
    public AuthenticateTestPaymentValidator() => RuleFor(r => r.ClientSecret).NotEmpty().MaximumLength(200);
}

/// <summary>The test gateway's stand-in for a bank's 3-D Secure page: the shopper approves or fails the challenge.</summary>
public sealed class AuthenticateTestPaymentEndpoint(OrderingDbContext db, PaymentSettlement settlement) : Endpoint<AuthenticateTestPaymentRequest, TestPaymentOutcome>
{
    public override void Configure()
    {
        Post("/api/payments/test-gateway/authenticate");
        AllowAnonymous();
    }

    public override async Task HandleAsync(AuthenticateTestPaymentRequest request, CancellationToken ct)
    {
        var payment = await TestPaymentLookup.FindAsync(db, request.ClientSecret, ct);
        if (payment is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        if (payment.Status != TestPaymentStatus.RequiresAction)
        {
            AddError($"This payment is {payment.Status}; it needs no authentication.");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        var declineCode = payment.Authenticate(request.Approve);
        var outcome = await TestPaymentLookup.SettleAsync(settlement, payment, declineCode, ct);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(outcome, ct);
    }
}
