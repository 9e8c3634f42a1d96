using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Integration.Basket;

/// <summary>
/// Adds through the storefront: refusals name the rule broken and change nothing, and prices of any size stay exact.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class BasketAddTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddsOverThePerLineLimitOrTheStockAreRefusedWithTheirFieldAndChangeNothing()
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 50);
        var scarce = await CatalogTestData.AddSkuAsync(shop, onHand: 3);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 8 }, Cancellation);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = scarce, quantity = 2 }, Cancellation);

        using var overLimit = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 3 }, Cancellation);
        using var overStock = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku = scarce, quantity = 2 }, Cancellation);

        Assert.Equal((HttpStatusCode.BadRequest, "quantity"), await RefusalAsync(overLimit));
        Assert.Equal((HttpStatusCode.Conflict, "stock"), await RefusalAsync(overStock));
        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        Assert.Equal(8, Quantity(basket, sku));
        Assert.Equal(2, Quantity(basket, scarce));
    }

    // The request's own rules are checked in the endpoint, not by a validator: the answers must stay what they were.
    [Theory]
    [InlineData("""{"sku":"","quantity":0}""", "sku: 'sku' must not be empty. | quantity: 'quantity' must be greater than or equal to '1'.")]
    [InlineData("""{"sku":null}""", "sku: 'sku' must not be empty.")]
    [InlineData("""{"quantity":2}""", "sku: 'sku' must not be empty.")]
    [InlineData("""{"sku":"   ","quantity":-3}""", "sku: 'sku' must not be empty. | quantity: 'quantity' must be greater than or equal to '1'.")]
    [InlineData("""{"sku":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","quantity":1}""",
        "sku: The length of 'sku' must be 64 characters or fewer. You entered 65 characters.")]
    public async Task AnAddWithBadFieldsIsAProblemNamingEachFieldAndReasonAndChangesNothing(string body, string errors)
    {
        var sku = await CatalogTestData.AddSkuAsync(shop, onHand: 5);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);
        await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
        var before = await client.GetStringAsync($"/api/baskets/{basketId}", Cancellation);

        using var refused = await client.PostAsync($"/api/baskets/{basketId}/items", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errors, await ErrorsAsync(refused));
        Assert.Equal(before, await client.GetStringAsync($"/api/baskets/{basketId}", Cancellation));
    }

    [Fact]
    public async Task ATooLongDiscountCodeIsAProblemNamingTheField()
    {
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);

        using var refused = await client.GetAsync($"/api/baskets/{basketId}?discountCode={new string('A', 65)}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("discountCode: The length of 'discount Code' must be 64 characters or fewer. You entered 65 characters.", await ErrorsAsync(refused));
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return string.Join(" | ", problem.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("name").GetString()}: {e.GetProperty("reason").GetString()}"));
    }

    // A price beyond what a double holds exactly in 14 digits must reach the basket unrounded.
    [Fact]
    public async Task APriceBeyondFourteenDigitsStaysExactInTheBasketAndItsOtherLines()
    {
        const long price = 123_456_789_012_345;
        var dear = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: price);
        var cheap = await CatalogTestData.AddSkuAsync(shop, onHand: 5, price: 1999);
        using var client = shop.CreateStorefrontClient();
        var basketId = await BasketTests.NewGuestBasketAsync(client);

        foreach (var sku in new[] { dear, cheap, dear })
        {
            using var added = await client.PostAsJsonAsync($"/api/baskets/{basketId}/items", new { sku, quantity = 1 }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var basket = await client.GetFromJsonAsync<JsonElement>($"/api/baskets/{basketId}", Cancellation);
        var line = basket.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == dear);
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(price, line.GetProperty("unitPrice").GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("priceChangedFrom").ValueKind);
        Assert.Equal(2 * price + 1999, basket.GetProperty("subtotal").GetProperty("amount").GetInt64());
    }

    private static async Task<(HttpStatusCode Status, string? Field)> RefusalAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (response.StatusCode, problem.GetProperty("errors").EnumerateArray().First().GetProperty("name").GetString());
    }

    private static int Quantity(JsonElement basket, string sku) =>
        basket.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku).GetProperty("quantity").GetInt32();
}
