using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Domain.Pricing;
using Shop.OrderingApi.Domain.Promotions;

namespace Shop.Tests.Unit.Ordering;

public sealed class CheckoutPricingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ShippingSettings Shipping = new()
    {
        Methods =
        {
            ["standard"] = new ShippingMethodSettings
            {
                Name = "Standard",
                FreeFrom = 10_000,
                Rates =
                [
                    new ShippingRate { Countries = ["*"], UpToGrams = 2000, Price = 495 },
                    new ShippingRate { Countries = ["*"], UpToGrams = null, Price = 995 },
                    new ShippingRate { Countries = ["CH"], UpToGrams = null, Price = 1995 },
                ],
            },
        },
    };

    [Fact]
    public void TaxInclusivePricesShowTheTaxInsideTheTotal()
    {
        var totals = CheckoutPricing.Price(Lines(2), Address("DE"), "standard", null, Shipping, Tax(inclusive: true));

        Assert.Equal(5000, totals.Subtotal.Amount);
        Assert.Equal(495, totals.Shipping.Amount);
        Assert.Equal(5495, totals.Total.Amount);
        Assert.Equal(877, totals.Tax.Amount); // 5495 × 19 / 119
    }

    [Fact]
    public void TaxExclusivePricesAddTheRegionsRate()
    {
        var totals = CheckoutPricing.Price(Lines(2), Address("US", "CA"), "standard", null, Shipping, Tax(inclusive: false));

        Assert.Equal(398, totals.Tax.Amount); // (5000 + 495) × 7.25 %
        Assert.Equal(5893, totals.Total.Amount);
    }

    [Fact]
    public void WeightAndCountryChooseTheRateAndBigOrdersShipFree()
    {
        Assert.Equal(995, CheckoutPricing.Price(Lines(2, grams: 1500), Address("DE"), "standard", null, Shipping, Tax(true)).Shipping.Amount);
        Assert.Equal(1995, CheckoutPricing.Price(Lines(2), Address("CH"), "standard", null, Shipping, Tax(true)).Shipping.Amount);
        Assert.Equal(0, CheckoutPricing.Price(Lines(4), Address("DE"), "standard", null, Shipping, Tax(true)).Shipping.Amount);
    }

    [Fact]
    public void AnUnknownMethodIsAFieldError()
    {
        var refused = Assert.Throws<PricingException>(() => CheckoutPricing.Price(Lines(1), Address("DE"), "teleport", null, Shipping, Tax(true)));
        Assert.Equal("shippingMethod", refused.Field);
    }

    [Fact]
    public void APercentageCodeDiscountsTheSubtotal()
    {
        var tenPercent = new Promotion("ten", "10 % off", DiscountKind.Percentage, 1000, "EUR", 0, null, null, null, null);

        var totals = CheckoutPricing.Price(Lines(2), Address("DE"), "standard", tenPercent, Shipping, Tax(true));

        Assert.Equal(500, totals.Discount.Amount);
        Assert.Equal(4995, totals.Total.Amount);
    }

    [Theory]
    [InlineData(4000, 0, "at least")]
    [InlineData(10_000, 1, "already used")]
    public void ACodeExplainsWhyItDoesNotApply(long subtotal, int usedByCustomer, string reason)
    {
        var code = new Promotion("SAVE", "", DiscountKind.FixedAmount, 500, "EUR", 5000, null, null, 100, 1);
        Assert.Contains(reason, code.WhyNotApplicable(new Money(subtotal, "EUR"), usedByCustomer, Now));
    }

    [Fact]
    public void ACodeOutsideItsWindowDoesNotApply()
    {
        var code = new Promotion("LATER", "", DiscountKind.FixedAmount, 500, "EUR", 0, Now.AddDays(1), Now.AddDays(2), null, null);
        Assert.Equal("This code is not valid yet.", code.WhyNotApplicable(new Money(1000, "EUR"), 0, Now));
        Assert.Equal("This code has expired.", code.WhyNotApplicable(new Money(1000, "EUR"), 0, Now.AddDays(3)));
    }

    [Fact]
    public void AFixedDiscountNeverExceedsTheSubtotal()
    {
        var code = new Promotion("BIG", "", DiscountKind.FixedAmount, 99_999, "EUR", 0, null, null, null, null);
        Assert.Equal(2500, code.DiscountOn(new Money(2500, "EUR")).Amount);
    }

    private static List<OrderLine> Lines(int quantity, int grams = 500) => [new("TEE", "Tee", new Money(2500, "EUR"), quantity, grams)];

    private static Address Address(string country, string? region = null) =>
        new("Ada", "1 Main St", null, "Town", "12345", country, region, null);

    private static TaxSettings Tax(bool inclusive) => new()
    {
        PricesIncludeTax = inclusive,
        Rates =
        [
            new TaxRate { Country = "DE", RateBasisPoints = 1900 },
            new TaxRate { Country = "US", RateBasisPoints = 0 },
            new TaxRate { Country = "US", Region = "CA", RateBasisPoints = 725 },
        ],
    };
}
