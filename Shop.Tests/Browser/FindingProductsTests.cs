using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Browser;

/// <summary>Finding products in a real browser: suggestions while typing, and facet filters with their counts.</summary>
[Collection(ShopCollection.Name)]
public sealed class FindingProductsTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TypingAPrefixSuggestsWordsAndProductsAndChoosingAWordShowsItsResults()
    {
        var word = "Quokka" + StaffCatalog.NewTag()[..8];
        var name = $"{word} Trail Jacket";
        await AddProductAsync(word, name, "northwind", 8900);
        using var storefront = shop.CreateStorefrontClient();
        await Eventually.WaitForAsync(
            () => storefront.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={word[..10]}", Cancellation),
            s => s.GetProperty("words").GetArrayLength() > 0, TimeSpan.FromSeconds(30));
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search products" });

        await box.PressSequentiallyAsync(word[..10]);

        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        await Assertions.Expect(suggestions.GetByRole(AriaRole.Option, new() { Name = word.ToLowerInvariant(), Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(suggestions.GetByRole(AriaRole.Option, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await box.PressAsync("Escape");
        await Assertions.Expect(suggestions).ToBeHiddenAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false");

        await box.PressAsync("ArrowDown");
        var first = suggestions.GetByRole(AriaRole.Option).First;
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/search\\?q={word}$", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(word, new() { IgnoreCase = true });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AMisspeltSearchNarrowedByABrandFacetKeepsResultsAndCountsInStep()
    {
        var word = "Wombat" + StaffCatalog.NewTag()[..8];
        await AddProductAsync(word, $"{word} Rain Shell", "northwind", 6900);
        await AddProductAsync(word, $"{word} Wool Hat", "northwind", 2900);
        await AddProductAsync(word, $"{word} Fleece", "fjord-co", 5900);
        using var storefront = shop.CreateStorefrontClient();
        await Eventually.WaitForAsync(
            () => storefront.GetFromJsonAsync<JsonElement>($"/api/search?q={word}", Cancellation),
            r => r.GetProperty("total").GetInt64() == 3, TimeSpan.FromSeconds(30));
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var page = await context.NewPageAsync();
        var misspelt = "Wonbat" + word["Wombat".Length..];

        await page.GotoAsync($"/search?q={misspelt}");

        var results = page.GetByRole(AriaRole.Region, new() { Name = "Results" });
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 results");
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filter products" });
        var northwind = filters.GetByRole(AriaRole.Checkbox, new() { Name = "Northwind 2 products" });
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Fjord & Co 1 product" })).ToBeVisibleAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Radio, new() { Name = "Tops 3 products" })).ToBeVisibleAsync();

        await northwind.CheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("brand=northwind"));
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 results");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"{word} Rain Shell" })).ToBeVisibleAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"{word} Wool Hat" })).ToBeVisibleAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"{word} Fleece" })).ToHaveCountAsync(0);
        // A facet is counted without its own filter (the other brand can still be added), every other facet with it.
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Northwind 2 products" })).ToBeCheckedAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Fjord & Co 1 product" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Radio, new() { Name = "Tops 2 products" })).ToBeVisibleAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Radio, new() { Name = "Under €25" })).ToHaveCountAsync(0);
        await Assertions.Expect(filters.GetByRole(AriaRole.Radio, new() { Name = "€25 to €50 1 product" })).ToBeVisibleAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Radio, new() { Name = "€50 to €100 1 product" })).ToBeVisibleAsync();

        await filters.GetByRole(AriaRole.Radio, new() { Name = "€50 to €100 1 product" }).CheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 result");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"{word} Rain Shell" })).ToBeVisibleAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Northwind 1 product" })).ToBeCheckedAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Fjord & Co 1 product" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TickingTwoAttributeValuesOnACategoryPageShowsEitherAndKeepsBothInTheUrl()
    {
        var tag = StaffCatalog.NewTag();
        var category = $"fits-{tag}";
        var fit = $"fit-{tag}";
        using (var staff = await StaffCatalog.StaffClientAsync(shop))
        {
            using var created = await staff.PostAsJsonAsync("/api/categories", new { name = $"Fits {tag}", slug = category, parent = "clothing" }, Cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        await AddProductAsync(tag, $"Slim Shirt {tag}", "northwind", 4900, category, new Dictionary<string, object> { [fit] = "Slim" });
        await AddProductAsync(tag, $"Relaxed Shirt {tag}", "northwind", 4900, category, new Dictionary<string, object> { [fit] = "Relaxed" });
        await AddProductAsync(tag, $"Loose Shirt {tag}", "fjord-co", 4900, category, new Dictionary<string, object> { [fit] = "Loose" });
        using var storefront = shop.CreateStorefrontClient();
        // The listing's attribute counts come from the summary, refreshed within seconds of the index's change.
        await Eventually.WaitForAsync(
            () => storefront.GetFromJsonAsync<JsonElement>($"/api/search?category={category}", Cancellation),
            r => r.GetProperty("total").GetInt64() == 3 && r.GetProperty("facets").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("name").GetString() == fit)
                .SelectMany(a => a.GetProperty("values").EnumerateArray()).Sum(v => v.GetProperty("count").GetInt64()) == 3,
            TimeSpan.FromSeconds(60));
        await using var context = await StorefrontBrowser.NewContextAsync(shop);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/c/{category}");

        var results = page.GetByRole(AriaRole.Region, new() { Name = "Products" });
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 products");
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filter products" });
        var fits = filters.GetByRole(AriaRole.Group, new() { Name = $"Fit {tag}" });
        await fits.GetByRole(AriaRole.Checkbox, new() { Name = "Slim 1 product" }).CheckAsync();
        await fits.GetByRole(AriaRole.Checkbox, new() { Name = "Relaxed 1 product" }).CheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"attr\\.{fit}=slim.*attr\\.{fit}=relaxed|attr\\.{fit}=relaxed.*attr\\.{fit}=slim"));
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 products");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"Loose Shirt {tag}" })).ToHaveCountAsync(0);
        // The attribute's own counts ignore its filter, so the third fit can still be added; the brands apply it.
        await Assertions.Expect(fits.GetByRole(AriaRole.Checkbox, new() { Name = "Slim 1 product" })).ToBeCheckedAsync();
        await Assertions.Expect(fits.GetByRole(AriaRole.Checkbox, new() { Name = "Loose 1 product" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Northwind 2 products" })).ToBeVisibleAsync();
        await Assertions.Expect(filters.GetByRole(AriaRole.Checkbox, new() { Name = "Fjord & Co" })).ToHaveCountAsync(0);

        await fits.GetByRole(AriaRole.Checkbox, new() { Name = "Slim 1 product" }).UncheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 product");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = $"Relaxed Shirt {tag}" })).ToBeVisibleAsync();
        Assert.DoesNotContain("=slim", page.Url, StringComparison.Ordinal);

        // The applied filter's chip takes it away again.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Applied filters" }).GetByRole(AriaRole.Link, new() { Name = $"Remove filter Fit {tag}: Relaxed" }).ClickAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 products");
    }

    /// <summary>A published product with one size, in Tops unless said, made through the staff API (which announces it to search).</summary>
    private async Task AddProductAsync(string word, string name, string brand, long price, string category = "tops", Dictionary<string, object>? attributes = null)
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        await StaffCatalog.CreateAsync(staff, new
        {
            name,
            slug = $"{word.ToLowerInvariant()}-{tag}",
            description = "Made for a storefront test.",
            category,
            brand,
            price,
            currency = "EUR",
            attributes = attributes ?? [],
            published = true,
            skus = new[] { new { code = $"FIND-{tag}".ToUpperInvariant(), options = new Dictionary<string, string> { ["size"] = "M" }, onHand = 5, weightGrams = 300 } },
        }, Cancellation);
    }
}
