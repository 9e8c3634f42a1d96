using System.Net.Http.Headers;
using System.Text.Json;
using FastEndpoints;
using Shop.OrderingApi.Idempotency;
using Shop.OrderingApi.Orders;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

/// <summary>The placed order, what the browser needs to pay for it, and for a guest the secret of their order link.</summary>
public sealed record PlaceOrderResponse(OrderResponse Order, PaymentSession Payment, string? GuestAccessToken);

/// <summary>
/// Checkout. Honours an <c>Idempotency-Key</c> header with Stripe's semantics: the same key and body returns the
/// first answer, the same key with another body is 422, and a double-click never makes two orders or two charges.
/// A 409 refusal (stock short, an item off sale, a placement that took too long) is not kept: it changed nothing,
/// and the shopper's retry with the same key must meet the catalog as it is then.
/// </summary>
public sealed class PlaceOrderEndpoint(CheckoutService checkout, IdempotencyGate idempotency) : Endpoint<PlaceOrderRequest>
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override void Configure()
    {
        Post("/api/orders");
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(CheckoutRateLimit.PolicyName));
    }

    public override async Task HandleAsync(PlaceOrderRequest request, CancellationToken ct)
    {
        var key = HttpContext.Request.Headers[IdempotencyHeader].FirstOrDefault();
        if (key is { Length: 0 or > 255 })
        {
            await SendJsonAsync(400, Problem(400, "invalid-idempotency-key", "The Idempotency-Key is 1 to 255 characters.",
                [new("idempotencyKey", "The Idempotency-Key is 1 to 255 characters.")]), ct);
            return;
        }

        var scope = User.SubjectId() ?? "guest";
        if (key is not null)
        {
            var decision = await idempotency.BeginAsync(scope, key, IdempotencyGate.HashOf(JsonSerializer.Serialize(request, Json)), ct);
            switch (decision)
            {
                case IdempotencyDecision.Replay replay:
                    await SendRawAsync(replay.StatusCode, replay.Body, ct);
                    return;
                case IdempotencyDecision.Mismatch:
                    await SendJsonAsync(422, Problem(422, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different request.", []), ct);
                    return;
                case IdempotencyDecision.InProgress:
                    await SendJsonAsync(409, Problem(409, "idempotency-key-in-use",
                        "A request with this Idempotency-Key is still being processed.", []), ct);
                    return;
            }
        }

        CheckoutOutcome outcome;
        try
        {
            var authorization = AuthenticationHeaderValue.TryParse(HttpContext.Request.Headers.Authorization, out var header) ? header : null;
            outcome = await checkout.PlaceAsync(request, new Shopper(User.SubjectId(), User.FindFirst("email")?.Value, authorization), ct);
        }
        catch
        {
            if (key is not null)
            {
                await idempotency.AbandonAsync(scope, key);
            }

            throw;
        }

        var (status, body) = outcome switch
        {
            CheckoutOutcome.Placed placed => (201, JsonSerializer.Serialize(
                new PlaceOrderResponse(OrderResponse.From(placed.Order), placed.Payment, placed.GuestAccessToken), Json)),
            CheckoutOutcome.Refused refused => (refused.StatusCode, JsonSerializer.Serialize(RefusalProblem(refused), Json)),
            _ => throw new InvalidOperationException("Checkout returned an unknown outcome."),
        };

        if (key is not null)
        {
            if (outcome is CheckoutOutcome.Refused { StatusCode: 409 or 503 })
            {
                // A conflict with the state of the moment (stock gone, an item off sale, a placement that took too
                // long) or a payment provider that would not start the payment ordered nothing, and the storefront
                // sends the same key and body when the shopper tries again: that retry must meet the state as it is
                // then, not this answer again.
                await idempotency.AbandonAsync(scope, key);
            }
            else
            {
                await idempotency.CompleteAsync(scope, key, status, body, (outcome as CheckoutOutcome.Placed)?.Order.Id, ct);
            }
        }

        await SendRawAsync(status, body, ct);
    }

    private static Dictionary<string, object?> RefusalProblem(CheckoutOutcome.Refused refused)
    {
        var code = refused.ShortSkus is null ? "checkout-refused" : "insufficient-stock";
        var problem = Problem(refused.StatusCode, code, refused.Message, [new(refused.Field, refused.Message)]);
        if (refused.ShortSkus is not null)
        {
            problem["shortSkus"] = refused.ShortSkus;
        }

        return problem;
    }

    private sealed record FieldError(string Name, string Reason);

    /// <summary>RFC 9457 problem details in the shape the other endpoints use (field errors as name and reason).</summary>
    private static Dictionary<string, object?> Problem(int status, string code, string detail, IReadOnlyList<FieldError> errors) => new()
    {
        ["type"] = $"/problems/{code}",
        ["title"] = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        ["status"] = status,
        ["detail"] = detail,
        ["code"] = code,
        ["errors"] = errors,
    };

    private Task SendJsonAsync(int status, object body, CancellationToken ct) => SendRawAsync(status, JsonSerializer.Serialize(body, Json), ct);

    private async Task SendRawAsync(int status, string body, CancellationToken ct)
    {
        HttpContext.Response.StatusCode = status;
        HttpContext.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await HttpContext.Response.WriteAsync(body, ct);
    }
}
