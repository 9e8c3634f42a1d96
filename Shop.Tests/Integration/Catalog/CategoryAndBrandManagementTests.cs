using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Catalog;

[Collection(ShopCollection.Name)]
public sealed class CategoryAndBrandManagementTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenamingOrMovingACategoryOrBrandShowsInTheTreeOnProductPagesAndInSearch()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        using var shopper = shop.CreateStorefrontClient();
        var word = Word();
        var outdoors = await CreateAsync(staff, "/api/categories", new { name = $"Outdoors {word}", slug = $"outdoors-{word}", parent = "outdoor" });
        var kites = await CreateAsync(staff, "/api/categories", new { name = "Kites", slug = $"kites-{word}", parent = $"outdoors-{word}" });
        Assert.Equal($"outdoors-{word}", kites.GetProperty("parent").GetString());
        var brand = await CreateAsync(staff, "/api/brands", new { name = $"Skyward {word}", slug = $"skyward-{word}" });
        var productId = (await StaffCatalog.CreateAsync(staff, Product(word, $"kites-{word}", $"skyward-{word}"), Cancellation)).GetProperty("id").GetGuid();

        Assert.Equal(["Kites"], Children(await TreeAsync(shopper), $"outdoors-{word}"));
        var indexed = Single(await SearchUntilAsync(shopper, $"q={word}", 1));
        Assert.Equal("Kites", indexed.GetProperty("category").GetString());
        Assert.Equal($"Skyward {word}", indexed.GetProperty("brand").GetString());
        Assert.Equal("Kites", (await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation)).GetProperty("category").GetString());

        var beach = await CreateAsync(staff, "/api/categories", new { name = $"Beach {word}", slug = $"beach-{word}", parent = "outdoor" });
        using (var moved = await staff.PutAsJsonAsync($"/api/categories/{kites.GetProperty("id").GetInt32()}",
            new { name = "Stunt Kites", slug = $"stunt-kites-{word}", parent = $"beach-{word}", sortOrder = 1 }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using (var renamed = await staff.PutAsJsonAsync($"/api/brands/{brand.GetProperty("id").GetInt32()}",
            new { name = $"Skyline {word}", slug = $"skyline-{word}" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        var tree = await TreeAsync(shopper);
        Assert.Empty(Children(tree, $"outdoors-{word}"));
        Assert.Equal(["Stunt Kites"], Children(tree, $"beach-{word}"));
        Assert.Contains($"Skyline {word}", (await shopper.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/products/{productId}", Cancellation);
        Assert.Equal("Stunt Kites", page.GetProperty("category").GetString());
        Assert.Equal($"skyline-{word}", page.GetProperty("brandSlug").GetString());

        // The index follows through ProductChanged: the new names, and the new department as a filter.
        var reindexed = await Eventually.WaitForAsync(() => SearchAsync(shopper, $"q={word}&category=beach-{word}"),
            r => r.GetProperty("total").GetInt64() == 1 && Single(r).GetProperty("brand").GetString() == $"Skyline {word}");
        Assert.Equal($"stunt-kites-{word}", Single(reindexed).GetProperty("categorySlug").GetString());
        Assert.Equal(0, (await SearchAsync(shopper, $"q={word}&category=outdoors-{word}")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await SearchAsync(shopper, $"q={word}&brand=skyline-{word}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task BadCategoryAndBrandWritesAreFieldErrorsAndChangeNothing()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();

        Assert.Equal(["name", "slug"], await RefusedAsync(staff.PostAsJsonAsync("/api/categories", new { name = " ", slug = "Not A Slug" }, Cancellation)));
        Assert.Equal(["parent"], await RefusedAsync(staff.PostAsJsonAsync("/api/categories", new { name = "Orphans", slug = $"orphans-{word}", parent = $"nowhere-{word}" }, Cancellation)));
        Assert.Equal(["slug"], await RefusedAsync(staff.PostAsJsonAsync("/api/categories", new { name = $"Tops {word}", slug = "tops", parent = "clothing" }, Cancellation)));
        Assert.Equal(["name"], await RefusedAsync(staff.PostAsJsonAsync("/api/categories", new { name = "tops", slug = $"tops-{word}", parent = "clothing" }, Cancellation)));
        Assert.Equal(["sortOrder"], await RefusedAsync(staff.PostAsJsonAsync("/api/categories", new { name = "Minus", slug = $"minus-{word}", sortOrder = -1 }, Cancellation)));

        var top = await CreateAsync(staff, "/api/categories", new { name = $"Top {word}", slug = $"top-{word}", parent = "home-kitchen" });
        var middle = await CreateAsync(staff, "/api/categories", new { name = "Middle", slug = $"middle-{word}", parent = $"top-{word}" });
        await CreateAsync(staff, "/api/categories", new { name = "Bottom", slug = $"bottom-{word}", parent = $"middle-{word}" });
        var topId = top.GetProperty("id").GetInt32();
        Assert.Equal(["parent"], await RefusedAsync(staff.PutAsJsonAsync($"/api/categories/{topId}", new { name = $"Top {word}", slug = $"top-{word}", parent = $"bottom-{word}" }, Cancellation)));
        Assert.Equal(["parent"], await RefusedAsync(staff.PutAsJsonAsync($"/api/categories/{topId}", new { name = $"Top {word}", slug = $"top-{word}", parent = $"top-{word}" }, Cancellation)));
        Assert.Equal(["name"], await RefusedAsync(staff.PutAsJsonAsync($"/api/categories/{middle.GetProperty("id").GetInt32()}",
            new { name = "Clothing", slug = $"middle-{word}" }, Cancellation)));
        using var shopper = shop.CreateStorefrontClient();
        Assert.Equal(["Middle"], Children(await TreeAsync(shopper), $"top-{word}"));

        Assert.Equal(["name", "slug"], await RefusedAsync(staff.PostAsJsonAsync("/api/brands", new { name = "", slug = "-bad-" }, Cancellation)));
        Assert.Equal(["name"], await RefusedAsync(staff.PostAsJsonAsync("/api/brands", new { name = "NORTHWIND", slug = $"northwind-{word}" }, Cancellation)));
        Assert.Equal(["slug"], await RefusedAsync(staff.PostAsJsonAsync("/api/brands", new { name = $"North {word}", slug = "northwind" }, Cancellation)));
        var brand = await CreateAsync(staff, "/api/brands", new { name = $"Brand {word}", slug = $"brand-{word}" });
        Assert.Equal(["name"], await RefusedAsync(staff.PutAsJsonAsync($"/api/brands/{brand.GetProperty("id").GetInt32()}", new { name = "Ember", slug = $"brand-{word}" }, Cancellation)));
        Assert.Equal(1, (await shopper.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray().Count(b => b.GetProperty("name").GetString() == "Ember"));

        using var noCategory = await staff.PutAsJsonAsync("/api/categories/999999", new { name = "Ghost", slug = "ghost" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, noCategory.StatusCode);
        using var noBrand = await staff.DeleteAsync("/api/brands/999999", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, noBrand.StatusCode);
    }

    [Fact]
    public async Task CategoriesAndBrandsStillInUseCannotBeDeleted()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        var department = await CreateAsync(staff, "/api/categories", new { name = $"Garage {word}", slug = $"garage-{word}", parent = "home-kitchen" });
        var shelf = await CreateAsync(staff, "/api/categories", new { name = "Tools", slug = $"tools-{word}", parent = $"garage-{word}" });
        var brand = await CreateAsync(staff, "/api/brands", new { name = $"Wrench {word}", slug = $"wrench-{word}" });
        await StaffCatalog.CreateAsync(staff, Product(word, $"tools-{word}", $"wrench-{word}"), Cancellation);

        Assert.Equal("category-has-subcategories", await ConflictAsync(staff.DeleteAsync($"/api/categories/{department.GetProperty("id").GetInt32()}", Cancellation)));
        Assert.Equal("category-in-use", await ConflictAsync(staff.DeleteAsync($"/api/categories/{shelf.GetProperty("id").GetInt32()}", Cancellation)));
        Assert.Equal("brand-in-use", await ConflictAsync(staff.DeleteAsync($"/api/brands/{brand.GetProperty("id").GetInt32()}", Cancellation)));
        using var shopper = shop.CreateStorefrontClient();
        Assert.Equal(["Tools"], Children(await TreeAsync(shopper), $"garage-{word}"));

        var empty = await CreateAsync(staff, "/api/categories", new { name = "Empty", slug = $"empty-{word}", parent = $"garage-{word}" });
        var unused = await CreateAsync(staff, "/api/brands", new { name = $"Unused {word}", slug = $"unused-{word}" });
        Assert.Equal(["Empty", "Tools"], Children(await TreeAsync(shopper), $"garage-{word}").Order());
        using (var deleted = await staff.DeleteAsync($"/api/categories/{empty.GetProperty("id").GetInt32()}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deleted = await staff.DeleteAsync($"/api/brands/{unused.GetProperty("id").GetInt32()}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(["Tools"], Children(await TreeAsync(shopper), $"garage-{word}"));
        Assert.DoesNotContain($"unused-{word}", (await shopper.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray().Select(b => b.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task DeletedProductsLetGoOfTheirCategoryAndBrandSoThoseCanBeDeleted()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        var shelf = await CreateAsync(staff, "/api/categories", new { name = $"Shelf {word}", slug = $"shelf-{word}", parent = "home-kitchen" });
        var brand = await CreateAsync(staff, "/api/brands", new { name = $"Retired {word}", slug = $"retired-{word}" });
        var productId = (await StaffCatalog.CreateAsync(staff, Product(word, $"shelf-{word}", $"retired-{word}"), Cancellation)).GetProperty("id").GetGuid();
        using (var deleted = await staff.DeleteAsync($"/api/products/{productId}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deleted = await staff.DeleteAsync($"/api/categories/{shelf.GetProperty("id").GetInt32()}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deleted = await staff.DeleteAsync($"/api/brands/{brand.GetProperty("id").GetInt32()}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var shopper = shop.CreateStorefrontClient();
        Assert.DoesNotContain(Flatten(await TreeAsync(shopper)), c => c.GetProperty("slug").GetString() == $"shelf-{word}");
        Assert.DoesNotContain($"retired-{word}", (await shopper.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray().Select(b => b.GetProperty("slug").GetString()));
        using (var gone = await staff.GetAsync($"/api/products/{productId}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // The product is kept (for its reviews and stock history) without a category or brand, and the database
        // refuses to bring it back so: a product not deleted always has both.
        await using var db = await CatalogTestData.OpenAsync(shop);
        var kept = await db.Products.AsNoTracking().SingleAsync(p => p.Id == productId, Cancellation);
        Assert.NotNull(kept.DeletedAt);
        Assert.Null(kept.CategoryId);
        Assert.Null(kept.BrandId);
        var resurrect = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(set => set.SetProperty(p => p.DeletedAt, (DateTimeOffset?)null), Cancellation));
        Assert.Equal(PostgresErrorCodes.CheckViolation, resurrect.SqlState);
    }

    [Fact]
    public async Task OfConcurrentCreatesWithTheSameNameExactlyOneIsMade()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        await CreateAsync(staff, "/api/categories", new { name = $"Twins {word}", slug = $"twins-{word}", parent = "home-kitchen" });

        // The same name in different capitals, each with a slug of its own: only the name can collide.
        var brands = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => staff.PostAsJsonAsync("/api/brands",
            new { name = i % 2 == 0 ? $"Gemini {word}" : $"GEMINI {word}", slug = $"gemini-{word}-{i}" }, Cancellation)));
        var categories = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => staff.PostAsJsonAsync("/api/categories",
            new { name = i % 2 == 0 ? $"Castor {word}" : $"castor {word}", slug = $"castor-{word}-{i}", parent = $"twins-{word}" }, Cancellation)));

        foreach (var responses in new[] { brands, categories })
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Equal(["name"], StaffCatalog.FieldErrors(await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Distinct().ToList());
            }

            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        using var shopper = shop.CreateStorefrontClient();
        Assert.Single((await shopper.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray(),
            b => string.Equals(b.GetProperty("name").GetString(), $"Gemini {word}", StringComparison.OrdinalIgnoreCase));
        Assert.Single(Children(await TreeAsync(shopper), $"twins-{word}"));
    }

    [Fact]
    public async Task OfTwoCategoriesMovedUnderEachOtherAtOnceOneMovesAndNoLoopIsMade()
    {
        using var staff = await StaffCatalog.StaffClientAsync(shop);
        var word = Word();
        var east = await CreateAsync(staff, "/api/categories", new { name = $"East {word}", slug = $"east-{word}", parent = "home-kitchen" });
        var west = await CreateAsync(staff, "/api/categories", new { name = $"West {word}", slug = $"west-{word}", parent = "home-kitchen" });
        object Move(string name, string slug, string parent) => new { name = $"{name} {word}", slug = $"{slug}-{word}", parent };

        // Each check alone passes (neither is under the other yet); both committing would leave a loop cut off from the tree.
        for (var round = 0; round < 5; round++)
        {
            var moves = await Task.WhenAll(
                staff.PutAsJsonAsync($"/api/categories/{east.GetProperty("id").GetInt32()}", Move("East", "east", $"west-{word}"), Cancellation),
                staff.PutAsJsonAsync($"/api/categories/{west.GetProperty("id").GetInt32()}", Move("West", "west", $"east-{word}"), Cancellation));
            Assert.Single(moves, m => m.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(moves, m => m.StatusCode != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["parent"], StaffCatalog.FieldErrors(await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
            foreach (var move in moves)
            {
                move.Dispose();
            }

            using var shopper = shop.CreateStorefrontClient();
            var tree = Flatten(await TreeAsync(shopper)).Select(c => c.GetProperty("slug").GetString()).ToList();
            Assert.Contains($"east-{word}", tree);
            Assert.Contains($"west-{word}", tree);

            foreach (var (name, slug, id) in new[] { ("East", "east", east), ("West", "west", west) })
            {
                using var back = await staff.PutAsJsonAsync($"/api/categories/{id.GetProperty("id").GetInt32()}", Move(name, slug, "home-kitchen"), Cancellation);
                Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            }
        }
    }

    [Fact]
    public async Task TheDatabaseHoldsNamesUniqueWhateverTheirCaseBrandsEverywhereCategoriesAmongSiblings()
    {
        var word = Word();
        await using var db = await CatalogTestData.OpenAsync(shop);
        // Inside a transaction that is never committed, so no other test sees these departments.
        await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
        db.Categories.Add(new Category($"Department {word}", $"department-{word}"));
        db.Brands.Add(new Brand($"Label {word}", $"label-{word}"));
        await db.SaveChangesAsync(Cancellation);

        // A sub-category may share its name with a department.
        var parent = await db.Categories.SingleAsync(c => c.Slug == $"department-{word}", Cancellation);
        db.Categories.Add(new Category($"Department {word}", $"department-{word}-child", parent.Id));
        await db.SaveChangesAsync(Cancellation);

        foreach (var (twin, index) in new (object, string)[]
        {
            (new Category($"DEPARTMENT {word}", $"department-{word}-twin"), CatalogDbContext.CategoryNameIndex),
            (new Brand($"label {word}", $"label-{word}-twin"), CatalogDbContext.BrandNameIndex),
        })
        {
            await db.Database.ExecuteSqlRawAsync("SAVEPOINT twin", Cancellation);
            db.Add(twin);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancellation));
            Assert.Equal(index, Assert.IsType<PostgresException>(refused.InnerException).ConstraintName);
            db.ChangeTracker.Clear();
            await db.Database.ExecuteSqlRawAsync("ROLLBACK TO SAVEPOINT twin", Cancellation);
        }
    }

    [Fact]
    public async Task OnlyStaffWriteCategoriesAndBrands()
    {
        using var anonymous = shop.CreateStorefrontClient();
        var customer = await Accounts.CustomerAsync(shop, Cancellation);
        using var asCustomer = shop.CreateStorefrontClient().As(customer.AccessToken);
        var word = Word();
        var category = new { name = $"Sneaky {word}", slug = $"sneaky-{word}" };
        var brand = new { name = $"Sneaky {word}", slug = $"sneaky-{word}" };

        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (asCustomer, HttpStatusCode.Forbidden) })
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => client.PostAsJsonAsync("/api/categories", category, Cancellation),
                () => client.PutAsJsonAsync("/api/categories/1", category, Cancellation),
                () => client.DeleteAsync("/api/categories/1", Cancellation),
                () => client.PostAsJsonAsync("/api/brands", brand, Cancellation),
                () => client.PutAsJsonAsync("/api/brands/1", brand, Cancellation),
                () => client.DeleteAsync("/api/brands/1", Cancellation),
            })
            {
                using var response = await request();
                Assert.Equal(expected, response.StatusCode);
            }
        }

        Assert.DoesNotContain(Flatten(await TreeAsync(anonymous)), c => c.GetProperty("slug").GetString() == $"sneaky-{word}");
        Assert.DoesNotContain($"sneaky-{word}", (await anonymous.GetFromJsonAsync<JsonElement>("/api/brands", Cancellation)).EnumerateArray().Select(b => b.GetProperty("slug").GetString()));
    }

    private static object Product(string word, string category, string brand) => new
    {
        name = $"Kite {word}",
        slug = $"kite-{word}",
        description = "A product made for a category test.",
        category,
        brand,
        price = 4500,
        currency = "EUR",
        published = true,
        skus = new[] { new { code = $"KITE-{word}".ToUpperInvariant(), onHand = 3, weightGrams = 400 } },
    };

    private static async Task<JsonElement> CreateAsync(HttpClient staff, string path, object body)
    {
        using var created = await staff.PostAsJsonAsync(path, body, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private static async Task<List<string?>> RefusedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return StaffCatalog.FieldErrors(await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Distinct().Order().ToList();
    }

    private static async Task<string?> ConflictAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString();
    }

    private static async Task<List<JsonElement>> TreeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/categories", Cancellation)).EnumerateArray().ToList();

    /// <summary>The names of the children of the category with this slug, wherever it is in the tree; none when there is none.</summary>
    private static List<string?> Children(List<JsonElement> tree, string slug) =>
        Flatten(tree).Where(c => c.GetProperty("slug").GetString() == slug)
            .SelectMany(c => c.GetProperty("children").EnumerateArray().Select(child => child.GetProperty("name").GetString())).ToList();

    private static IEnumerable<JsonElement> Flatten(IEnumerable<JsonElement> nodes) =>
        nodes.SelectMany(n => Flatten(n.GetProperty("children").EnumerateArray()).Prepend(n));

    private static JsonElement Single(JsonElement searchResult) => Assert.Single(searchResult.GetProperty("items").EnumerateArray());
}
