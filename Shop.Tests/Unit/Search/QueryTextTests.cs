using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class QueryTextTests
{
    [Theory]
    [InlineData("lamp", 1)]
    [InlineData("tee", 0)]
    [InlineData("kettles", 1)]
    [InlineData("headphone", 2)]
    [InlineData("ab", 0)]
    public void LongerWordsMayBeFurtherOff(string word, int edits) => Assert.Equal(edits, QueryText.AllowedEdits(word));

    [Fact]
    public void WordsAreFoldedAndKeptWholeWithTheirHyphens()
    {
        Assert.Equal(["creme", "brulee", "t-shirt", "strasse", "26"], QueryText.Words("Crème  BRÛLÉE, t-shirt; Straße 26 crème"));
        Assert.Empty(QueryText.Words("  -- !! "));
        Assert.Equal("merino t-shirt", QueryText.Normalise("  Merino   T-Shirt "));
    }

    [Fact]
    public void ALongQueryKeepsItsFirstWords() =>
        Assert.Equal(QueryText.MaxWords, QueryText.Words(string.Join(' ', Enumerable.Range(0, 30).Select(i => $"w{i}"))).Count);

    [Fact]
    public void TsQueryWordsAreQuotedSoTheyCannotBeOperators()
    {
        Assert.Equal("('lamp' | 'lump') & ('it''s' | 'a\\\\b')", TsQueryText.AllOf([["lamp", "lump", "lamp"], ["it's", "a\\b"]]));
        Assert.Equal("'merino' & 'cr':*", TsQueryText.NamePrefix(["merino", "cr"]));
    }
}
