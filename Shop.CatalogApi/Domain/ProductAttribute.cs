namespace Shop.CatalogApi.Domain;

public enum AttributeKind
{
    Text,
    Number,
    Boolean,
}

/// <summary>
/// One typed fact about a product (material: text, weight-grams: number, waterproof: boolean). A child table rather
/// than a JSON column: each kind gets its own typed, indexable column, so filters are plain comparisons.
/// </summary>
public sealed class ProductAttribute
{
    public const int MaxNameLength = 40;
    public const int MaxTextLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProductId { get; private set; }
    public string Name { get; private set; } = "";
    public AttributeKind Kind { get; private set; }
    public string? Text { get; private set; }
    public decimal? Number { get; private set; }
    public bool? Boolean { get; private set; }

    private ProductAttribute() { }

    private ProductAttribute(string name, AttributeKind kind, string? text, decimal? number, bool? boolean)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("An attribute name is lower-case letters, digits and dashes.", nameof(name));
        }

        Name = name;
        Kind = kind;
        Text = text;
        Number = number;
        Boolean = boolean;
    }

    public static ProductAttribute OfText(string name, string value) => new(name, AttributeKind.Text, value.Trim(), null, null);

    public static ProductAttribute OfNumber(string name, decimal value) => new(name, AttributeKind.Number, null, value, null);

    public static ProductAttribute OfBoolean(string name, bool value) => new(name, AttributeKind.Boolean, null, null, value);

    public object Value => Kind switch
    {
        AttributeKind.Text => Text!,
        AttributeKind.Number => Number!.Value,
        _ => Boolean!.Value,
    };

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    internal void TakeValueOf(ProductAttribute other)
    {
        Kind = other.Kind;
        Text = other.Text;
        Number = other.Number;
        Boolean = other.Boolean;
    }
}
