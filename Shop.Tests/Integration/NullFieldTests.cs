using System.Net;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration;

/// <summary>
/// A JSON <c>null</c> reaches a field the code takes for a non-null string or list. Each must be a 400 naming that
/// field, never a 500 from a rule that read the value after "must not be empty" had already failed.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class NullFieldTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public enum Caller
    {
        Anonymous,
        Customer,
        Admin,
    }

    [Theory]
    [InlineData(Caller.Anonymous, "/api/users", """{"email":null,"password":"Correct-Horse-9-battery"}""", "email")]
    [InlineData(Caller.Anonymous, "/api/auth/password-reset", """{"email":null}""", "email")]
    [InlineData(Caller.Anonymous, "/api/payments/test-gateway/confirm", """{"clientSecret":"tp_a_secret_b","cardNumber":null,"expiryMonth":12,"expiryYear":2099,"cvc":"123"}""", "cardNumber")]
    [InlineData(Caller.Customer, "/api/baskets/mine/merge", """{"guestBasketId":null}""", "guestBasketId")]
    [InlineData(Caller.Customer, "/api/users/me/addresses", """{"kind":"shipping","name":"A","line1":"1 Road","city":"Town","postalCode":"12345","country":null}""", "country")]
    [InlineData(Caller.Customer, "/api/orders/00000000-0000-0000-0000-000000000001/returns", """{"lines":null,"reason":"Too small"}""", "lines")]
    [InlineData(Caller.Admin, "/api/brands", """{"name":null,"slug":"null-name"}""", "name")]
    [InlineData(Caller.Admin, "/api/categories", """{"name":null,"slug":"null-name"}""", "name")]
    [InlineData(Caller.Admin, "/api/promotions", """{"code":"NULLKIND","description":"x","kind":null,"value":10,"currency":"EUR"}""", "kind")]
    [InlineData(Caller.Customer, "/api/orders/00000000-0000-0000-0000-000000000001/returns", """{"lines":[null],"reason":"Too small"}""", "lines")]
    [InlineData(Caller.Admin, "/api/promotions", """{"code":"NULLDESCRIPTION","description":null,"kind":"percentage","value":10,"currency":"EUR"}""", "description")]
    [InlineData(Caller.Admin, "/api/promotions", """{"code":"NULLCURRENCY","description":"x","kind":"percentage","value":10,"currency":null}""", "currency")]
    [InlineData(Caller.Admin, "/api/products", """{"name":"Null attributes","slug":"null-attributes","category":"c","brand":"b","price":100,"currency":"EUR","attributes":null}""", "attributes")]
    [InlineData(Caller.Admin, "/api/products", """{"name":"Null variant","slug":"null-variant","category":"c","brand":"b","price":100,"currency":"EUR","skus":[null],"published":true}""", "skus")]
    [InlineData(Caller.Admin, "/api/products", """{"name":"Null option","slug":"null-option","category":"c","brand":"b","price":100,"currency":"EUR","skus":[{"code":"NULL-OPTION","options":{"size":null}}]}""", "skus[0].options[0]")]
    public async Task ANullFieldIs400NamingIt(Caller caller, string path, string body, string field)
    {
        using var client = shop.CreateStorefrontClient();
        if (caller != Caller.Anonymous)
        {
            client.As((caller == Caller.Admin ? await Accounts.AdminAsync(shop) : await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        }

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        Assert.Contains(field, problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }
}
