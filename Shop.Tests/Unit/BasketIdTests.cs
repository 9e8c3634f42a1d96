using Shop.BasketApi.Baskets;

namespace Shop.Tests.Unit;

public sealed class BasketIdTests
{
    [Fact]
    public void NewIdsAreWellFormedAndDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Basket.NewId()).ToList();

        Assert.All(ids, id => Assert.True(Basket.IsWellFormedId(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA*")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    public void MalformedIdsAreRefused(string id) => Assert.False(Basket.IsWellFormedId(id));
}
