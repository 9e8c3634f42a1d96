using System.Net;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration;

/// <summary>
/// PostgreSQL cannot keep the NUL character in text. A JSON body with one in any string is refused as it is read:
/// 400 naming the field, where it used to reach a lookup or an insert and end as a 500.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class NulCharacterTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/users", """{"email":"a\u0000b@example.com","password":"Correct-Horse-9"}""", "email")]
    [InlineData("/api/auth/password-reset", """{"email":"a\u0000b@example.com"}""", "email")]
    [InlineData("/api/orders", """{"basketId":"a\u0000b","email":"a@example.com","shippingMethod":"standard","shippingAddress":{"name":"A","line1":"B","city":"C","postalCode":"1","country":"DE"}}""", "basketId")]
    [InlineData("/api/orders", """{"basketId":"abc","email":"a@example.com","shippingMethod":"standard","shippingAddress":{"name":"A\u0000","line1":"B","city":"C","postalCode":"1","country":"DE"}}""", "shippingAddress.name")]
    [InlineData("/api/payments/test-gateway/confirm", """{"clientSecret":"tp_a\u0000_secret_b","cardNumber":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"123"}""", "clientSecret")]
    public async Task AStringWithNulIs400NamingTheField(string path, string body, string field)
    {
        using var client = shop.CreateStorefrontClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("name").GetString());
        Assert.Contains("NUL", error.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("/api/products?text=a%00b", "text")]
    [InlineData("/api/products?attr.color=red%00", "attr.color")]
    [InlineData("/api/search?q=tee&category=x%00", "category")]
    [InlineData("/api/search?q=tee&brand=x%00", "brand")]
    [InlineData("/api/search/suggest?q=te%00", "q")]
    public async Task AQueryOrPathWithNulIs400NamingIt(string path, string field)
    {
        using var client = shop.CreateStorefrontClient();

        using var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("name").GetString());
        Assert.Contains("NUL", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ASignInOrServiceTokenRequestWithNulIs400()
    {
        using var client = shop.CreateStorefrontClient();

        // The form reader refuses it before the sign-in could look the name up.
        using var signIn = await Identity.Accounts.RequestTokenAsync(client, ("grant_type", "password"), ("username", "a\0b@example.com"), ("password", "x"));
        using var service = await Identity.Accounts.RequestTokenAsync(client, ("grant_type", "client_credentials"), ("client_id", "a\0b"), ("client_secret", "x"));

        foreach (var response in new[] { signIn, service })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("unreadable-request", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task APathWithNulIs400()
    {
        using var client = shop.CreateStorefrontClient();

        // The server refuses it before any code of ours reads it.
        using var response = await client.GetAsync("/api/products/tee%00", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ABasketLineWithNulInItsSkuIs400()
    {
        using var client = shop.CreateStorefrontClient();
        using var created = await client.PostAsync("/api/baskets", null, Cancellation);
        var basketId = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("id").GetString();

        using var response = await client.PostAsync($"/api/baskets/{basketId}/items",
            new StringContent("""{"sku":"MUG\u0000","quantity":1}""", Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
