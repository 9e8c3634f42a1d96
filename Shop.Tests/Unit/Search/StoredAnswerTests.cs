using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class StoredAnswerTests
{
    [Fact]
    public void AStoredAnswerReadsBackAsGiven()
    {
        var answer = new SearchResult(
            [
                new SearchHit(Guid.NewGuid(), "oak-mug", "Oak Mug", "Hearth & Loom", "hearth-loom", "Mugs", "mugs", 1250, "EUR", true, 4.5),
                new SearchHit(Guid.NewGuid(), "ash-mug", "Ash Mug", "Ember", "ember", "Mugs", "mugs", 990, "EUR", false, null),
            ],
            5000,
            new SearchFacets(
                [new FacetValue("kitchen", "Kitchen", 5000), new FacetValue("mugs", "Mugs", 4100)],
                [new FacetValue("ember", "Ember", 3000)],
                [new PriceRangeFacet(0, 2500, 4000), new PriceRangeFacet(50000, null, 1)],
                [new AttributeFacet("colour", "Colour", [new FacetValue("navy", "Navy", 12), new FacetValue("olive", "Olive", 3)])],
                AttributeCountsAreLowerBounds: true),
            TotalIsLowerBound: true);

        var read = StoredAnswer.Read(StoredAnswer.Write(answer));

        Assert.Equal(answer.Hits, read.Hits);
        Assert.Equal(answer.Total, read.Total);
        Assert.True(read.TotalIsLowerBound);
        Assert.Equal(answer.Facets.Categories, read.Facets.Categories);
        Assert.Equal(answer.Facets.Brands, read.Facets.Brands);
        Assert.Equal(answer.Facets.Prices, read.Facets.Prices);
        var colour = Assert.Single(read.Facets.Attributes);
        Assert.Equal(("colour", "Colour"), (colour.Name, colour.Label));
        Assert.Equal(answer.Facets.Attributes[0].Values, colour.Values);
        Assert.True(read.Facets.AttributeCountsAreLowerBounds);
    }
}
