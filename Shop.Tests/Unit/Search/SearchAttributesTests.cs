using Microsoft.Extensions.Primitives;
using Shop.CatalogApi.Search;

namespace Shop.Tests.Unit.Search;

public sealed class SearchAttributesTests
{
    private static (List<AttributeCondition> Conditions, List<(string Field, string Error)> Errors) Parse(params (string Key, string[] Values)[] query) =>
        SearchAttributes.Parse(query.Select(q => new KeyValuePair<string, StringValues>(q.Key, new StringValues(q.Values))));

    [Fact]
    public void RepeatedAndCommaSeparatedValuesAreAlternativesOfOneAttribute()
    {
        var (conditions, errors) = Parse(("attr.colour", ["Red", "blue,GREEN "]), ("attr.weight-grams", ["100..500", "1000.."]), ("brand", ["x"]));

        Assert.Empty(errors);
        Assert.Equal(2, conditions.Count);
        Assert.Equal(["red", "blue", "green"], conditions[0].Keys);
        Assert.Equal([new NumberRange(100, 500), new NumberRange(1000, null)], conditions[1].Ranges);
    }

    [Fact]
    public void NumbersAreComparedInOnePlainForm()
    {
        Assert.Equal(["180"], Parse(("attr.weight", ["180.00"])).Conditions[0].Keys);
        Assert.Equal("1.5", SearchAttribute.From("x", Shop.CatalogApi.Domain.AttributeKind.Number, null, 1.50m, null).Value);
        Assert.Equal("true", SearchAttribute.From("x", Shop.CatalogApi.Domain.AttributeKind.Boolean, null, null, true).Key);
    }

    [Fact]
    public void AQuotedValueIsTakenAsWritten()
    {
        var (conditions, errors) = Parse(("attr.finish", ["\"Black, matte\"", " \"2.0\" ,\"a..b\",wool"]), ("attr.note", ["\"say \"\"hi\"\"\""]));

        Assert.Empty(errors);
        Assert.Equal(["black, matte", "2.0", "a..b", "wool"], conditions[0].Keys);
        Assert.Empty(conditions[0].Ranges);
        Assert.Equal(["say \"hi\""], conditions[1].Keys);
        Assert.Equal(["2"], Parse(("attr.finish", ["2.0"])).Conditions[0].Keys);
    }

    [Theory]
    [InlineData("attr.finish", "\"open")]
    [InlineData("attr.finish", "\"closed\" then more")]
    [InlineData("attr.Colour", "red")]
    [InlineData("attr.colour", "")]
    [InlineData("attr.weight", "500..100")]
    [InlineData("attr.weight", "a..b")]
    public void BadFiltersNameTheirParameter(string key, string value)
    {
        var (conditions, errors) = Parse((key, [value]));

        Assert.Empty(conditions);
        Assert.Equal(key, Assert.Single(errors).Field);
    }

    [Fact]
    public void FacetsKeepTheMostFrequentAndEveryChosenValue()
    {
        var counted = Enumerable.Range(0, 30).Select(i => ("size", $"s{i}", $"S{i}", (long)(100 - i)))
            .Concat(Enumerable.Range(0, 12).Select(i => ($"a{i}", "x", "X", (long)i + 1)));

        var facets = SearchAttributes.Facets(counted, [new AttributeCondition("size", ["s29", "gone"], []), new AttributeCondition("a0", ["x"], [])]);

        Assert.Equal(SearchAttributes.MaxFacetAttributes, facets.Count);
        Assert.Equal(["size", "a0"], facets.Take(2).Select(f => f.Name));
        var size = facets[0];
        Assert.Equal(SearchAttributes.MaxFacetValues, size.Values.Count);
        Assert.Equal("s0", size.Values[0].Value);
        Assert.Contains(size.Values, v => v is { Value: "s29", Label: "S29", Count: 71 });
        Assert.Contains(size.Values, v => v is { Value: "gone", Count: 0 });
    }
}
