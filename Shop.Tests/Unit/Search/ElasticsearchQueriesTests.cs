using System.Text.Json.Nodes;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Elasticsearch;

namespace Shop.Tests.Unit.Search;

/// <summary>
/// The Elasticsearch engine's mapping and request bodies. No cluster runs here, so these check what is sent;
/// how a cluster answers it is not tested.
/// </summary>
public sealed class ElasticsearchQueriesTests
{
    private static readonly long[] Bounds = [2500, 5000];

    private static SearchQuery Query(
        IReadOnlyList<string>? terms = null, string? category = null, IReadOnlyList<string>? brands = null, long? minPrice = null,
        bool inStock = false, SearchSort sort = SearchSort.Relevance, IReadOnlyDictionary<string, IReadOnlyList<string>>? synonyms = null) =>
        new(terms ?? [], synonyms ?? new Dictionary<string, IReadOnlyList<string>>(), category, brands ?? [], minPrice, null, inStock, sort, 2, 10);

    [Fact]
    public void TextIsFoldedLikeThePostgreSqlIndex()
    {
        var index = ElasticsearchQueries.IndexDefinition();
        Assert.Equal(["lowercase", "asciifolding"], index["settings"]!["analysis"]!["analyzer"]!["folding"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("folding", index["mappings"]!["properties"]!["description"]!["analyzer"]!.GetValue<string>());
    }

    [Fact]
    public void EveryWordMustMatchFuzzilyAndExactMatchesAreLiftedAboveCorrections()
    {
        var body = ElasticsearchQueries.Search(Query(["merino", "tee"], synonyms: new Dictionary<string, IReadOnlyList<string>> { ["tee"] = ["t-shirt"] }), Bounds);

        var must = body["query"]!["bool"]!["must"]!.AsArray();
        Assert.Equal(2, must.Count);
        var teeAlternatives = must[1]!["bool"]!["should"]!.AsArray().Select(a => a!["multi_match"]!).ToList();
        Assert.Equal(["tee", "t-shirt"], teeAlternatives.Select(a => a["query"]!.GetValue<string>()));
        Assert.All(teeAlternatives, a => Assert.Equal("AUTO:4,8", a["fuzziness"]!.GetValue<string>()));

        var exact = body["query"]!["bool"]!["should"]![0]!["bool"]!;
        Assert.Equal(ElasticsearchQueries.ExactBoost, exact["boost"]!.GetValue<double>());
        Assert.All(exact["must"]!.AsArray().SelectMany(w => w!["bool"]!["should"]!.AsArray()), a => Assert.Null(a!["multi_match"]!["fuzziness"]));
        Assert.Equal("_score", body["sort"]![0]!.AsObject().First().Key);
    }

    [Fact]
    public void EachFacetCountsWithEveryFilterButItsOwn()
    {
        var body = ElasticsearchQueries.Search(Query(["lamp"], category: "lighting", brands: ["lumen"], minPrice: 1000), Bounds);

        Assert.Equal(3, Filters(body["post_filter"]!).Count);
        Assert.Equal(["range", "terms"], Filters(body["aggs"]!["categories"]!["filter"]!));
        Assert.Equal(["range", "term"], Filters(body["aggs"]!["brands"]!["filter"]!));
        Assert.Equal(["term", "terms"], Filters(body["aggs"]!["prices"]!["filter"]!));
        var ranges = body["aggs"]!["prices"]!["aggs"]!["values"]!["range"]!["ranges"]!.AsArray();
        Assert.Equal(["{\"key\":\"0\",\"to\":2500}", "{\"key\":\"1\",\"from\":2500,\"to\":5000}", "{\"key\":\"2\",\"from\":5000}"], ranges.Select(r => r!.ToJsonString()));
    }

    [Fact]
    public void WithoutWordsEverythingMatchesNewestFirstAndStockFiltersTheFacetsToo()
    {
        var body = ElasticsearchQueries.Search(Query(inStock: true), Bounds);

        Assert.NotNull(body["query"]!["bool"]!["must"]!["match_all"]);
        Assert.Equal("{\"term\":{\"in_stock\":true}}", body["query"]!["bool"]!["filter"]![0]!.ToJsonString());
        Assert.Equal("created_at", body["sort"]![0]!.AsObject().First().Key);
        Assert.Equal(10, body["from"]!.GetValue<int>());
    }

    [Fact]
    public void SuggestionsCompleteTheLastWordAsTyped()
    {
        var body = ElasticsearchQueries.Suggest(["merino", "cr"], 5);

        Assert.Equal("merino cr", body["query"]!["multi_match"]!["query"]!.GetValue<string>());
        Assert.Equal("bool_prefix", body["query"]!["multi_match"]!["type"]!.GetValue<string>());
        Assert.Equal("cr.*", body["aggs"]!["words"]!["terms"]!["include"]!.GetValue<string>());
    }

    private static List<string> Filters(JsonNode filter) =>
        filter["bool"]!["filter"]!.AsArray().Select(f => f!.AsObject().First().Key).Order().ToList();
}
