using System.Text.Json;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

public sealed class TextWithoutNulConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new TextWithoutNulConverter() } };

    private sealed record Named(string? Name, List<string>? Tags);

    [Fact]
    public void TextWithoutNulReadsAsItIs()
    {
        var named = JsonSerializer.Deserialize<Named>("""{"Name":"Zoë \u00e9","Tags":["a"]}""", Options)!;

        Assert.Equal("Zoë é", named.Name);
        Assert.Equal(["a"], named.Tags);
    }

    [Fact]
    public void NullStaysNull() => Assert.Null(JsonSerializer.Deserialize<Named>("""{"Name":null}""", Options)!.Name);

    [Theory]
    [InlineData("""{"Name":"a\u0000b"}""", "$.Name")]
    [InlineData("""{"Tags":["ok","\u0000"]}""", "$.Tags[1]")]
    public void NulAnywhereIsRefusedWithItsPath(string json, string path)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Named>(json, Options));

        Assert.Equal(path, refused.Path);
        Assert.Contains("NUL", refused.Message);
    }
}
