using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Images;

public sealed record DeleteImageRequest
{
    public Guid ProductId { get; init; }
    public Guid ImageId { get; init; }
}

/// <summary>Staff remove a picture; its URLs stop answering.</summary>
public sealed class DeleteImageEndpoint(CatalogDbContext db) : Endpoint<DeleteImageRequest>
{
    public override void Configure()
    {
        Delete("/api/products/{ProductId:guid}/images/{ImageId:guid}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(DeleteImageRequest request, CancellationToken ct)
    {
        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.Id == request.ImageId && i.ProductId == request.ProductId, ct);
        if (image is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        db.ProductImages.Remove(image);
        db.AnnounceProductChanged(request.ProductId);
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
