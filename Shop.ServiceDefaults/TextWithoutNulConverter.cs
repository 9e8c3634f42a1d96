using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.ServiceDefaults;

/// <summary>
/// Refuses a JSON string holding the NUL character (<c>\u0000</c>) as the request body is read, so the client gets a
/// 400 naming the field. PostgreSQL cannot keep NUL in text: such a value would otherwise fail the insert or the
/// lookup it reaches, as a 500, or fail it in the next service along.
/// </summary>
public sealed class TextWithoutNulConverter : JsonConverter<string>
{
    public const string Reason = "Text cannot contain the NUL character (\\u0000).";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0') ? throw new JsonException(Reason) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
