using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

[Collection(ShopCollection.Name)]
public sealed class SearchTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWordAsTypedRanksAboveACorrectionOfIt()
    {
        var word = Word(8);
        var nearby = word[..3] + (word[3] == 'x' ? 'y' : 'x') + word[4..];
        // The near miss is named first and its word is in the name (weight A), the exact one only in the description.
        await AddProductAsync(shop, $"Desk lamp {nearby}");
        await AddProductAsync(shop, "Reading lamp", $"A warm light, model {word}.");
        using var client = shop.CreateStorefrontClient();

        var result = await SearchUntilAsync(client, $"q={word}", 2);

        Assert.Equal(["Reading lamp", $"Desk lamp {nearby}"], Names(result));
    }

    [Fact]
    public async Task AProductIndexedWithoutACategoryPathStillShowsInResults()
    {
        var word = Word(9);
        var productId = await AddProductAsync(shop, $"Pathless {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);

        // As a full reindex left it when the tree it had read lacked the product's category: the read was a 500.
        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE search_documents SET category_slugs = '{{}}', category_names = '{{}}' WHERE product_id = {productId}", Cancellation);
        }

        foreach (var query in new[] { $"q={word}", $"q={word}&pageSize=5&sort=price-asc" })
        {
            using var response = await client.GetAsync($"/api/search?{query}", Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([$"Pathless {word}"], Names(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
        }
    }

    [Fact]
    public async Task AProductsChangesAreIndexedOneAtATime()
    {
        var word = Word(9);
        var productId = await AddProductAsync(shop, $"Turnstile {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);

        // Another replica at work on this product: the handler waits for it, so it cannot write an older read last.
        await using var other = new Npgsql.NpgsqlConnection(await shop.ConnectionStringAsync("catalogdb"));
        await other.OpenAsync(Cancellation);
        await using var working = await other.BeginTransactionAsync(Cancellation);
        await using (var lockProduct = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({Shop.CatalogApi.Data.AdvisoryLocks.ProductIndexing}, hashtext('{productId}'))", other, working))
        {
            await lockProduct.ExecuteNonQueryAsync(Cancellation);
        }

        await AnnounceAsync(shop, productId, p => p.Unpublish());
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        Assert.Equal(1, (await SearchAsync(client, $"q={word}")).GetProperty("total").GetInt64());

        await working.CommitAsync(Cancellation);
        await SearchUntilAsync(client, $"q={word}", 0);
    }

    [Fact]
    public async Task AMisspeltWordStillFindsWithinItsAllowedEdits()
    {
        var six = Word(6);
        var nine = Word(9);
        await AddProductAsync(shop, $"Kettle {six}");
        await AddProductAsync(shop, $"Teapot {nine}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={six}", 1);
        await SearchUntilAsync(client, $"q={nine}", 1);

        // 4 to 7 letters: one edit; 8 or more: two edits.
        Assert.Equal(["Kettle " + six], Names(await SearchAsync(client, $"q={Swap(six, 2)}")));
        Assert.Equal(["Kettle " + six], Names(await SearchAsync(client, $"q={six[..5]}")));
        Assert.Equal(["Teapot " + nine], Names(await SearchAsync(client, $"q={Swap(Swap(nine, 1), 6)}")));
        Assert.Equal(0, (await SearchAsync(client, $"q={Swap(Swap(six, 1), 4)}")).GetProperty("total").GetInt64());
        // Accents and case do not matter.
        Assert.Equal(["Kettle " + six], Names(await SearchAsync(client, $"q=KÉTTLE {six.ToUpperInvariant()}")));
    }

    [Fact]
    public async Task FacetsCountTheMatchesWithEveryOtherFilterApplied()
    {
        var word = Word();
        var lighting = await AddCategoryAsync(shop, "Lighting");
        var lamps = await AddCategoryAsync(shop, "Lamps", lighting);
        var bulbs = await AddCategoryAsync(shop, "Bulbs", lighting);
        var lumen = await AddBrandAsync(shop, "Lumen");
        var glow = await AddBrandAsync(shop, "Glow");
        await AddProductAsync(shop, $"Floor lamp {word}", category: lamps, brand: lumen, price: 1000);
        await AddProductAsync(shop, $"Table lamp {word}", category: lamps, brand: glow, price: 3000);
        await AddProductAsync(shop, $"Bulb {word}", category: bulbs, brand: lumen, price: 6000);
        await AddProductAsync(shop, $"Draft lamp {word}", category: lamps, brand: lumen, publish: false);
        using var client = shop.CreateStorefrontClient();

        var all = await SearchUntilAsync(client, $"q={word}", 3);
        Assert.Equal(new Dictionary<string, long> { [lighting.Slug] = 3, [lamps.Slug] = 2, [bulbs.Slug] = 1 }, Facet(all, "categories", lighting, lamps, bulbs));
        Assert.Equal(new Dictionary<string, long> { [lumen.Slug] = 2, [glow.Slug] = 1 }, Facet(all, "brands"));
        Assert.Equal([(0L, 2500L, 1L), (2500L, 5000L, 1L), (5000L, 10000L, 1L)], PriceRanges(all));

        var lumenOnly = await SearchAsync(client, $"q={word}&brand={lumen.Slug}");
        Assert.Equal(2, lumenOnly.GetProperty("total").GetInt64());
        // The brand facet ignores the brand filter (so shoppers can add another brand); the others apply it.
        Assert.Equal(new Dictionary<string, long> { [lumen.Slug] = 2, [glow.Slug] = 1 }, Facet(lumenOnly, "brands"));
        Assert.Equal(new Dictionary<string, long> { [lighting.Slug] = 2, [lamps.Slug] = 1, [bulbs.Slug] = 1 }, Facet(lumenOnly, "categories", lighting, lamps, bulbs));
        Assert.Equal([(0L, 2500L, 1L), (5000L, 10000L, 1L)], PriceRanges(lumenOnly));
    }

    [Fact]
    public async Task FiltersAndSortingApply()
    {
        var word = Word();
        var garden = await AddCategoryAsync(shop, "Garden");
        var tools = await AddCategoryAsync(shop, "Tools", garden);
        var spade = await AddBrandAsync(shop, "Spade");
        await AddProductAsync(shop, $"Rake {word}", category: tools, brand: spade, price: 1500);
        await AddProductAsync(shop, $"Hoe {word}", category: tools, price: 4500, onHand: 0);
        await AddProductAsync(shop, $"Bench {word}", category: garden, price: 9000);
        await AddProductAsync(shop, $"Kettle {word}", price: 2500);
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 4);

        Assert.Equal(["Bench " + word, "Hoe " + word, "Rake " + word], Names(await SearchAsync(client, $"q={word}&category={garden.Slug}&sort=price-desc")));
        Assert.Equal(["Rake " + word, "Hoe " + word], Names(await SearchAsync(client, $"q={word}&category={tools.Slug}&sort=price-asc")));
        Assert.Equal(["Rake " + word], Names(await SearchAsync(client, $"q={word}&brand={spade.Slug}")));
        Assert.Equal(["Kettle " + word, "Hoe " + word], Names(await SearchAsync(client, $"q={word}&minPrice=2000&maxPrice=5000&sort=price-asc")));
        Assert.DoesNotContain("Hoe " + word, Names(await SearchAsync(client, $"q={word}&inStock=true")));
        var secondPage = await SearchAsync(client, $"q={word}&sort=price-asc&page=2&pageSize=3");
        Assert.Equal(["Bench " + word], Names(secondPage));
        Assert.Equal(4, secondPage.GetProperty("total").GetInt64());
        // Without words, the filters alone list products, newest first.
        Assert.Equal(["Hoe " + word, "Rake " + word], Names(await SearchAsync(client, $"category={tools.Slug}")));
    }

    [Fact]
    public async Task CategoryListingsSortFilterAndFollowChanges()
    {
        // Category names are unique under one parent, and other tests add categories beside these.
        var garden = await AddCategoryAsync(shop, $"Patio {Word(6)}");
        var tools = await AddCategoryAsync(shop, "Tools", garden);
        var sheds = await AddCategoryAsync(shop, $"Sheds {Word(6)}");
        var spade = await AddBrandAsync(shop, $"Trowel {Word(6)}");
        var rake = await AddProductAsync(shop, "Rake", category: tools, brand: spade, price: 1500);
        await AddProductAsync(shop, "Hoe", category: tools, price: 4500, onHand: 0);
        var bench = await AddProductAsync(shop, "Bench", category: garden, price: 9000);
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"category={garden.Slug}", 3);

        // A department lists its sub-categories' products in every order; its filters apply within it.
        Assert.Equal(["Rake", "Hoe", "Bench"], Names(await SearchAsync(client, $"category={garden.Slug}&sort=price-asc")));
        Assert.Equal(["Bench", "Hoe", "Rake"], Names(await SearchAsync(client, $"category={garden.Slug}&sort=price-desc")));
        Assert.Equal(["Bench", "Hoe", "Rake"], Names(await SearchAsync(client, $"category={garden.Slug}&sort=newest")));
        Assert.Equal(["Hoe", "Rake"], Names(await SearchAsync(client, $"category={tools.Slug}&sort=price-desc")));
        Assert.Equal(["Rake", "Bench"], Names(await SearchAsync(client, $"category={garden.Slug}&inStock=true&sort=price-asc")));
        Assert.Equal(["Rake"], Names(await SearchAsync(client, $"category={garden.Slug}&brand={spade.Slug}&sort=rating")));
        var priced = await SearchAsync(client, $"category={garden.Slug}&minPrice=2000&maxPrice=10000&sort=price-desc");
        Assert.Equal(["Bench", "Hoe"], Names(priced));
        Assert.Equal(2, priced.GetProperty("total").GetInt64());
        var secondPage = await SearchAsync(client, $"category={garden.Slug}&sort=price-asc&page=2&pageSize=2");
        Assert.Equal(["Bench"], Names(secondPage));
        Assert.Equal(3, secondPage.GetProperty("total").GetInt64());

        // A product moved to another category, a new price, a deletion: the listings follow the index.
        await using (var db = await Shop.Tests.Integration.Catalog.CatalogTestData.OpenAsync(shop))
        {
            var product = await db.Products.Include(p => p.Brand).SingleAsync(p => p.Id == rake, Cancellation);
            var shedsCategory = await db.Categories.SingleAsync(c => c.Id == sheds.Id, Cancellation);
            product.Update(product.Name, product.Slug, product.Description, shedsCategory, product.Brand, Money.Of(12000, "EUR"), null, DateTimeOffset.UtcNow);
            db.AddIntegrationEvent(new ProductChanged(rake));
            await db.SaveChangesAsync(Cancellation);
        }

        await DeleteAsync(shop, bench);
        Assert.Equal(["Hoe"], Names(await SearchUntilAsync(client, $"category={garden.Slug}&sort=price-asc", 1)));
        Assert.Equal(["Rake"], Names(await SearchUntilAsync(client, $"category={sheds.Slug}&minPrice=11000&sort=price-desc", 1)));
        Assert.Empty(Names(await SearchAsync(client, $"category={tools.Slug}&brand={spade.Slug}&sort=price-asc")));
    }

    [Fact]
    public async Task SuggestedProductsMatchTheirNamesNotTheirDescriptions()
    {
        var word = Word(9);
        // Two words of the name start with the prefix: the product is suggested once.
        var lantern = await AddProductAsync(shop, $"Lantern {word} {word}x");
        await AddProductAsync(shop, "Candle", description: $"Smells of {word}.");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 2);

        var suggestions = await SuggestedAsync(client, word[..5]);
        Assert.Equal([$"Lantern {word} {word}x"], suggestions);
        Assert.Empty(await SuggestedAsync(client, $"candle {word[..5]}"));

        // A renamed product is suggested by its new name only.
        var renamed = Word(9);
        await using (var db = await Shop.Tests.Integration.Catalog.CatalogTestData.OpenAsync(shop))
        {
            var product = await db.Products.Include(p => p.Category).Include(p => p.Brand).SingleAsync(p => p.Id == lantern, Cancellation);
            product.Update($"Lamp {renamed}", product.Slug, product.Description, product.Category, product.Brand, product.Price, null, DateTimeOffset.UtcNow);
            db.AddIntegrationEvent(new ProductChanged(lantern));
            await db.SaveChangesAsync(Cancellation);
        }

        Assert.Equal([$"Lamp {renamed}"], await Eventually.WaitForAsync(() => SuggestedAsync(client, renamed[..5]), names => names.Count == 1));
        Assert.Empty(await SuggestedAsync(client, word[..5]));
    }

    [Fact]
    public async Task SuggestionsCompleteWhatIsTyped()
    {
        var word = Word(9);
        await AddProductAsync(shop, $"Lantern {word}");
        await AddProductAsync(shop, $"Candle {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 2);

        var suggestions = await client.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={word[..5]}", Cancellation);
        Assert.Contains(word, suggestions.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["Candle " + word, "Lantern " + word],
            suggestions.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());

        var phrase = await client.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q=lantern%20{word[..4]}", Cancellation);
        Assert.Contains($"lantern {word}", phrase.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["Lantern " + word], phrase.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task BeyondTheCountedMatchesTheTotalIsALowerBound()
    {
        var common = Word();
        var rare = Word();
        for (var i = 0; i < ShopAppFixture.CountedMatchesCap + 5; i++)
        {
            await AddProductAsync(shop, $"Mug {common} {i}", price: 1000 + (i * 7 % 13) * 100);
        }

        await AddProductAsync(shop, $"Jug {rare}");
        await AddProductAsync(shop, $"Bowl {rare}");
        using var client = shop.CreateStorefrontClient();

        var capped = await Eventually.WaitForAsync(() => SearchAsync(client, $"q={common}"),
            r => r.GetProperty("totalIsLowerBound").GetBoolean(), TimeSpan.FromSeconds(30));
        Assert.Equal(ShopAppFixture.CountedMatchesCap, capped.GetProperty("total").GetInt64());
        // Sorted by price, the counted matches come in price order.
        var cheapest = await SearchAsync(client, $"q={common}&sort=price-asc&pageSize=10");
        var prices = Prices(cheapest);
        Assert.Equal(10, prices.Count);
        Assert.Equal(prices.Order(), prices);
        Assert.All(Names(cheapest), name => Assert.StartsWith($"Mug {common} ", name));
        Assert.True(cheapest.GetProperty("totalIsLowerBound").GetBoolean());
        var dearest = Prices(await SearchAsync(client, $"q={common}&sort=price-desc&pageSize=10"));
        Assert.Equal(dearest.OrderDescending(), dearest);
        Assert.True(dearest[0] > prices[0]);
        var exact = await SearchUntilAsync(client, $"q={rare}", 2);
        Assert.False(exact.GetProperty("totalIsLowerBound").GetBoolean());

        // Page by page through the counted matches, each item once; past them, no more pages.
        var paged = new List<string>();
        for (var page = 1; page <= (ShopAppFixture.CountedMatchesCap + 9) / 10; page++)
        {
            paged.AddRange(Names(await SearchAsync(client, $"q={common}&sort=price-asc&pageSize=10&page={page}")));
        }

        Assert.Equal(ShopAppFixture.CountedMatchesCap, paged.Distinct().Count());
        Assert.Equal(ShopAppFixture.CountedMatchesCap, paged.Count);
        var past = await SearchAsync(client, $"q={common}&sort=price-asc&pageSize=10&page={(ShopAppFixture.CountedMatchesCap / 10) + 2}");
        Assert.Empty(past.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheIndexFollowsTheCatalogsProductChanges()
    {
        var word = Word();
        var product = await AddProductAsync(shop, $"Stool {word}", publish: false);
        var other = await AddProductAsync(shop, $"Chair {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);
        Assert.Equal(["Chair " + word], Names(await SearchAsync(client, $"q={word}")));

        await AnnounceAsync(shop, product, p => p.Publish());
        Assert.Equal(2, (await SearchUntilAsync(client, $"q={word}", 2)).GetProperty("total").GetInt64());

        await DeleteAsync(shop, other);
        Assert.Equal(["Stool " + word], Names(await SearchUntilAsync(client, $"q={word}", 1)));
    }

    [Fact]
    public async Task TheSeededCatalogIsSearchable()
    {
        using var client = shop.CreateStorefrontClient();
        var result = await SearchAsync(client, "q=merino");
        Assert.True(result.GetProperty("total").GetInt64() > 0);
        // Listings without words count from a summary refreshed every few seconds.
        var listing = await Eventually.WaitForAsync(() => SearchAsync(client, ""), r => Facet(r, "categories").Count >= 12, TimeSpan.FromSeconds(30));
        Assert.True(Facet(listing, "categories").Count >= 12);
    }

    [Fact]
    public async Task StaffSynonymsWidenQueries()
    {
        var word = Word();
        var synonym = Word();
        await AddProductAsync(shop, $"Tee {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);
        Assert.Equal(0, (await SearchAsync(client, $"q={synonym}")).GetProperty("total").GetInt64());

        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        var current = await staff.GetFromJsonAsync<JsonElement>("/api/search/synonyms", Cancellation);
        var groups = current.GetProperty("groups").Deserialize<List<List<string>>>()!;
        groups.Add([synonym, word.ToUpperInvariant()]);
        using var saved = await staff.PutAsJsonAsync("/api/search/synonyms", new { groups }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // Other replicas read synonyms again within seconds.
        Assert.Equal(["Tee " + word], Names(await SearchUntilAsync(client, $"q={synonym}", 1)));
        // The list too, whichever replica answers (each keeps it for seconds).
        static bool HasGroup(JsonElement list, string synonym, string word) => list.GetProperty("groups").EnumerateArray()
            .Any(g => g.EnumerateArray().Select(t => t.GetString()).SequenceEqual([synonym, word]));
        var stored = await Eventually.WaitForAsync(
            () => staff.GetFromJsonAsync<JsonElement>("/api/search/synonyms", Cancellation), list => HasGroup(list, synonym, word), TimeSpan.FromSeconds(30));
        Assert.True(HasGroup(stored, synonym, word));
    }

    [Fact]
    public async Task ZeroResultQueriesAreListedForStaff()
    {
        var word = Word();
        using var client = shop.CreateStorefrontClient();
        await SearchAsync(client, $"q={word}%20lamp");
        await SearchAsync(client, $"q={word.ToUpperInvariant()}%20%20Lamp");

        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/search/zero-results?pageSize=100", Cancellation);
        var entry = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("query").GetString() == $"{word} lamp");
        Assert.Equal(2, entry.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task TheZeroResultListKeepsTheMostAskedRecentQueries()
    {
        var prefix = $"prune-{Word(6)}-";
        var now = DateTimeOffset.UtcNow;
        await using var db = new Shop.CatalogApi.Search.SearchIndexDbContext(
            new DbContextOptionsBuilder<Shop.CatalogApi.Search.SearchIndexDbContext>().UseNpgsql(await shop.ConnectionStringAsync("catalogdb")).Options);
        try
        {
            // A flood of made-up queries, one often asked, one not asked for 91 days.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO search_zero_results (query, count, last_seen_at)
                SELECT {prefix} || n, 1, {now} FROM generate_series(1, {Shop.CatalogApi.Search.ZeroResultRetention.MaxQueries}) AS n
                UNION ALL SELECT {prefix + "often"}, 50, {now}
                UNION ALL SELECT {prefix + "stale"}, 50, {now.AddDays(-91)}
                """, Cancellation);

            await Shop.CatalogApi.Search.ZeroResultRetention.PruneAsync(db, now, Cancellation);

            var kept = await db.ZeroResultQueries.Where(q => q.Query.StartsWith(prefix)).Select(q => q.Query).ToListAsync(Cancellation);
            Assert.Contains(prefix + "often", kept);
            Assert.DoesNotContain(prefix + "stale", kept);
            Assert.True(await db.ZeroResultQueries.CountAsync(Cancellation) <= Shop.CatalogApi.Search.ZeroResultRetention.MaxQueries);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM search_zero_results WHERE query LIKE {prefix + "%"}", CancellationToken.None);
        }
    }

    [Fact]
    public async Task AReindexPicksUpWhatNoEventAnnounced()
    {
        var word = Word();
        await AddProductAsync(shop, $"Vase {word}", announce: false);
        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        Assert.Equal(0, (await SearchAsync(staff, $"q={word}")).GetProperty("total").GetInt64());

        using var reindex = await staff.PostAsync("/api/search/reindex", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, reindex.StatusCode);
        Assert.Equal(["Vase " + word], Names(await SearchUntilAsync(staff, $"q={word}", 1)));
    }

    [Fact]
    public async Task SearchAdministrationNeedsStaff()
    {
        using var anonymous = shop.CreateStorefrontClient();
        using var customer = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);

        foreach (var client in new[] { anonymous, customer })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            using var synonyms = await client.GetAsync("/api/search/synonyms", Cancellation);
            using var replace = await client.PutAsJsonAsync("/api/search/synonyms", new { groups = new[] { new[] { "a", "b" } } }, Cancellation);
            using var zeroResults = await client.GetAsync("/api/search/zero-results", Cancellation);
            using var reindex = await client.PostAsync("/api/search/reindex", null, Cancellation);
            Assert.Equal([expected, expected, expected, expected], new[] { synonyms.StatusCode, replace.StatusCode, zeroResults.StatusCode, reindex.StatusCode });
        }
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=1000&pageSize=20", "page")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=500&maxPrice=100", "maxPrice")]
    [InlineData("minPrice=cheap", "minPrice")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("inStock=maybe", "inStock")]
    public async Task BadSearchParametersAreFieldErrors(string queryString, string field)
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.GetAsync($"/api/search?q=lamp&{queryString}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await FieldsAsync(response));
    }

    [Fact]
    public async Task BadSuggestionsAndSynonymsAreFieldErrors()
    {
        using var client = shop.CreateStorefrontClient();
        using var noPrefix = await client.GetAsync("/api/search/suggest", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, noPrefix.StatusCode);
        Assert.Contains("q", await FieldsAsync(noPrefix));

        using var staff = shop.CreateStorefrontClient().As((await Accounts.AdminAsync(shop)).AccessToken);
        var before = await staff.GetStringAsync("/api/search/synonyms", Cancellation);
        using var badGroups = await staff.PutAsJsonAsync("/api/search/synonyms",
            new { groups = new[] { new[] { "lonely" }, new[] { "ok", "a & b" } } }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badGroups.StatusCode);
        Assert.Contains("groups[0]", await FieldsAsync(badGroups));
        Assert.Equal(before, await staff.GetStringAsync("/api/search/synonyms", Cancellation));
    }

    private static async Task<List<string?>> SuggestedAsync(HttpClient client, string typed) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={Uri.EscapeDataString(typed)}", Cancellation))
            .GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

    private static List<long> Prices(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("price").GetProperty("amount").GetInt64()).ToList();

    private static string Swap(string word, int index) => word[..index] + (word[index] == 'z' ? 'y' : 'z') + word[(index + 1)..];

    private static List<(long From, long? To, long Count)> PriceRanges(JsonElement result) =>
        result.GetProperty("facets").GetProperty("prices").EnumerateArray()
            .Select(p => (p.GetProperty("from").GetInt64(), p.GetProperty("to").ValueKind == JsonValueKind.Null ? (long?)null : p.GetProperty("to").GetInt64(), p.GetProperty("count").GetInt64()))
            .ToList();

    private static async Task<List<string?>> FieldsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();
}
