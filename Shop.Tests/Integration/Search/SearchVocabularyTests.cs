using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// The words offered as completions and typo corrections are the words of the products in the index: a product
/// unpublished, deleted or renamed takes its words with it (unless another product has them too), so shoppers are
/// never steered to a word that finds nothing, nor shown the name of a product no longer on sale.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class SearchVocabularyTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnpublishedProductsWordIsNoLongerOffered()
    {
        var word = Word(9);
        var product = await AddProductAsync(shop, $"Kettle {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);
        Assert.Contains(word, await CompletionsAsync(client, word[..5]));
        Assert.Equal(["Kettle " + word], Names(await SearchAsync(client, $"q={Misspelt(word)}")));

        await AnnounceAsync(shop, product, p => p.Unpublish());

        await SearchUntilAsync(client, $"q={word}", 0);
        Assert.DoesNotContain(word, await CompletionsAsync(client, word[..5]));
        Assert.Null(await DocumentCountAsync(word));
    }

    [Fact]
    public async Task ARenamedProductsOldWordGoesAndItsNewWordComes()
    {
        var before = Word(9);
        var after = Word(9);
        var product = await AddProductAsync(shop, $"Lamp {before}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={before}", 1);
        Assert.Contains(before, await CompletionsAsync(client, before[..5]));

        await using (var db = await CatalogTestData.OpenAsync(shop))
        {
            var lamp = await db.Products.Include(p => p.Category).Include(p => p.Brand).SingleAsync(p => p.Id == product, Cancellation);
            lamp.Update($"Lamp {after}", lamp.Slug, lamp.Description, lamp.Category, lamp.Brand, lamp.Price, null, DateTimeOffset.UtcNow);
            db.AddIntegrationEvent(new ProductChanged(product));
            await db.SaveChangesAsync(Cancellation);
        }

        await SearchUntilAsync(client, $"q={after}", 1);
        Assert.Contains(after, await CompletionsAsync(client, after[..5]));
        Assert.Equal(["Lamp " + after], Names(await SearchAsync(client, $"q={Misspelt(after)}")));
        Assert.DoesNotContain(before, await CompletionsAsync(client, before[..5]));
        Assert.Null(await DocumentCountAsync(before));
        Assert.Equal(1, await DocumentCountAsync(after));
    }

    [Fact]
    public async Task AWordStaysWhileAProductStillHasIt()
    {
        var word = Word(9);
        var mug = await AddProductAsync(shop, $"Mug {word}");
        await AddProductAsync(shop, $"Cup {word}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 2);
        Assert.Equal(2, await DocumentCountAsync(word));

        await DeleteAsync(shop, mug);

        await SearchUntilAsync(client, $"q={word}", 1);
        Assert.Contains(word, await CompletionsAsync(client, word[..5]));
        Assert.Equal(["Cup " + word], Names(await SearchAsync(client, $"q={Misspelt(word)}")));
        Assert.Equal(1, await DocumentCountAsync(word));
    }

    [Fact]
    public async Task WordsOfRemovedProductsNoLongerCrowdOutCorrections()
    {
        // A misspelling one edit from five words and two from a sixth: corrections take the closest five
        // (Search:MaxCorrectionsPerWord), so the sixth is found only once the five are gone with their products.
        var typed = Word(9);
        var closer = "aeiou".Select(vowel => typed[..7] + vowel + typed[8..]).ToList();
        var further = typed[..1] + 'y' + typed[2..5] + 'y' + typed[6..];
        var removed = new List<Guid>();
        foreach (var word in closer)
        {
            removed.Add(await AddProductAsync(shop, $"Jug {word}"));
        }

        await AddProductAsync(shop, $"Teapot {further}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={further}", 1);
        await SearchUntilAsync(client, $"q={typed}", closer.Count);

        foreach (var product in removed)
        {
            await DeleteAsync(shop, product);
        }

        await Eventually.WaitForAsync(() => Task.WhenAll(closer.Select(DocumentCountAsync)), counts => counts.All(c => c is null));
        Assert.Equal(["Teapot " + further], Names(await SearchAsync(client, $"q={typed}")));
    }

    /// <summary>Two letters changed: within a 9-letter word's allowed edits.</summary>
    private static string Misspelt(string word) => word[..2] + 'y' + word[3..6] + 'y' + word[7..];

    private static async Task<List<string?>> CompletionsAsync(HttpClient client, string typed) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={Uri.EscapeDataString(typed)}", Cancellation))
            .GetProperty("words").EnumerateArray().Select(w => w.GetString()).ToList();

    /// <summary>How many indexed products have the word, as the vocabulary counts them; null when it has no row.</summary>
    private async Task<int?> DocumentCountAsync(string word)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        return await db.Database
            .SqlQuery<int?>($"SELECT document_count AS \"Value\" FROM search_vocabulary WHERE word = {word}")
            .SingleOrDefaultAsync(Cancellation);
    }
}
