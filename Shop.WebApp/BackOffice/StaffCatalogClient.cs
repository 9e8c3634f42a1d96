using System.Globalization;
using System.Net.Http.Headers;
using Shop.WebApp.Api;

namespace Shop.WebApp.BackOffice;

/// <summary>The catalog's staff endpoints, called as the signed-in staff member (AccessTokenHandler).</summary>
public sealed class StaffCatalogClient(HttpClient http, ILogger<StaffCatalogClient> logger)
{
    public Task<ApiResult<PageOf<StaffProductSummary>>> ListProductsAsync(string? text, string status, int page, CancellationToken ct) =>
        Send<PageOf<StaffProductSummary>>(HttpMethod.Get, "/api/products" + QueryString.Create(Query(
            ("status", status), ("text", text), ("page", Number(page)), ("pageSize", "25"))), ct);

    public Task<ApiResult<StaffProduct>> GetProductAsync(Guid id, CancellationToken ct) => Send<StaffProduct>(HttpMethod.Get, $"/api/products/{id}", ct);

    public Task<ApiResult<StaffProduct>> CreateProductAsync(ProductFields product, bool published, SkuFields firstSku, CancellationToken ct) =>
        Send<StaffProduct>(ApiCalls.Json(HttpMethod.Post, "/api/products", new
        {
            product.Name, product.Slug, product.Description, product.Category, product.Brand, product.Price, product.Currency,
            product.CompareAtPrice, product.Attributes, published,
            skus = new[] { firstSku },
        }), ct);

    /// <summary>The edit, refused (409) when the product has been edited since <paramref name="revision"/>.</summary>
    public Task<ApiResult<StaffProduct>> UpdateProductAsync(Guid id, ProductFields product, int? revision, CancellationToken ct) =>
        Send<StaffProduct>(ApiCalls.Json(HttpMethod.Put, $"/api/products/{id}", new
        {
            product.Name, product.Slug, product.Description, product.Category, product.Brand, product.Price, product.Currency,
            product.CompareAtPrice, product.Attributes, revision,
        }), ct);

    public Task<ApiResult<StaffProduct>> SetPublishedAsync(Guid id, bool published, CancellationToken ct) =>
        Send<StaffProduct>(HttpMethod.Post, $"/api/products/{id}/{(published ? "publish" : "unpublish")}", ct);

    /// <summary>The catalog's soft delete: the product leaves the store and the back office's lists; orders keep their copies.</summary>
    public Task<ApiResult<object>> DeleteProductAsync(Guid id, CancellationToken ct) => Send<object>(HttpMethod.Delete, $"/api/products/{id}", ct);

    public Task<ApiResult<object>> AddSkuAsync(Guid productId, SkuFields sku, CancellationToken ct) =>
        Send<object>(ApiCalls.Json(HttpMethod.Post, $"/api/products/{productId}/skus", sku), ct);

    /// <summary>The edit, refused (409) when the variant has been edited since <paramref name="revision"/>.</summary>
    public Task<ApiResult<object>> UpdateSkuAsync(string code, SkuFields sku, int? revision, CancellationToken ct) =>
        Send<object>(ApiCalls.Json(HttpMethod.Put, $"/api/skus/{Uri.EscapeDataString(code)}", new { sku.Options, sku.Price, sku.CompareAtPrice, sku.WeightGrams, revision }), ct);

    /// <summary>Forwards an uploaded picture to the catalog as it came, which checks its type and size itself.</summary>
    public Task<ApiResult<StaffImage>> UploadImageAsync(Guid productId, IFormFile file, string? alt, CancellationToken ct)
    {
        var content = new MultipartFormDataContent();
        var fileContent = new StreamContent(file.OpenReadStream());
        fileContent.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        content.Add(fileContent, "file", string.IsNullOrWhiteSpace(file.FileName) ? "picture" : Path.GetFileName(file.FileName));
        if (!string.IsNullOrWhiteSpace(alt))
        {
            content.Add(new StringContent(alt.Trim()), "alt");
        }

        return Send<StaffImage>(new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/images") { Content = content }, ct);
    }

    public Task<ApiResult<object>> DeleteImageAsync(Guid productId, Guid imageId, CancellationToken ct) =>
        Send<object>(HttpMethod.Delete, $"/api/products/{productId}/images/{imageId}", ct);

    public async Task<ApiResult<SkuInfo>> GetSkuAsync(string code, CancellationToken ct)
    {
        var found = await Send<IReadOnlyList<SkuInfo>>(HttpMethod.Get, "/api/skus" + QueryString.Create("codes", code), ct);
        return found.Value is { Count: > 0 } skus ? new ApiResult<SkuInfo>(skus[0], null)
            : found.Problem ?? new ApiProblem(System.Net.HttpStatusCode.NotFound, "There is no such SKU.", null, []);
    }

    public Task<ApiResult<StockLevel>> AdjustStockAsync(string code, int delta, string reason, Guid? adjustmentId, CancellationToken ct) =>
        Send<StockLevel>(ApiCalls.Json(HttpMethod.Post, $"/api/skus/{Uri.EscapeDataString(code)}/stock-adjustments", new { delta, reason, adjustmentId }), ct);

    public Task<ApiResult<PageOf<StockMovement>>> ListMovementsAsync(string code, int page, CancellationToken ct) =>
        Send<PageOf<StockMovement>>(HttpMethod.Get, $"/api/skus/{Uri.EscapeDataString(code)}/stock-movements?page={Number(page)}&pageSize=25", ct);

    public Task<ApiResult<PageOf<LowStockSku>>> ListLowStockAsync(int threshold, int page, int pageSize, CancellationToken ct) =>
        Send<PageOf<LowStockSku>>(HttpMethod.Get, $"/api/skus/low-stock?threshold={Number(threshold)}&page={Number(page)}&pageSize={Number(pageSize)}", ct);

    public Task<ApiResult<PageOf<ZeroResultQuery>>> ListZeroResultsAsync(int pageSize, CancellationToken ct) =>
        Send<PageOf<ZeroResultQuery>>(HttpMethod.Get, $"/api/search/zero-results?page=1&pageSize={Number(pageSize)}", ct);

    /// <summary>Reviews in one moderation state (pending, approved or hidden), newest first.</summary>
    public Task<ApiResult<PageOf<ModerationReview>>> ListReviewsAsync(string status, int page, CancellationToken ct) =>
        Send<PageOf<ModerationReview>>(HttpMethod.Get, "/api/reviews" + QueryString.Create(Query(
            ("status", status), ("page", Number(page)), ("pageSize", "25"))), ct);

    /// <summary>Approves a pending review, or shows a hidden one again (it counts in the rating again).</summary>
    public Task<ApiResult<object>> ApproveReviewAsync(Guid id, CancellationToken ct) => Send<object>(HttpMethod.Post, $"/api/reviews/{id}/approve", ct);

    /// <summary>The catalog's reject: the review leaves the product page and its rating.</summary>
    public Task<ApiResult<object>> HideReviewAsync(Guid id, CancellationToken ct) => Send<object>(HttpMethod.Post, $"/api/reviews/{id}/reject", ct);

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static IEnumerable<KeyValuePair<string, string?>> Query(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value!.Trim()));

    private Task<ApiResult<T>> Send<T>(HttpMethod method, string uri, CancellationToken ct) => Send<T>(new HttpRequestMessage(method, uri), ct);

    private Task<ApiResult<T>> Send<T>(HttpRequestMessage request, CancellationToken ct) => ApiCalls.SendAsync<T>(http, request, logger, ct);
}
