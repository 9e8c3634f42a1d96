using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using static Shop.Tests.Integration.Search.SearchTestData;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// Which words count as matching more products than a search counts, so their searches are planned for them: from
/// the vocabulary's counts, or from PostgreSQL's statistics of the documents when the vocabulary's counts were written
/// otherwise.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CommonWordsTests(ShopAppFixture shop)
{
    [Fact]
    public async Task AWordIsCommonByTheVocabularysCountOrByTheDocumentsStatistics()
    {
        var counted = Word(9);
        var indexed = Word(9);
        var rare = Word(9);
        const int products = ShopAppFixture.CountedMatchesCap + 5;
        for (var i = 0; i < products; i++)
        {
            await AddProductAsync(shop, $"Cup {indexed} {i}");
        }

        await AddProductAsync(shop, $"Saucer {rare}");
        await using var db = await CatalogTestData.OpenAsync(shop);
        var cancellation = TestContext.Current.CancellationToken;
        await Eventually.WaitForAsync(
            () => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM search_documents WHERE search_vector @@ to_tsquery('simple', {indexed + " | " + rare})").SingleAsync(cancellation),
            n => n == products + 1, TimeSpan.FromSeconds(60));
        // A count below what the documents hold (as a replica of an earlier version wrote them): the statistics
        // must tell.
        await db.Database.ExecuteSqlAsync($"UPDATE search_vocabulary SET document_count = 1 WHERE word = {indexed}", cancellation);
        await db.Database.ExecuteSqlAsync($"INSERT INTO search_vocabulary (word, document_count) VALUES ({counted}, {ShopAppFixture.CountedMatchesCap + 1})", cancellation);
        try
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE search_documents", cancellation);
            var words = new CommonWords(Options.Create(new SearchOptions { MaxCountedMatches = ShopAppFixture.CountedMatchesCap }));
            Assert.False(words.NoneCommon([rare]));

            await db.Database.OpenConnectionAsync(cancellation);
            await words.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellation);

            Assert.True(words.NoneCommon([rare]));
            Assert.False(words.NoneCommon([counted]));
            Assert.False(words.NoneCommon([indexed]));
            Assert.False(words.NoneCommon([rare, indexed]));
            // A synonym phrase or a hyphenated word is as common as its most common part.
            Assert.False(words.NoneCommon([$"{rare} {counted}"]));
            Assert.False(words.NoneCommon([$"{indexed}-{rare}"]));
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM search_vocabulary WHERE word = {counted}", cancellation);
        }
    }
}
