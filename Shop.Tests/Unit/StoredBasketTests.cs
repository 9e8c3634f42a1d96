using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.BasketApi.Baskets;

namespace Shop.Tests.Unit;

/// <summary>The stored form of a basket stays what the serializer wrote, so baskets already in Redis keep reading.</summary>
public sealed class StoredBasketTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 12, 0, 0, 123, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web) { Converters = { new StoredBasketConverter() } };

    // How the serializer stored baskets before: the record's properties and its computed item count.
    private static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Baskets => ["guest", "customer", "notified", "empty"];

    private static Basket Sample(string kind)
    {
        var guest = Basket.NewGuestBasket(Created)
            .Add("TEE-M", 2, 2500, "EUR", 10, Created.AddMinutes(1), "Tee \"Classic\" ü")
            .Add("MUG \"blue\" ü", 1, 123_456_789_012_345, "EUR", 10, Created.AddMinutes(2).AddTicks(7));
        return kind switch
        {
            "customer" => Basket.NewCustomerBasket("user-1", "a@example.com", Created).Add("CAP", 3, 999, "USD", 10, Created.AddHours(1)),
            "notified" => guest.MarkAbandonmentNotified(Created.AddDays(1)),
            "empty" => Basket.NewGuestBasket(Created),
            _ => guest,
        };
    }

    [Theory]
    [MemberData(nameof(Baskets))]
    public void ItWritesWhatTheSerializerWroteLessTheComputedItemCount(string kind)
    {
        var basket = Sample(kind);
        var before = JsonNode.Parse(JsonSerializer.Serialize(basket, Serializer))!.AsObject();
        before.Remove("itemCount");

        var now = JsonNode.Parse(JsonSerializer.Serialize(basket, Stored));

        Assert.True(JsonNode.DeepEquals(before, now), $"{before.ToJsonString()}\n{now!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Baskets))]
    public void ItReadsBasketsTheSerializerStoredAndItsOwn(string kind)
    {
        var basket = Sample(kind);

        foreach (var json in new[] { JsonSerializer.Serialize(basket, Serializer), JsonSerializer.Serialize(basket, Stored) })
        {
            var read = JsonSerializer.Deserialize<Basket>(json, Stored)!;
            Assert.Equal(basket with { Lines = [] }, read with { Lines = [] });
            Assert.Equal(basket.Lines, read.Lines);
        }
    }

    [Fact]
    public void PropertiesInAnyOrderAndUnknownOnesAreRead()
    {
        const string json = """
            {"lines":[{"currency":"EUR","extra":{"a":[1,2]},"priceWhenAdded":1999,"quantity":2,"sku":"TEE-M"}],
             "updatedAt":"2026-11-01T12:05:00+00:00","future":[{"x":null}],"abandonmentNotifiedAt":null,
             "id":"AAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-11-01T12:00:00+00:00","email":null,"customerId":null}
            """;

        var basket = JsonSerializer.Deserialize<Basket>(json, Stored)!;

        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAA", basket.Id);
        Assert.Equal(new BasketLine("TEE-M", 2, 1999, "EUR"), Assert.Single(basket.Lines));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 12, 5, 0, TimeSpan.Zero), basket.UpdatedAt);
        Assert.Null(basket.CustomerId);
        Assert.Null(basket.AbandonmentNotifiedAt);
    }

    [Theory]
    [InlineData("""{"customerId":null,"lines":[],"createdAt":"2026-11-01T12:00:00+00:00","updatedAt":"2026-11-01T12:00:00+00:00"}""")]
    [InlineData("""{"id":"AAAAAAAAAAAAAAAAAAAAAA","lines":[{"sku":"TEE-M","quantity":1,"currency":"EUR"}],"createdAt":"2026-11-01T12:00:00+00:00","updatedAt":"2026-11-01T12:00:00+00:00"}""")]
    [InlineData("""["not a basket"]""")]
    public void ABasketMissingWhatItNeedsIsRefused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Basket>(json, Stored));
}
