using System.Net;
using Microsoft.EntityFrameworkCore;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// Searches with words in relevance order and no narrowing filter: the facets and the page come from one read of the
/// counted matches, and identical searches at the same moment are answered by one computation.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class WordsSearchTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesOfAWordSearchWalkItsRankedMatchesAndCarryItsFacets()
    {
        var word = Word();
        var cheap = await AddBrandAsync(shop, "Cheapo");
        var dear = await AddBrandAsync(shop, "Dearo");
        // The word in the name (weight A) ranks above the word only in the description.
        await AddProductAsync(shop, $"Vase {word}", brand: cheap, price: 1000);
        await AddProductAsync(shop, $"Urn {word}", brand: cheap, price: 3000);
        await AddProductAsync(shop, $"Jar {word}", brand: dear, price: 6000, onHand: 0);
        await AddProductAsync(shop, "Pot", $"Holds {word} and more.", brand: dear, price: 6000);
        await AddProductAsync(shop, "Tub", $"Also {word}.", brand: dear, price: 12000);
        using var client = shop.CreateStorefrontClient();

        var all = await SearchUntilAsync(client, $"q={word}&pageSize=10", 5);
        var ranked = Names(all);
        Assert.Equal(5, ranked.Count);
        Assert.Equal(["Pot", "Tub"], ranked.Skip(3).Order());
        var paged = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await SearchAsync(client, $"q={word}&pageSize=2&page={page}");
            Assert.Equal(5, result.GetProperty("total").GetInt64());
            Assert.False(result.GetProperty("totalIsLowerBound").GetBoolean());
            Assert.Equal(new Dictionary<string, long> { [cheap.Slug] = 2, [dear.Slug] = 3 }, Facet(result, "brands"));
            Assert.Equal([(0L, 2500L, 1L), (2500L, 5000L, 1L), (5000L, 10000L, 2L), (10000L, 20000L, 1L)], PriceRanges(result));
            paged.AddRange(Names(result));
        }

        Assert.Equal(ranked, paged);
        // Stock is not a facet: in-stock searches count only what is in stock.
        var inStock = await SearchAsync(client, $"q={word}&inStock=true&pageSize=10");
        Assert.Equal(4, inStock.GetProperty("total").GetInt64());
        Assert.DoesNotContain($"Jar {word}", Names(inStock));
        Assert.Equal(new Dictionary<string, long> { [cheap.Slug] = 2, [dear.Slug] = 2 }, Facet(inStock, "brands"));
    }

    [Fact]
    public async Task SearchesAtTheSameMomentGetTheirOwnAnswers()
    {
        var first = Word();
        var second = Word();
        await AddProductAsync(shop, $"Lamp {first}");
        await AddProductAsync(shop, $"Rug {second}");
        await AddProductAsync(shop, $"Mat {second}");
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={first}", 1);
        await SearchUntilAsync(client, $"q={second}", 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var word = i % 2 == 0 ? first : second;
            return (Word: word, Names: Names(await SearchAsync(client, $"q={word}")));
        }));

        Assert.All(answers, a => Assert.Equal(a.Word == first ? 1 : 2, a.Names.Count));
        Assert.All(answers, a => Assert.All(a.Names, name => Assert.EndsWith(a.Word, name)));
    }

    /// <summary>
    /// The tests' catalog runs one search at a time per replica (<see cref="ShopAppFixture.ConcurrentSearches"/>), so
    /// these wait for their turns: searches with words, with a typo, listings and suggestions, all answered in full.
    /// </summary>
    [Fact]
    public async Task SearchesBeyondTheTurnsWaitAndEachGetsItsOwnAnswer()
    {
        var words = Enumerable.Range(0, 8).Select(_ => Word()).ToList();
        foreach (var word in words)
        {
            await AddProductAsync(shop, $"Kettle {word}");
        }

        using var client = shop.CreateStorefrontClient();
        // The replicas take the catalog's events from one queue, so a product added earlier may be indexed after
        // the last one: each word is waited for (with a page size the searches below do not ask for, so they still
        // compute their answers rather than find them kept from here).
        foreach (var word in words)
        {
            await SearchUntilAsync(client, $"q={word}&pageSize=1", 1);
        }

        var searches = words.SelectMany(word => new[]
        {
            (Word: word, Query: $"q={word}"),
            (Word: word, Query: $"q={word[..3]}a{word[4..]}&inStock=true"),
            (Word: word, Query: $"q={word}&sort=price-asc&pageSize=5"),
        }).ToList();
        var answers = await Task.WhenAll(searches.Select(async s => (s.Word, Names: Names(await SearchAsync(client, s.Query)))));
        var suggestions = await Task.WhenAll(words.Select(async word =>
        {
            using var response = await client.GetAsync($"/api/search/suggest?q={word}", Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (Word: word, Body: await response.Content.ReadAsStringAsync(Cancellation));
        }));

        Assert.All(answers, a => Assert.Equal([$"Kettle {a.Word}"], a.Names));
        Assert.All(suggestions, s => Assert.Contains($"Kettle {s.Word}", s.Body));
    }

    [Fact]
    public async Task ACommonWordsAnswerIsStoredForItsIndexVersionAndFollowsTheCatalog()
    {
        var word = Word();
        var brand = await AddBrandAsync(shop, "Commono");
        var products = new List<Guid>();
        for (var i = 0; i < ShopAppFixture.CountedMatchesCap + 5; i++)
        {
            products.Add(await AddProductAsync(shop, $"Mug {word} {i}", brand: brand, price: 1000 + i));
        }

        using var client = shop.CreateStorefrontClient();
        await Eventually.WaitForAsync(() => SearchAsync(client, $"q={word}"),
            r => r.GetProperty("totalIsLowerBound").GetBoolean(), TimeSpan.FromSeconds(30));

        // Other tests change the index all the time (each change starts a new version, and the facet summary's
        // refresh drops older versions' answers): search until the answer is seen stored right after it was given.
        var (answer, stored) = await Eventually.WaitForAsync(async () =>
        {
            var result = await SearchAsync(client, $"q={word}&pageSize=5");
            return (Result: result, Stored: await StoredAnswersAsync(word));
        }, r => r.Stored > 0, TimeSpan.FromSeconds(60));
        Assert.True(stored > 0);
        Assert.True(answer.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(ShopAppFixture.CountedMatchesCap, answer.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [brand.Slug] = ShopAppFixture.CountedMatchesCap }, Facet(answer, "brands"));
        Assert.Equal([(0L, 2500L, (long)ShopAppFixture.CountedMatchesCap)], PriceRanges(answer));
        Assert.Equal(5, Names(answer).Count);
        Assert.All(Names(answer), name => Assert.StartsWith($"Mug {word} ", name));

        // Fewer matches than are counted: the next answer counts them all, the stored one is not given again.
        foreach (var product in products.Take(6))
        {
            await DeleteAsync(shop, product);
        }

        var exact = await SearchUntilAsync(client, $"q={word}&pageSize=5", ShopAppFixture.CountedMatchesCap - 1);
        Assert.False(exact.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(new Dictionary<string, long> { [brand.Slug] = ShopAppFixture.CountedMatchesCap - 1 }, Facet(exact, "brands"));
    }

    [Fact]
    public async Task NoAnswerIsStoredWhileTheStoredAnswersAreAtTheirLimit()
    {
        var word = Word();
        for (var i = 0; i <= ShopAppFixture.CountedMatchesCap; i++)
        {
            await AddProductAsync(shop, $"Bowl {word} {i}", price: 1000 + i);
        }

        using var client = shop.CreateStorefrontClient();
        var filler = $"~limit {Guid.NewGuid():N} ";
        await using var db = await CatalogTestData.OpenAsync(shop);
        // Rows of a version that is never current: served to nobody, dropped by no refresh, removed below.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_common_answers (key, index_version, answer)
            SELECT {filler} || g, {long.MaxValue}, '\x7b7d'::bytea FROM generate_series(1, {ShopAppFixture.StoredAnswerLimit}) g
            """, TestContext.Current.CancellationToken);
        try
        {
            // Stores count themselves; rows written otherwise are counted by the next refresh of the facet summary.
            await Eventually.WaitForAsync(KeptCountAsync, n => n >= ShopAppFixture.StoredAnswerLimit, TimeSpan.FromSeconds(30));
            await Eventually.WaitForAsync(() => SearchAsync(client, $"q={word}"),
                r => r.GetProperty("totalIsLowerBound").GetBoolean(), TimeSpan.FromSeconds(30));
            Assert.Equal(0, await StoredAnswersAsync(word));
        }
        finally
        {
            await RemoveFillerAsync(db, filler);
        }

        // With room again, the answer computed after the next change of the index is stored; until then the replicas
        // answer from memory.
        await AddProductAsync(shop, $"Bowl {word} more", price: 900);
        var stored = await Eventually.WaitForAsync(async () =>
        {
            await SearchAsync(client, $"q={word}");
            return await StoredAnswersAsync(word);
        }, n => n > 0, TimeSpan.FromSeconds(60));
        Assert.True(stored > 0);
    }

    [Fact]
    public async Task StoresAtTheSameMomentNeverTakeTheStoredAnswersPastTheirLimit()
    {
        var words = Enumerable.Range(0, 6).Select(_ => Word()).ToList();
        foreach (var word in words)
        {
            await AddProductAsync(shop, $"Plate {word}");
        }

        using var client = shop.CreateStorefrontClient();
        foreach (var word in words)
        {
            await SearchUntilAsync(client, $"q={word}", 1);
        }

        await using var db = await CatalogTestData.OpenAsync(shop);
        // Once the facet summary counts this version, no refresh drops answers (and makes room) during the test.
        await Eventually.WaitForAsync(
            () => ScalarAsync(db, """
                SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM search_index_version)
                       - (SELECT coalesce(max(index_version), -1) FROM search_facet_summary) AS "Value"
                """),
            difference => difference == 0, TimeSpan.FromSeconds(60));
        const int room = 3;
        var filler = $"~room {Guid.NewGuid():N} ";
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_common_answers (key, index_version, answer)
            SELECT {filler} || g, {long.MaxValue}, '\x7b7d'::bytea
            FROM generate_series(1, {ShopAppFixture.StoredAnswerLimit - room} - (SELECT count(*) FROM search_common_answers)) g
            """, TestContext.Current.CancellationToken);
        try
        {
            await Eventually.WaitForAsync(KeptCountAsync, n => n >= ShopAppFixture.StoredAnswerLimit - room, TimeSpan.FromSeconds(30));

            // Pages not asked for yet: each is computed and offered for storing at once, on both replicas.
            await Task.WhenAll(words.SelectMany(word => new[] { 2, 3 }.Select(page => SearchAsync(client, $"q={word}&pageSize=1&page={page}"))));

            var total = await ScalarAsync(db, "SELECT count(*) AS \"Value\" FROM search_common_answers");
            Assert.InRange(total, 0, ShopAppFixture.StoredAnswerLimit);
            var pages = 0L;
            foreach (var word in words)
            {
                pages += await ScalarAsync(db, $"SELECT count(*) AS \"Value\" FROM search_common_answers WHERE key LIKE '{word}%' AND right(key, 4) IN (E'\\n2\\n1', E'\\n3\\n1')");
            }

            Assert.InRange(pages, 0, room);
        }
        finally
        {
            await RemoveFillerAsync(db, filler);
        }
    }

    [Fact]
    public async Task ASmallAnswerKeptInMemoryFollowsTheCatalogOnEveryReplica()
    {
        var word = Word();
        var first = await AddProductAsync(shop, $"Jug {word}", price: 1500);
        using var client = shop.CreateStorefrontClient();
        await SearchUntilAsync(client, $"q={word}", 1);
        // Repeats spread over the replicas, each keeping this one-match answer for the current index version.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([$"Jug {word}"], Names(await SearchAsync(client, $"q={word}")));
        }

        await AddProductAsync(shop, $"Ewer {word}", price: 2500);
        await SearchUntilAsync(client, $"q={word}", 2);
        // Once one search saw the change, no replica gives the answer it kept from before it.
        for (var i = 0; i < 10; i++)
        {
            var result = await SearchAsync(client, $"q={word}");
            Assert.Equal(2, result.GetProperty("total").GetInt64());
            Assert.Equal([$"Ewer {word}", $"Jug {word}"], Names(result).Order());
        }

        await DeleteAsync(shop, first);
        await SearchUntilAsync(client, $"q={word}", 1);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([$"Ewer {word}"], Names(await SearchAsync(client, $"q={word}")));
        }
    }

    [Fact]
    public async Task AMisspeltSearchThatFoundNothingFindsAWordAddedToTheVocabulary()
    {
        var word = Word(9);
        var typo = word[..4] + (word[4] == 'x' ? 'b' : 'x') + word[5..];
        using var client = shop.CreateStorefrontClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0, (await SearchAsync(client, $"q={typo}")).GetProperty("total").GetInt64());
        }

        await AddProductAsync(shop, $"Tray {word}");

        var found = await SearchUntilAsync(client, $"q={typo}", 1);
        Assert.Equal([$"Tray {word}"], Names(found));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([$"Tray {word}"], Names(await SearchAsync(client, $"q={typo}")));
        }
    }

    /// <summary>Stored answers of searches for this word (their keys start with the query's words).</summary>
    private async Task<int> StoredAnswersAsync(string word)
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        return await db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM search_common_answers WHERE key LIKE {word + "%"}")
            .SingleAsync();
    }

    /// <summary>The count the stored answers' limit is checked against (each store advances it).</summary>
    /// <summary>
    /// Removes a test's filler rows and waits for the count the stores check to show the room again (the facet
    /// summary's refresh recounts within its interval): until then every store is refused, and a later test whose
    /// answer is computed in that moment would find it never stored.
    /// </summary>
    private async Task RemoveFillerAsync(DbContext db, string filler)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM search_common_answers WHERE key LIKE {filler + "%"}", TestContext.Current.CancellationToken);
        await Eventually.WaitForAsync(KeptCountAsync, n => n < ShopAppFixture.StoredAnswerLimit, TimeSpan.FromSeconds(30));
    }

    private async Task<long> KeptCountAsync()
    {
        await using var db = await CatalogTestData.OpenAsync(shop);
        return await ScalarAsync(db, "SELECT last_value AS \"Value\" FROM search_common_answers_count");
    }

    private static Task<long> ScalarAsync(Microsoft.EntityFrameworkCore.DbContext db, string sql) =>
        db.Database.SqlQueryRaw<long>(sql).SingleAsync(TestContext.Current.CancellationToken);

    private static List<(long From, long? To, long Count)> PriceRanges(System.Text.Json.JsonElement result) =>
        result.GetProperty("facets").GetProperty("prices").EnumerateArray()
            .Select(p => (p.GetProperty("from").GetInt64(),
                p.GetProperty("to").ValueKind == System.Text.Json.JsonValueKind.Null ? (long?)null : p.GetProperty("to").GetInt64(),
                p.GetProperty("count").GetInt64()))
            .ToList();
}
