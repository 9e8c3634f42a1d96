using System.Net;
using System.Text.RegularExpressions;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Storefront;

/// <summary>What a browser can send the storefront's pages and forms that they did not expect: each is shown as a page, never an error page.</summary>
[Collection(ShopCollection.Name)]
public sealed partial class StorefrontInputTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LenientAPageCannotReadAreIgnored()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var shopper = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        foreach (var path in new[]
        {
            $"/p/{product.Slug}?image=x", $"/p/{product.Slug}?reviews=9999999999", "/account/confirm-email?userId=abc&token=t",
            "/account/reset-password?userId=abc&token=t",
        })
        {
            using var page = await shopper.GetAsync(path, Cancellation);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
        }

        using var staff = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await StorefrontForms.SignInAsync(staff, "admin@shop.local", await Accounts.AdminPasswordAsync(shop), Cancellation);
        foreach (var path in new[]
        {
            "/account?page=abc", "/admin?days=x", "/admin/orders?from=soon&to=later&page=x", "/admin/products?page=x", "/admin/customers?page=x",
            "/admin/stock?threshold=x&page=x", "/admin/staff?adminPage=x&staffPage=x", $"/admin/skus/{product.Skus[0]}?page=x",
        })
        {
            using var page = await staff.GetAsync(path, Cancellation);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
        }
    }

    [Fact]
    public async Task AnEmptyQuantityAddsOneAndLeavesALineAsItWas()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        var fields = await StorefrontForms.HiddenFieldsAsync(client, $"/p/{product.Slug}", Cancellation);
        fields["Sku"] = product.Skus[0];
        fields["Quantity"] = "";

        using var added = await client.PostAsync("/basket/add", new FormUrlEncodedContent(fields), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var basket = await client.GetStringAsync("/basket", Cancellation);
        Assert.Contains(product.Skus[0], basket);

        var line = await StorefrontForms.HiddenFieldsAsync(client, "/basket", Cancellation);
        line["Sku"] = product.Skus[0];
        line["Quantity"] = "";
        line["Action"] = "update";
        using var changed = await client.PostAsync("/basket/lines", new FormUrlEncodedContent(line), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains(product.Skus[0], await client.GetStringAsync("/basket", Cancellation));
    }

    [Fact]
    public async Task ACheckoutRefusedForItsDiscountCodeIsPlacedOnceTheCodeIsCleared()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = await GuestWithBasketAsync(product.Slug, product.Skus[0]);
        var form = await ReviewStepAsync(client, "refused-then-placed@example.com");
        form["Form.DiscountCode"] = "NO-SUCH-CODE";

        var refused = await PostCheckoutAsync(client, form);
        Assert.Contains("This code does not exist.", refused);

        // As the shopper does: the page as it came back, the code cleared, "Place order" again.
        var again = StorefrontForms.HiddenFields(refused);
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("Form.", StringComparison.Ordinal) && !again.ContainsKey(f.Key)))
        {
            again[name] = value;
        }

        again["Form.DiscountCode"] = "";
        again["Form.Step"] = "3";
        again["Form.Action"] = "place";
        var placed = await PostCheckoutAsync(client, again);
        Assert.DoesNotContain("Idempotency-Key", placed);
        Assert.Contains("Card number", placed);
    }

    [Fact]
    public async Task CardDetailsRefusedByThePageAreNotSentBack()
    {
        var product = await StoreTestData.AddProductWithSizesAsync(shop);
        using var client = await GuestWithBasketAsync(product.Slug, product.Skus[0]);
        var form = await ReviewStepAsync(client, "card-kept@example.com");

        var payment = StorefrontForms.HiddenFields(await PostCheckoutAsync(client, form));
        payment["Form.Action"] = "pay";
        payment["Form.CardNumber"] = "5555 5555 5555 4444";
        payment["Form.ExpiryMonth"] = "13";
        payment["Form.ExpiryYear"] = "2099";
        payment["Form.Cvc"] = "987";

        var refused = await PostCheckoutAsync(client, payment);
        Assert.Contains("Enter the month as two digits", refused);
        Assert.DoesNotContain("5555 5555 5555 4444", refused);
        Assert.DoesNotMatch(Cvc(), refused);
    }

    private async Task<HttpClient> GuestWithBasketAsync(string slug, string sku)
    {
        var client = StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        var fields = await StorefrontForms.HiddenFieldsAsync(client, $"/p/{slug}", Cancellation);
        fields["Sku"] = sku;
        fields["Quantity"] = "1";
        using var added = await client.PostAsync("/basket/add", new FormUrlEncodedContent(fields), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return client;
    }

    /// <summary>The checkout form at its review step, as a guest fills it in, with "Place order" pressed.</summary>
    private static async Task<Dictionary<string, string>> ReviewStepAsync(HttpClient client, string email)
    {
        var form = await StorefrontForms.HiddenFieldsAsync(client, "/checkout", Cancellation);
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Form.Step"] = "3", ["Form.Email"] = email, ["Form.Name"] = "Grace Hopper", ["Form.Line1"] = "1 Harbour Road",
            ["Form.PostalCode"] = "10115", ["Form.City"] = "Berlin", ["Form.Country"] = "DE", ["Form.ShippingMethod"] = "standard", ["Form.Action"] = "place",
        })
        {
            form[name] = value;
        }

        return form;
    }

    private static async Task<string> PostCheckoutAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var response = await client.PostAsync("/checkout", new FormUrlEncodedContent(form), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    [GeneratedRegex("value=\"987\"")]
    private static partial Regex Cvc();
}
