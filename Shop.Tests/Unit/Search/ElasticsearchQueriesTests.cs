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
        bool inStock = false, SearchSort sort = SearchSort.Relevance, IReadOnlyDictionary<string, IReadOnlyList<string>>? synonyms = null,
        IReadOnlyList<AttributeCondition>? attributes = null) =>
        new(terms ?? [], synonyms ?? new Dictionary<string, IReadOnlyList<string>>(), category, brands ?? [], minPrice, null, inStock, sort, 2, 10, attributes);

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

    [Fact]
    public void AttributesAreNestedDocumentsWithTheirKeysAndLabels()
    {
        var index = ElasticsearchQueries.IndexDefinition();
        var attributes = index["mappings"]!["properties"]!["attributes"]!;
        Assert.Equal("nested", attributes["type"]!.GetValue<string>());
        Assert.Equal(["key", "name", "name_label", "number", "value_label"], attributes["properties"]!.AsObject().Select(p => p.Key).Order());

        var document = ElasticsearchQueries.Document(new SearchDocument(
            Guid.NewGuid(), "tee", "Tee", "Northwind", "northwind", [new CategoryRef("tops", "Tops")], "Soft.", 4900, "EUR", true, null,
            DateTimeOffset.UnixEpoch,
            [
                SearchAttribute.From("colour", Shop.CatalogApi.Domain.AttributeKind.Text, "Forest Green", null, null),
                SearchAttribute.From("weight-grams", Shop.CatalogApi.Domain.AttributeKind.Number, null, 180.50m, null),
            ]), DateTimeOffset.UnixEpoch);
        var colour = document["attributes"]![0]!;
        Assert.Equal("forest green", colour["key"]!.GetValue<string>());
        Assert.Equal(ElasticsearchQueries.Label("forest green", "Forest Green"), colour["value_label"]!.GetValue<string>());
        var weight = document["attributes"]![1]!;
        Assert.Equal("180.5", weight["key"]!.GetValue<string>());
        Assert.Equal(ElasticsearchQueries.Label("weight-grams", "Weight grams"), weight["name_label"]!.GetValue<string>());
        Assert.Equal(180.5, weight["number"]!.GetValue<double>());
    }

    [Fact]
    public void AttributeFiltersMatchAnyValueOfOneAttributeAndEachAttributeFacetIgnoresOnlyItsOwnFilter()
    {
        var colour = new AttributeCondition("colour", ["red", "blue"], []);
        var weight = new AttributeCondition("weight-grams", [], [new NumberRange(100, null)]);
        var body = ElasticsearchQueries.Search(Query(["tee"], brands: ["lumen"], attributes: [colour, weight]), Bounds);

        // The results pass both attributes (and the brand); one attribute passes with any of its values or ranges.
        var postFilter = body["post_filter"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal(3, postFilter.Count);
        var colourFilter = postFilter[1]!["nested"]!;
        Assert.Equal("attributes", colourFilter["path"]!.GetValue<string>());
        Assert.Equal("{\"term\":{\"attributes.name\":\"colour\"}}", colourFilter["query"]!["bool"]!["filter"]![0]!.ToJsonString());
        Assert.Equal("{\"terms\":{\"attributes.key\":[\"red\",\"blue\"]}}", colourFilter["query"]!["bool"]!["should"]![0]!.ToJsonString());
        Assert.Equal(1, colourFilter["query"]!["bool"]!["minimum_should_match"]!.GetValue<int>());
        Assert.Equal("{\"range\":{\"attributes.number\":{\"gte\":100}}}", postFilter[2]!["nested"]!["query"]!["bool"]!["should"]![0]!.ToJsonString());

        // The other facets apply both attribute filters; each filtered attribute is counted with the other one only.
        Assert.Equal(["nested", "nested", "terms"], Filters(body["aggs"]!["prices"]!["filter"]!));
        Assert.Equal(["nested", "nested", "terms"], Filters(body["aggs"]!["attributes"]!["filter"]!));
        var colourFacet = body["aggs"]![ElasticsearchQueries.AttributeAggregation(0)]!;
        Assert.Equal(["nested", "terms"], Filters(colourFacet["filter"]!));
        Assert.Equal("weight-grams", colourFacet["filter"]!["bool"]!["filter"]![1]!["nested"]!["query"]!["bool"]!["filter"]![0]!["term"]!["attributes.name"]!.GetValue<string>());
        Assert.Equal("colour", colourFacet["aggs"]!["values"]!["aggs"]!["only"]!["filter"]!["term"]!["attributes.name"]!.GetValue<string>());
        Assert.Equal("attributes.value_label", colourFacet["aggs"]!["values"]!["aggs"]!["only"]!["aggs"]!["values"]!["terms"]!["field"]!.GetValue<string>());
        var weightFacet = body["aggs"]![ElasticsearchQueries.AttributeAggregation(1)]!;
        Assert.Equal("colour", weightFacet["filter"]!["bool"]!["filter"]![1]!["nested"]!["query"]!["bool"]!["filter"]![0]!["term"]!["attributes.name"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutAttributeFiltersOneNestedAggregationCountsTheMostFrequentAttributes()
    {
        var body = ElasticsearchQueries.Search(Query(category: "tops"), Bounds);

        var names = body["aggs"]!["attributes"]!["aggs"]!["values"]!;
        Assert.Equal("attributes", names["nested"]!["path"]!.GetValue<string>());
        Assert.Equal(SearchAttributes.MaxFacetAttributes, names["aggs"]!["names"]!["terms"]!["size"]!.GetValue<int>());
        Assert.Equal(SearchAttributes.MaxFacetValues, names["aggs"]!["names"]!["aggs"]!["values"]!["terms"]!["size"]!.GetValue<int>());
        Assert.Null(body["aggs"]![ElasticsearchQueries.AttributeAggregation(0)]);
    }

    private static List<string> Filters(JsonNode filter) =>
        filter["bool"]!["filter"]!.AsArray().Select(f => f!.AsObject().First().Key).Order().ToList();
}
