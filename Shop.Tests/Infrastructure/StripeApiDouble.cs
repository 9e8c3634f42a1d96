using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.Tests.Infrastructure;

/// <summary>A request as the Stripe double received it: form-encoded, as Stripe's API takes them.</summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

/// <summary>
/// Stands in for api.stripe.com over HTTP: answers the PaymentIntent and Refund calls with objects shaped as
/// Stripe documents them, or with the error a test asks for, and records every request.
/// </summary>
public sealed class StripeApiDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StripeRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _intents = new();

    private StripeApiDouble(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyCollection<StripeRequest> Requests => _requests.ToArray();

    /// <summary>When set, every call fails with this card error code (402, as Stripe answers declines).</summary>
    public string? DeclineWith { get; set; }

    public static async Task<StripeApiDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stripe = new StripeApiDouble(app);

        app.MapPost("/v1/payment_intents", async (HttpRequest request) =>
        {
            var form = await stripe.RecordAsync(request);
            if (stripe.DeclineWith is { } code)
            {
                return Results.Json(new { error = new { type = "card_error", code, message = "Your card was declined." } }, statusCode: 402);
            }

            var id = "pi_" + Guid.NewGuid().ToString("N")[..24];
            return Results.Json(stripe._intents[id] = new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = form["currency"],
                ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
                ["status"] = "requires_payment_method",
                ["livemode"] = false,
                ["metadata"] = form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value),
            });
        });

        app.MapGet("/v1/payment_intents/{id}", (string id, HttpRequest request) =>
        {
            stripe._requests.Enqueue(new StripeRequest(request.Method, request.Path, new Dictionary<string, string>(), null, request.Headers.Authorization.FirstOrDefault()));
            return stripe._intents.TryGetValue(id, out var intent)
                ? Results.Json(intent)
                : NoSuchIntent(id);
        });

        // As Stripe: an intent that can still take a card is cancelled; one that succeeded or was cancelled is a 400.
        app.MapPost("/v1/payment_intents/{id}/cancel", async (string id, HttpRequest request) =>
        {
            await stripe.RecordAsync(request);
            if (!stripe._intents.TryGetValue(id, out var intent))
            {
                return NoSuchIntent(id);
            }

            if (intent["status"] is "succeeded" or "canceled")
            {
                return Results.Json(new { error = new { type = "invalid_request_error", code = "payment_intent_unexpected_state",
                    message = $"You cannot cancel this PaymentIntent because it has a status of {intent["status"]}." } }, statusCode: 400);
            }

            intent["status"] = "canceled";
            return Results.Json(intent);
        });

        app.MapPost("/v1/refunds", async (HttpRequest request) =>
        {
            var form = await stripe.RecordAsync(request);
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
                ["object"] = "refund",
                ["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture),
                ["payment_intent"] = form["payment_intent"],
                ["status"] = "succeeded",
            });
        });

        await app.StartAsync();
        stripe.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stripe;
    }

    /// <summary>The PaymentIntent is cancelled, as Stripe does to an abandoned one (or a merchant through the API).</summary>
    public void Cancel(string paymentIntentId) => _intents[paymentIntentId]["status"] = "canceled";

    /// <summary>The shopper's card went through, as confirming in the browser does.</summary>
    public void Succeed(string paymentIntentId) => _intents[paymentIntentId]["status"] = "succeeded";

    public string StatusOf(string paymentIntentId) => (string)_intents[paymentIntentId]["status"]!;

    private static IResult NoSuchIntent(string id) =>
        Results.Json(new { error = new { type = "invalid_request_error", code = "resource_missing", message = $"No such payment_intent: '{id}'" } }, statusCode: 404);

    private async Task<Dictionary<string, string>> RecordAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        _requests.Enqueue(new StripeRequest(request.Method, request.Path, form,
            request.Headers["Idempotency-Key"].FirstOrDefault(), request.Headers.Authorization.FirstOrDefault()));
        return form;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
