using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Shop.BasketApi.Baskets;

namespace Shop.BasketApi.Promotions;

/// <summary>What a discount code takes off the basket, as the ordering service's promotion rules say.</summary>
public sealed record DiscountView(string Code, MoneyView Amount);

/// <summary>The ordering service's verdict on a code: the discount, or why the code does not apply.</summary>
public sealed record DiscountVerdict(DiscountView? Discount, string? Refusal);

public interface IDiscountPreviews
{
    Task<DiscountVerdict> PreviewAsync(string code, MoneyView subtotal, AuthenticationHeaderValue? caller, CancellationToken cancellationToken);
}

/// <summary>
/// Asks the ordering service, which owns promotions, over HTTP (service discovery, standard resilience). The caller's
/// token goes along, so per-customer limits count the shopper's own uses. A singleton that makes its client only
/// when a code is previewed, not for every basket read.
/// </summary>
public sealed class HttpDiscountPreviews(IHttpClientFactory clients) : IDiscountPreviews
{
    /// <summary>The named HTTP client configured for the ordering service.</summary>
    public const string ClientName = "ordering";

    /// <summary>The ordering service's answer for a code it does not have.</summary>
    private const string NoSuchCode = "This code does not exist.";

    public async Task<DiscountVerdict> PreviewAsync(string code, MoneyView subtotal, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        // Promotion codes are letters, digits, '-' and '_'. Anything else names no promotion, and "." or ".." would
        // not even stay in the path segment: the URI resolves them away, to another address.
        if (!code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return new DiscountVerdict(null, NoSuchCode);
        }

        var path = $"/api/promotions/{Uri.EscapeDataString(code)}/preview?subtotal={subtotal.Amount}&currency={Uri.EscapeDataString(subtotal.Currency)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = caller;
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var reason = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? errors.EnumerateArray().Select(e => e.TryGetProperty("reason", out var r) ? r.GetString() : null).FirstOrDefault(r => r is not null)
                : null;
            return new DiscountVerdict(null, reason ?? "This code cannot be used.");
        }

        response.EnsureSuccessStatusCode();
        var preview = await response.Content.ReadFromJsonAsync<PreviewResponse>(cancellationToken)
            ?? throw new InvalidOperationException("The ordering service answered a discount preview with nothing.");
        return new DiscountVerdict(new DiscountView(preview.Code, preview.Discount), null);
    }

    private sealed record PreviewResponse(string Code, MoneyView Discount);
}
