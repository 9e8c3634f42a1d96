using Shop.CatalogApi.Domain;

namespace Shop.Tests.Unit;

public sealed class MoneyTests
{
    [Fact]
    public void KeepsMinorUnitsAndCurrency()
    {
        var price = Money.Of(4900, "EUR");
        Assert.Equal(4900, price.Amount);
        Assert.Equal("EUR", price.Currency);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    public void RefusesWhatIsNotAnIsoCurrencyCode(string currency) =>
        Assert.Throws<ArgumentException>(() => Money.Of(100, currency));

    [Fact]
    public void RefusesNegativeAmounts() => Assert.Throws<ArgumentOutOfRangeException>(() => Money.Of(-1, "EUR"));
}
