using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Images;

public sealed record ImageResponse(Guid Id, string Url, string ThumbnailUrl, int Width, int Height, string? Alt);

/// <summary>Image URLs carry the content hash, so they can be cached for good: a new picture gets a new URL.</summary>
public static class ImageUrls
{
    public static string For(Guid imageId, string hash, string size) => $"/api/products/images/{imageId}/{hash}/{size}";

    public static ImageResponse Response(ProductImage image) => new(image.Id,
        For(image.Id, image.ContentHash, ProductImageFile.Original), For(image.Id, image.ContentHash, ProductImageFile.Thumbnail),
        image.Width, image.Height, image.AltText);
}
