using System.Globalization;
using Shop.WebApp.Api;

namespace Shop.WebApp.Catalog;

/// <summary>A review as the form on the product page collects it.</summary>
public sealed class ReviewForm
{
    public int? Rating { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
}

/// <summary>
/// A product's reviews, read by anyone and written as the signed-in shopper (the catalog decides who may: only
/// customers who received the product, once each).
/// </summary>
public sealed class ReviewClient(HttpClient http, ILogger<ReviewClient> logger)
{
    public const int PageSize = 5;

    public async Task<ReviewPage?> ListAsync(Guid productId, int page, CancellationToken ct)
    {
        var result = await ApiCalls.SendAsync<ReviewPage>(http,
            new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/api/products/{productId}/reviews?page={page}&pageSize={PageSize}")),
            logger, ct);
        return result.Value;
    }

    public Task<ApiResult<Review>> CreateAsync(Guid productId, ReviewForm form, CancellationToken ct) =>
        ApiCalls.SendAsync<Review>(http,
            ApiCalls.Json(HttpMethod.Post, $"/api/products/{productId}/reviews", new { rating = form.Rating ?? 0, title = form.Title ?? "", body = form.Body ?? "" }),
            logger, ct);
}
