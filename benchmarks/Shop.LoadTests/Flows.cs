using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.LoadTests;

/// <summary>
/// Request bodies sent with their length, as a browser's fetch sends them. PostAsJsonAsync streams its body chunked,
/// which costs the storefront's proxy and the service a chunked-body pipe per request that shoppers never cause.
/// </summary>
internal static class JsonBodies
{
    public static ByteArrayContent Of(byte[] json) => new(json) { Headers = { ContentType = new("application/json") } };

    public static ByteArrayContent Of<T>(T value) => Of(JsonSerializer.SerializeToUtf8Bytes(value));
}

/// <summary>Each client keeps one guest basket: it adds the SKU and reads the basket back, emptying the line at the per-line limit.</summary>
public sealed class BasketFlow(HttpClient http, string sku) : IShopperFlow
{
    private const int MaxQuantityPerLine = 10;

    /// <summary>The add's body, serialized once.</summary>
    private readonly byte[] _addOne = JsonSerializer.SerializeToUtf8Bytes(new { sku, quantity = 1 });

    public async Task RunOnceAsync(ClientState state, Recorder recorder, CancellationToken ct)
    {
        state.BasketId ??= await NewBasketAsync(http, ct);
        if (state.Quantity == MaxQuantityPerLine)
        {
            using var removed = await recorder.TimeAsync("remove-line", () => http.DeleteAsync($"/api/baskets/{state.BasketId}/items/{sku}", ct));
            state.Quantity = 0;
        }

        using (var added = await recorder.TimeAsync("add-to-basket", () => http.PostAsync($"/api/baskets/{state.BasketId}/items", JsonBodies.Of(_addOne), ct)))
        {
            state.Quantity = added.IsSuccessStatusCode ? state.Quantity + 1 : MaxQuantityPerLine;
        }

        using var read = await recorder.TimeAsync("get-basket", () => http.GetAsync($"/api/baskets/{state.BasketId}", ct));
        await read.Content.LoadIntoBufferAsync(ct);
    }

    public Task AfterRunAsync(TextWriter output) => Task.CompletedTask;

    internal static async Task<string> NewBasketAsync(HttpClient http, CancellationToken ct)
    {
        using var created = await http.PostAsync("/api/baskets", null, ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
    }
}

/// <summary>
/// A guest buys one unit of one of the SKUs, picked at random, end to end: new basket, add, place the order, pay
/// with the test gateway's success card. Afterwards it checks that the orders placed reached "paid".
/// </summary>
public sealed class CheckoutFlow(HttpClient http, IReadOnlyList<string> skus) : IShopperFlow
{
    private readonly ConcurrentBag<(Guid OrderId, string Token)> _paid = [];

    public async Task RunOnceAsync(ClientState state, Recorder recorder, CancellationToken ct)
    {
        using var created = await recorder.TimeAsync("create-basket", () => http.PostAsync("/api/baskets", null, ct));
        var basketId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var sku = skus[Random.Shared.Next(skus.Count)];
        using var added = await recorder.TimeAsync("add-to-basket", () => http.PostAsync($"/api/baskets/{basketId}/items", JsonBodies.Of(new { sku, quantity = 1 }), ct));
        using var placed = await recorder.TimeAsync("place-order", () => http.PostAsync("/api/orders", JsonBodies.Of(new
        {
            basketId,
            email = "load@example.com",
            shippingMethod = "standard",
            shippingAddress = new { name = "Load Test", line1 = "1 Bench Street", city = "Berlin", postalCode = "10115", country = "DE" },
        }), ct));
        if (!placed.IsSuccessStatusCode)
        {
            return;
        }

        var order = await placed.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var paid = await recorder.TimeAsync("pay", () => http.PostAsync("/api/payments/test-gateway/confirm", JsonBodies.Of(new
        {
            clientSecret = order.GetProperty("payment").GetProperty("clientSecret").GetString(),
            cardNumber = "4242424242424242",
            expiryMonth = 12,
            expiryYear = DateTime.UtcNow.Year + 2,
            cvc = "123",
        }), ct));
        if (paid.IsSuccessStatusCode && recorder.Measuring)
        {
            _paid.Add((order.GetProperty("order").GetProperty("id").GetGuid(), order.GetProperty("guestAccessToken").GetString()!));
        }
    }

    /// <summary>
    /// Samples up to 200 of the orders paid during the measured run and waits (at most two minutes) until each shows
    /// "paid": how long after the load stopped the last one settled says whether event handling kept up.
    /// </summary>
    public async Task AfterRunAsync(TextWriter output)
    {
        var stopped = System.Diagnostics.Stopwatch.StartNew();
        var sample = _paid.OrderBy(_ => Random.Shared.Next()).Take(200).ToList();
        var settled = 0;
        foreach (var (orderId, token) in sample)
        {
            while (stopped.Elapsed < TimeSpan.FromMinutes(2))
            {
                var order = await http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}?token={Uri.EscapeDataString(token)}");
                if (order.GetProperty("status").GetString() == "paid")
                {
                    settled++;
                    break;
                }

                await Task.Delay(200);
            }
        }

        output.WriteLine($"settled: {settled} of {sample.Count} sampled orders (of {_paid.Count} paid) show paid; " +
                         $"the last {stopped.Elapsed.TotalSeconds:0.0} s after the load stopped");
    }
}
