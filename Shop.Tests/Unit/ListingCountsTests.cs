using Shop.CatalogApi.Products;

namespace Shop.Tests.Unit;

public sealed class ListingCountsTests
{
    [Theory]
    [InlineData(null, null, null, null, "")]
    [InlineData(2500L, 4999L, 5L, 10L, "")]
    [InlineData(2500L, 5000L, 5L, 10L, "5000-5000")]
    [InlineData(2499L, 4999L, 5L, 10L, "2499-2499")]
    [InlineData(501L, 1998L, 2L, 3L, "501-999 1500-1998")]
    [InlineData(0L, null, 0L, null, "")]
    [InlineData(null, 300L, null, 0L, "0-300")]
    public void APriceRangeIsTheBandsItCoversWholeAndTheEdgesItCuts(long? min, long? max, long? from, long? to, string edges)
    {
        var (bands, cut) = ListingCounts.Split(min, max);

        Assert.Equal((from, to), bands);
        Assert.Equal(edges, string.Join(" ", cut.Select(e => $"{e.Low}-{e.High}")));
    }

    [Theory]
    [InlineData(600L, 700L)]
    [InlineData(600L, 1100L)]
    [InlineData(500L, 998L)]
    public void ARangeWithinLessThanABandIsCountedWhole(long min, long max)
    {
        var (bands, cut) = ListingCounts.Split(min, max);

        Assert.Null(bands);
        Assert.Equal([(min, max)], cut);
    }
}
