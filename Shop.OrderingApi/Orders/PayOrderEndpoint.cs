using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Payments;

namespace Shop.OrderingApi.Orders;

public sealed record PayOrderRequest
{
    public Guid Id { get; init; }

    /// <summary>The secret from a guest's order link.</summary>
    [QueryParam]
    public string? Token { get; init; }
}

/// <summary>The order and what the browser needs to pay it, exactly as checkout answers.</summary>
public sealed record PayOrderResponse(OrderResponse Order, PaymentSession Payment);

/// <summary>
/// Pay now: the owner (or the guest link) pays an order still awaiting payment, until it is due. Asking twice, even at
/// the same moment, gives the same open payment, so a double click never charges twice and needs no Idempotency-Key;
/// an order not awaiting payment is 409 with its status.
/// </summary>
public sealed class PayOrderEndpoint(OrderingDbContext db, IPaymentGateway payments, TimeProvider clock) : Endpoint<PayOrderRequest, PayOrderResponse>
{
    /// <summary>
    /// Two first clicks on an order whose payment never started both start one; the order's version lets only one
    /// be saved. The other reads the order again and so answers with the payment that was saved.
    /// </summary>
    private static readonly ResiliencePipeline OnceMoreAfterARace = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbUpdateConcurrencyException>(),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.Zero,
        })
        .Build();

    public override void Configure()
    {
        Post("/api/orders/{Id:guid}/payment");
        AllowAnonymous();
    }

    public override async Task HandleAsync(PayOrderRequest request, CancellationToken ct)
    {
        var answer = await OnceMoreAfterARace.ExecuteAsync(async token => await PayAsync(request, token), ct);
        if (answer is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(answer, ct);
    }

    private async Task<PayOrderResponse?> PayAsync(PayOrderRequest request, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var order = await OrderAccess.FindForCallerAsync(db, request.Id, User, request.Token, ct);
        if (order is null)
        {
            return null;
        }

        order.RequirePayable(clock.GetUtcNow());
        var session = await payments.ResumePaymentAsync(order.Id, order.PaymentReference, order.Totals.Total, order.Email, ct);
        order.AwaitPayment(session.PaymentReference, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new PayOrderResponse(OrderResponse.From(order), session);
    }
}
