using Shop.WebApp.Catalog;

namespace Shop.Tests.Unit;

public sealed class VariantChoiceTests
{
    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    /// <summary>S red (9), S blue (2), M red (4), L blue (0); M blue and L red are not made.</summary>
    private static readonly IReadOnlyList<Variant> Shirt =
    [
        Variant("L-BLUE", 0, ("size", "L"), ("colour", "blue")),
        Variant("M-RED", 4, ("size", "M"), ("colour", "red")),
        Variant("S-BLUE", 2, ("size", "S"), ("colour", "blue")),
        Variant("S-RED", 9, ("size", "S"), ("colour", "red")),
    ];

    [Fact]
    public void OptionsBecomeGroupsWithSizesInSizeOrderAndTheFirstAvailableVariantChosen()
    {
        var choice = VariantChoice.For(Shirt, skuCode: null, Nothing);

        Assert.Equal(["size", "colour"], choice.Groups.Select(g => g.Name));
        Assert.Equal(["Size", "Colour"], choice.Groups.Select(g => g.Label));
        Assert.Equal(["S", "M", "L"], choice.Groups[0].Values.Select(v => v.Value));
        Assert.Equal("S-BLUE", choice.Selected?.Sku);
        Assert.Equal([null, null, "sold out"], choice.Groups[0].Values.Select(v => v.Unavailable));
    }

    [Fact]
    public void ALaterValueThatDoesNotGoWithTheEarlierChoicesIsUnavailableWithTheReason()
    {
        var choice = VariantChoice.For(Shirt, "M-RED", Nothing);

        var colours = choice.Groups[1].Values.ToDictionary(v => v.Value);
        Assert.Equal("not made in size M", colours["blue"].Unavailable);
        Assert.Null(colours["red"].Unavailable);
        Assert.True(colours["red"].Chosen);
    }

    [Fact]
    public void AskedValuesThatDoNotGoTogetherKeepTheEarlierOnesAndMoveTheLaterToOneInStock()
    {
        var choice = VariantChoice.For(Shirt, skuCode: null, new Dictionary<string, string> { ["size"] = "M", ["colour"] = "blue" });

        Assert.Equal("M-RED", choice.Selected?.Sku);
    }

    [Fact]
    public void ASoldOutVariantLinkedToIsShownChosen()
    {
        var choice = VariantChoice.For(Shirt, "L-BLUE", Nothing);

        Assert.Equal("L-BLUE", choice.Selected?.Sku);
        Assert.True(choice.Groups[0].Values.Single(v => v.Value == "L").Chosen);
    }

    [Fact]
    public void VariantsTheirOptionsDoNotTellApartArePickedOneByOne()
    {
        IReadOnlyList<Variant> odd = [Variant("A", 1, ("size", "M")), Variant("B", 1, ("colour", "red")), Variant("C", 0)];

        var choice = VariantChoice.For(odd, skuCode: null, Nothing);

        var group = Assert.Single(choice.Groups);
        Assert.Equal(VariantChoice.SingleOption, group.Name);
        Assert.Equal(["Size M", "Colour red", "Standard"], group.Values.Select(v => v.Value));
        Assert.Equal("sold out", group.Values[2].Unavailable);
        Assert.Equal("A", choice.Selected?.Sku);
    }

    [Fact]
    public void NumbersAreInNumberOrder()
    {
        IReadOnlyList<Variant> shoes = [Variant("44", 1, ("size", "44")), Variant("9", 1, ("size", "9")), Variant("10.5", 1, ("size", "10.5"))];

        Assert.Equal(["9", "10.5", "44"], VariantChoice.For(shoes, null, Nothing).Groups[0].Values.Select(v => v.Value));
    }

    private static Variant Variant(string sku, int available, params (string Name, string Value)[] options) =>
        new(sku, options.ToDictionary(o => o.Name, o => o.Value), new Money(3000, "EUR"), null, available);
}
