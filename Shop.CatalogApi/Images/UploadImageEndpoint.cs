using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.ServiceDefaults;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Images;

public sealed record UploadImageRequest
{
    public Guid ProductId { get; init; }
    public IFormFile? File { get; init; }
    public string? Alt { get; init; }
}

public sealed class UploadImageValidator : Validator<UploadImageRequest>
{
    public UploadImageValidator()
    {
        RuleFor(r => r.File).NotNull().WithMessage("Send the picture as the multipart field 'file'.");
        RuleFor(r => r.File!.Length).InclusiveBetween(1, ImageProcessor.MaxBytes).When(r => r.File is not null)
            .OverridePropertyName("file").WithMessage("A picture is 1 byte to 5 MB.");
        RuleFor(r => r.Alt).MaximumLength(200);
    }
}

/// <summary>
/// Staff add a picture to a product (multipart/form-data, field <c>file</c>, optional <c>alt</c>). It is stored in
/// PostgreSQL with its thumbnail, so every replica serves it and it survives restarts with the rest of the catalog.
/// </summary>
public sealed class UploadImageEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<UploadImageRequest, ImageResponse>
{
    public const int MaxImagesPerProduct = 20;

    public override void Configure()
    {
        Post("/api/products/{ProductId:guid}/images");
        Roles(StaffCaller.Roles);
        AllowFileUploads();
    }

    public override async Task HandleAsync(UploadImageRequest request, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == request.ProductId && p.DeletedAt == null, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        // Checked before the picture is processed, and again, under the product's lock, as it is saved.
        if (await db.ProductImages.CountAsync(i => i.ProductId == request.ProductId, ct) >= MaxImagesPerProduct)
        {
            RefuseFull();
        }

        using var buffer = new MemoryStream();
        await request.File!.CopyToAsync(buffer, ct);
        // A part sent without a Content-Type header has none (null), which is no picture type we take.
        var (processed, error) = ImageProcessor.Process(request.File.ContentType ?? "", buffer.ToArray());
        if (processed is null)
        {
            AddError(r => r.File, error!);
            ThrowIfAnyErrors();
        }

        var image = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Uploads to one product take turns here: two at once can neither both pass the limit nor share a place.
            await db.LockUntilCommitAsync(AdvisoryLocks.ProductImages, request.ProductId.ToString(), ct);
            var images = db.ProductImages.Where(i => i.ProductId == request.ProductId);
            if (await images.CountAsync(ct) >= MaxImagesPerProduct)
            {
                return null;
            }

            // After the last one: places left by removed pictures are not taken again.
            var position = (await images.MaxAsync(i => (int?)i.Position, ct) ?? -1) + 1;
            var added = new ProductImage(request.ProductId, processed!.ContentHash, processed.Width, processed.Height,
                string.IsNullOrWhiteSpace(request.Alt) ? null : request.Alt.Trim(), position, clock.GetUtcNow());
            db.ProductImages.Add(added);
            db.ProductImageFiles.Add(new ProductImageFile(added.Id, ProductImageFile.Original, processed.ContentType, processed.Original));
            db.ProductImageFiles.Add(new ProductImageFile(added.Id, ProductImageFile.Thumbnail, processed.ThumbnailContentType, processed.Thumbnail));
            db.AnnounceProductChanged(request.ProductId);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return added;
        });
        if (image is null)
        {
            RefuseFull();
            return;
        }

        var response = ImageUrls.Response(image);
        HttpContext.Response.Headers.Location = response.Url;
        await Send.ResponseAsync(response, StatusCodes.Status201Created, ct);
    }

    private void RefuseFull() => ThrowError(r => r.File, $"A product has at most {MaxImagesPerProduct} pictures.");
}
