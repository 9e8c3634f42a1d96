using System.Text.Json;
using Shop.WebApp.BackOffice;

namespace Shop.Tests.Unit;

public sealed class BackOfficeFormValuesTests
{
    [Theory]
    [InlineData("49.90", 4990L)]
    [InlineData("49", 4900L)]
    [InlineData(" 0.05 ", 5L)]
    [InlineData("1249.00", 124900L)]
    public void AmountsInMajorUnitsBecomeMinorUnits(string typed, long minor)
    {
        Assert.True(FormValues.TryMinor(typed, out var parsed));
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("12,50")] // twelve fifty where a comma is the decimal mark: never 1250
    [InlineData("1,249.00")]
    [InlineData("100000000.01")]
    public void AmountsThatAreNotPricesAreRefused(string typed) => Assert.False(FormValues.TryMinor(typed, out _));

    [Fact]
    public void AnEmptyAmountIsNone()
    {
        Assert.True(FormValues.TryMinor("  ", out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void OptionsAreReadAndWrittenAsNameEqualsValue()
    {
        var options = FormValues.ParseOptions("Size=M, colour = navy");
        Assert.Equal(new Dictionary<string, string> { ["size"] = "M", ["colour"] = "navy" }, options);
        Assert.Equal("colour=navy, size=M", FormValues.Options(options!));
        Assert.Null(FormValues.ParseOptions("size"));
        Assert.Empty(FormValues.ParseOptions("")!);
    }

    [Fact]
    public void AttributesKeepTheirTypesAndABadLineIsNamed()
    {
        var (attributes, _) = FormValues.ParseAttributes("material: merino\nweight-grams: 180\n\nwaterproof: false");
        Assert.Equal("merino", attributes!["material"]);
        Assert.Equal(180m, attributes["weight-grams"]);
        Assert.Equal(false, attributes["waterproof"]);
        Assert.Equal("1,5", FormValues.ParseAttributes("capacity: 1,5").Attributes!["capacity"]);
        Assert.Equal(-1.5m, FormValues.ParseAttributes("offset: -1.5").Attributes!["offset"]);

        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(attributes))!;
        Assert.Equal("material: merino\nwaterproof: false\nweight-grams: 180", FormValues.Attributes(json));

        Assert.Equal((null, 2), FormValues.ParseAttributes("material: merino\nno colon here"));
    }

    [Theory]
    [InlineData("Desk Lamp  XL", "desk-lamp-xl")]
    [InlineData("Café – crème", "cafe-creme")]
    public void SlugsAreMadeFromNames(string name, string slug) => Assert.Equal(slug, FormValues.Slug(name));
}
