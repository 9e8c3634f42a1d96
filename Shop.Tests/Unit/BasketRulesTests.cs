using Shop.BasketApi.Baskets;

namespace Shop.Tests.Unit;

public sealed class BasketRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddingTheSameSkuAddsToItsLine()
    {
        var basket = Basket.NewGuestBasket(Now)
            .Add("TEE-M", 2, 2500, "EUR", limit: 10, Now)
            .Add("TEE-M", 3, 2500, "EUR", limit: 10, Now);

        var line = Assert.Single(basket.Lines);
        Assert.Equal(5, line.Quantity);
    }

    [Fact]
    public void ALineCannotGoOverTheLimit()
    {
        var basket = Basket.NewGuestBasket(Now).Add("TEE-M", 8, 2500, "EUR", limit: 10, Now);

        var refused = Assert.Throws<BasketRuleException>(() => basket.Add("TEE-M", 3, 2500, "EUR", limit: 10, Now));
        Assert.Equal("quantity", refused.Field);
    }

    [Fact]
    public void AHugeAddIsRefusedAsOverTheLimitRatherThanOverflowing()
    {
        var basket = Basket.NewGuestBasket(Now).Add("TEE-M", 8, 2500, "EUR", limit: 10, Now);

        var refused = Assert.Throws<BasketRuleException>(() => basket.Add("TEE-M", int.MaxValue, 2500, "EUR", limit: 10, Now));
        Assert.Equal(("quantity", "At most 10 of this item can be ordered."), (refused.Field, refused.Message));
    }

    [Fact]
    public void ABasketHoldsAtMostAHundredItemsInOneCurrencyAndAMergeKeepsToBoth()
    {
        var full = Enumerable.Range(0, Basket.MaxLines).Aggregate(Basket.NewGuestBasket(Now), (b, i) => b.Add($"SKU-{i}", 1, 100, "EUR", 10, Now));

        Assert.Equal("sku", Assert.Throws<BasketRuleException>(() => full.Add("ONE-MORE", 1, 100, "EUR", 10, Now)).Field);
        Assert.Equal(2, full.Add("SKU-0", 1, 100, "EUR", 10, Now).QuantityOf("SKU-0"));
        var euros = Basket.NewGuestBasket(Now).Add("MUG", 1, 1200, "EUR", 10, Now);
        Assert.Equal("sku", Assert.Throws<BasketRuleException>(() => euros.Add("CAP", 1, 1500, "USD", 10, Now)).Field);

        var guest = Basket.NewGuestBasket(Now).Add("CAP", 1, 1500, "USD", 10, Now);
        Assert.Equal(["MUG"], euros.MergeFrom(guest, _ => 10, Now).Lines.Select(l => l.Sku));
        var extra = Basket.NewGuestBasket(Now).Add("ONE-MORE", 1, 100, "EUR", 10, Now).Add("SKU-1", 1, 100, "EUR", 10, Now);
        var merged = full.MergeFrom(extra, _ => 10, Now);
        Assert.Equal(Basket.MaxLines, merged.Lines.Count);
        Assert.Equal(2, merged.QuantityOf("SKU-1"));
    }

    [Fact]
    public void SettingZeroRemovesTheLineAndAChangeReArmsTheAbandonmentReminder()
    {
        var basket = Basket.NewCustomerBasket("c1", "c@example.com", Now)
            .Add("TEE-M", 1, 2500, "EUR", 10, Now)
            .Add("MUG", 1, 1200, "EUR", 10, Now)
            .MarkAbandonmentNotified(Now);

        var changed = basket.SetQuantity("TEE-M", 0, 2500, "EUR", 10, Now.AddMinutes(1));

        Assert.Equal(["MUG"], changed.Lines.Select(l => l.Sku));
        Assert.Null(changed.AbandonmentNotifiedAt);
    }

    [Fact]
    public void AChangedLineKeepsItsPlaceAndTakesTheCurrentPriceAndANewLineGoesLast()
    {
        var basket = Basket.NewGuestBasket(Now)
            .Add("TEE-M", 1, 2500, "EUR", 10, Now)
            .Add("MUG", 1, 1200, "EUR", 10, Now)
            .Add("CAP", 1, 900, "EUR", 10, Now);

        var changed = basket.Add("MUG", 2, 1300, "EUR", 10, Now.AddMinutes(1)).Add("SOCKS", 1, 500, "EUR", 10, Now.AddMinutes(2));

        Assert.Equal(
            [new BasketLine("TEE-M", 1, 2500, "EUR"), new BasketLine("MUG", 3, 1300, "EUR"), new BasketLine("CAP", 1, 900, "EUR"), new BasketLine("SOCKS", 1, 500, "EUR")],
            changed.Lines);
        Assert.Equal(Now.AddMinutes(2), changed.UpdatedAt);
        Assert.Equal(3, basket.Lines.Count); // the basket it came from is unchanged
    }

    [Fact]
    public void MergingAddsQuantitiesCappedByStockAndLimit()
    {
        var mine = Basket.NewCustomerBasket("c1", null, Now).Add("TEE-M", 4, 2500, "EUR", 10, Now);
        var guest = Basket.NewGuestBasket(Now)
            .Add("TEE-M", 5, 2500, "EUR", 10, Now)
            .Add("MUG", 2, 1200, "EUR", 10, Now)
            .Add("GONE", 1, 100, "EUR", 10, Now);

        var merged = mine.MergeFrom(guest, sku => sku switch { "TEE-M" => 6, "MUG" => 10, _ => 0 }, Now);

        Assert.Equal(6, merged.QuantityOf("TEE-M"));
        Assert.Equal(2, merged.QuantityOf("MUG"));
        Assert.Equal(0, merged.QuantityOf("GONE"));
        Assert.Equal(mine.Id, merged.Id);
    }

    [Fact]
    public void MergingNeverLowersTheCustomersOwnLines()
    {
        var mine = Basket.NewCustomerBasket("c1", null, Now)
            .Add("SOLD-OUT", 2, 2500, "EUR", 10, Now, "Sold-out tee")
            .Add("LOW", 4, 900, "EUR", 10, Now);
        var guest = Basket.NewGuestBasket(Now).Add("SOLD-OUT", 1, 2500, "EUR", 10, Now).Add("LOW", 1, 900, "EUR", 10, Now);

        var merged = mine.MergeFrom(guest, sku => sku == "LOW" ? 3 : 0, Now);

        // Nothing of the guest's is added past the cap, and the customer's own quantities stay.
        Assert.Equal(2, merged.QuantityOf("SOLD-OUT"));
        Assert.Equal("Sold-out tee", merged.Lines.Single(l => l.Sku == "SOLD-OUT").NameWhenAdded);
        Assert.Equal(4, merged.QuantityOf("LOW"));
    }

    [Fact]
    public void TheViewUsesCatalogPricesAndMarksAChangedPrice()
    {
        var basket = Basket.NewGuestBasket(Now).Add("TEE-M", 2, 2500, "EUR", 10, Now).Add("OUT", 1, 900, "EUR", 10, Now);
        // The catalog's answers come in line order.
        Shop.BasketApi.Catalog.SkuInfo?[] catalog =
        [
            new("TEE-M", Guid.NewGuid(), "Tee", null, Price: 2200, "EUR", Available: 5, IsPublished: true, WeightGrams: 300),
            new("OUT", Guid.NewGuid(), "Sold out", null, Price: 900, "EUR", Available: 0, IsPublished: true, WeightGrams: 300),
        ];

        var view = BasketView.From(basket, catalog, "EUR");

        var tee = view.Lines.Single(l => l.Sku == "TEE-M");
        Assert.Equal(2200, tee.UnitPrice!.Amount);
        Assert.Equal(2500, tee.PriceChangedFrom!.Amount);
        Assert.Equal(4400, view.Subtotal.Amount);
        Assert.True(view.HasUnavailableItems);
        Assert.False(view.Lines.Single(l => l.Sku == "OUT").Purchasable);
    }

    [Fact]
    public void ALineTheCatalogNoLongerSellsKeepsTheNameItWasAddedUnder()
    {
        var basket = Basket.NewGuestBasket(Now)
            .Add("TEE-M", 2, 2500, "EUR", 10, Now, "Merino tee")
            .SetQuantity("TEE-M", 3, 2500, "EUR", 10, Now, "Merino tee, renamed")
            .Add("OLD", 1, 900, "EUR", 10, Now);

        var view = BasketView.From(basket, [null, null], "EUR");

        var tee = view.Lines[0];
        Assert.Equal(("Merino tee, renamed", false, null), (tee.Name, tee.Purchasable, tee.UnitPrice));
        Assert.Equal("No longer available", view.Lines[1].Name);
        Assert.Equal(0, view.Subtotal.Amount);
    }
}
