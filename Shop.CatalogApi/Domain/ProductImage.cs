namespace Shop.CatalogApi.Domain;

/// <summary>
/// A picture of a product, in the order staff uploaded them. Its bytes live in <see cref="ProductImageFile"/> rows
/// (the original and a thumbnail), so reading a product never loads them.
/// </summary>
public sealed class ProductImage
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProductId { get; private set; }

    /// <summary>The first 16 hex digits of the original's SHA-256: part of the URL, so a new picture is a new URL.</summary>
    public string ContentHash { get; private set; } = "";

    public int Width { get; private set; }
    public int Height { get; private set; }
    public string? AltText { get; private set; }
    public int Position { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private ProductImage() { }

    public ProductImage(Guid productId, string contentHash, int width, int height, string? altText, int position, DateTimeOffset now)
    {
        ProductId = productId;
        ContentHash = contentHash;
        Width = width;
        Height = height;
        AltText = altText;
        Position = position;
        CreatedAt = now;
    }
}

/// <summary>One stored rendition of an image: "original" or "thumb".</summary>
public sealed class ProductImageFile
{
    public const string Original = "original";
    public const string Thumbnail = "thumb";

    public Guid ImageId { get; private set; }
    public string Size { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Bytes { get; private set; } = [];

    private ProductImageFile() { }

    public ProductImageFile(Guid imageId, string size, string contentType, byte[] bytes)
    {
        ImageId = imageId;
        Size = size;
        ContentType = contentType;
        Bytes = bytes;
    }
}
