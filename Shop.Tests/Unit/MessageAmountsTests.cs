using Shop.Notifications;

namespace Shop.Tests.Unit;

public sealed class MessageAmountsTests
{
    [Theory]
    [InlineData(8000, "EUR", "80.00 EUR")]
    [InlineData(1234, "JPY", "1234 JPY")] // no minor unit: not "12.34 JPY"
    [InlineData(1500, "KWD", "1.500 KWD")]
    [InlineData(5, "XXX", "0.05 XXX")] // a code no region uses: two decimals
    public void AnAmountHasItsCurrencysDecimals(long minorUnits, string currency, string expected) =>
        Assert.Equal(expected, MessageAmounts.Format(minorUnits, currency));
}
