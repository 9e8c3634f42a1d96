using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.BasketApi.Baskets;

/// <summary>
/// A basket as stored in Redis: camelCase JSON with the record's properties, as the serializer wrote it before, so
/// stored baskets read the same either way (properties in any order, unknown ones skipped). Read and written
/// directly: every add and every read decodes the stored basket, and the serializer's generic path for a record
/// with seven constructor parameters three levels deep (its read stack, constructor arguments and their boxes) was
/// about a twentieth of the service's allocations.
/// </summary>
public sealed class StoredBasketConverter : JsonConverter<Basket>
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CustomerIdName = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText EmailName = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText LinesName = JsonEncodedText.Encode("lines");
    private static readonly JsonEncodedText CreatedAtName = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAtName = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText AbandonmentNotifiedAtName = JsonEncodedText.Encode("abandonmentNotifiedAt");
    private static readonly JsonEncodedText SkuName = JsonEncodedText.Encode("sku");
    private static readonly JsonEncodedText QuantityName = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText PriceWhenAddedName = JsonEncodedText.Encode("priceWhenAdded");
    private static readonly JsonEncodedText CurrencyName = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText NameWhenAddedName = JsonEncodedText.Encode("nameWhenAdded");

    public override Basket Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? id = null, customerId = null, email = null;
        List<BasketLine>? lines = null;
        DateTimeOffset? createdAt = null, updatedAt = null, abandonmentNotifiedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(IdName.EncodedUtf8Bytes))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals(CustomerIdName.EncodedUtf8Bytes))
            {
                reader.Read();
                customerId = reader.GetString();
            }
            else if (reader.ValueTextEquals(EmailName.EncodedUtf8Bytes))
            {
                reader.Read();
                email = reader.GetString();
            }
            else if (reader.ValueTextEquals(LinesName.EncodedUtf8Bytes))
            {
                reader.Read();
                lines = ReadLines(ref reader);
            }
            else if (reader.ValueTextEquals(CreatedAtName.EncodedUtf8Bytes))
            {
                reader.Read();
                createdAt = reader.GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals(UpdatedAtName.EncodedUtf8Bytes))
            {
                reader.Read();
                updatedAt = reader.GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals(AbandonmentNotifiedAtName.EncodedUtf8Bytes))
            {
                reader.Read();
                abandonmentNotifiedAt = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
            }
            else
            {
                // Computed properties the serializer used to write (itemCount), or fields of a later version.
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new Basket(
            id ?? throw new JsonException("A stored basket has no id."),
            customerId,
            email,
            lines ?? [],
            createdAt ?? throw new JsonException("A stored basket has no createdAt."),
            updatedAt ?? throw new JsonException("A stored basket has no updatedAt."),
            abandonmentNotifiedAt);
    }

    private static List<BasketLine> ReadLines(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var lines = new List<BasketLine>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? sku = null, currency = null, name = null;
            int? quantity = null;
            long? price = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(SkuName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    sku = reader.GetString();
                }
                else if (reader.ValueTextEquals(QuantityName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    quantity = reader.GetInt32();
                }
                else if (reader.ValueTextEquals(PriceWhenAddedName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    price = reader.GetInt64();
                }
                else if (reader.ValueTextEquals(CurrencyName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    currency = reader.GetString();
                }
                else if (reader.ValueTextEquals(NameWhenAddedName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            Expect(ref reader, JsonTokenType.EndObject);
            lines.Add(new BasketLine(
                sku ?? throw new JsonException("A stored basket line has no sku."),
                quantity ?? throw new JsonException("A stored basket line has no quantity."),
                price ?? throw new JsonException("A stored basket line has no priceWhenAdded."),
                currency ?? throw new JsonException("A stored basket line has no currency."),
                name));
        }

        Expect(ref reader, JsonTokenType.EndArray);
        return lines;
    }

    public override void Write(Utf8JsonWriter writer, Basket basket, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, basket.Id);
        WriteStringOrNull(writer, CustomerIdName, basket.CustomerId);
        WriteStringOrNull(writer, EmailName, basket.Email);
        writer.WriteStartArray(LinesName);
        foreach (var line in basket.Lines)
        {
            writer.WriteStartObject();
            writer.WriteString(SkuName, line.Sku);
            writer.WriteNumber(QuantityName, line.Quantity);
            writer.WriteNumber(PriceWhenAddedName, line.PriceWhenAdded);
            writer.WriteString(CurrencyName, line.Currency);
            WriteStringOrNull(writer, NameWhenAddedName, line.NameWhenAdded);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString(CreatedAtName, basket.CreatedAt);
        writer.WriteString(UpdatedAtName, basket.UpdatedAt);
        if (basket.AbandonmentNotifiedAt is { } notifiedAt)
        {
            writer.WriteString(AbandonmentNotifiedAtName, notifiedAt);
        }
        else
        {
            writer.WriteNull(AbandonmentNotifiedAtName);
        }

        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"A stored basket has {reader.TokenType} where {token} belongs.");
        }
    }
}
