using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Images;

public sealed record GetImageRequest
{
    public Guid ImageId { get; init; }
    public string Hash { get; init; } = "";
    public string Size { get; init; } = "";
}

/// <summary>
/// Serves a picture. The URL names the content (hash) and never changes meaning, so browsers and CDNs may keep it
/// for a year without asking again; a revalidation with the ETag answers 304.
/// </summary>
public sealed class GetImageEndpoint(CatalogDbContext db) : Endpoint<GetImageRequest>
{
    public override void Configure()
    {
        Get("/api/products/images/{ImageId:guid}/{Hash}/{Size}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetImageRequest request, CancellationToken ct)
    {
        var etag = $"\"{request.Hash}-{request.Size}\"";
        var exists = request.Size is ProductImageFile.Original or ProductImageFile.Thumbnail
            && await db.ProductImages.AnyAsync(i => i.Id == request.ImageId && i.ContentHash == request.Hash, ct);
        if (!exists)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        HttpContext.Response.Headers.ETag = etag;
        if (HttpContext.Request.Headers.IfNoneMatch.Any(value => value == etag))
        {
            await Send.ResultAsync(Results.StatusCode(StatusCodes.Status304NotModified));
            return;
        }

        var file = await db.ProductImageFiles.AsNoTracking().FirstAsync(f => f.ImageId == request.ImageId && f.Size == request.Size, ct);
        await Send.BytesAsync(file.Bytes, contentType: file.ContentType, cancellation: ct);
    }
}
