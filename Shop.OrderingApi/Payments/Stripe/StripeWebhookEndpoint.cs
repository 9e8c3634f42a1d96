using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Data;
using Stripe;

namespace Shop.OrderingApi.Payments.Stripe;

/// <summary>
/// Stripe's <c>payment_intent.*</c> webhooks. The signature is checked against the endpoint's signing secret before
/// anything is read; each event is handled once (its id is recorded in the same transaction as its effect).
/// </summary>
public sealed partial class StripeWebhookEndpoint(
    OrderingDbContext db,
    PaymentSettlement settlement,
    IOptions<PaymentSettings> settings,
    TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/api/payments/stripe/webhook");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var secret = settings.Value.Stripe.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        using var reader = new StreamReader(HttpContext.Request.Body);
        var payload = await reader.ReadToEndAsync(ct);
        string? signature = HttpContext.Request.Headers["Stripe-Signature"];
        Event stripeEvent;
        try
        {
            // Stripe.net reads a missing header as a null it cannot parse (a NullReferenceException): refused like a bad one.
            stripeEvent = string.IsNullOrWhiteSpace(signature)
                ? throw new StripeException("No Stripe-Signature header.")
                : EventUtility.ConstructEvent(payload, signature, secret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            AddError("The Stripe-Signature header does not match the payload.");
            await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
            return;
        }

        if (await db.Set<ProcessedWebhookEvent>().AnyAsync(e => e.EventId == stripeEvent.Id, ct))
        {
            await Send.OkAsync(ct);
            return;
        }

        db.Set<ProcessedWebhookEvent>().Add(new ProcessedWebhookEvent(stripeEvent.Id, stripeEvent.Type, clock.GetUtcNow()));
        switch (stripeEvent.Data.Object)
        {
            case PaymentIntent { Status: "succeeded" } intent when stripeEvent.Type == EventTypes.PaymentIntentSucceeded:
                await settlement.SucceededAsync(intent.Id, ct);
                break;
            case PaymentIntent intent when stripeEvent.Type == EventTypes.PaymentIntentPaymentFailed:
                await settlement.FailedAsync(intent.Id, intent.LastPaymentError?.Code ?? "payment_failed", ct);
                break;
            default:
                LogIgnored(stripeEvent.Type, stripeEvent.Id);
                break;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event may arrive twice at once; then the other delivery handled it and all is well.
            if (!await AlreadyProcessedAsync(stripeEvent.Id, ct))
            {
                throw;
            }
        }

        await Send.OkAsync(ct);
    }

    private async Task<bool> AlreadyProcessedAsync(string eventId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Set<ProcessedWebhookEvent>().AnyAsync(e => e.EventId == eventId, ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring Stripe event {Type} {EventId}")]
    private partial void LogIgnored(string type, string eventId);
}
