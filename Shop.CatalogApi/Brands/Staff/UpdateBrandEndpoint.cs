using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Brands.Staff;

public sealed record UpdateBrandRequest : BrandInput
{
    public int Id { get; init; }
}

public sealed class UpdateBrandValidator : BrandInputValidator<UpdateBrandRequest>;

/// <summary>Staff rename a brand. Its products show its name (in search and on their pages), so they are announced.</summary>
public sealed class UpdateBrandEndpoint(CatalogDbContext db) : Endpoint<UpdateBrandRequest, BrandResponse>
{
    public override void Configure()
    {
        Put("/api/brands/{Id:int}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(UpdateBrandRequest request, CancellationToken ct)
    {
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == request.Id, ct);
        if (brand is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await BrandChecks.CheckAsync(db, request, brand.Id, ValidationFailures, ct);
        ThrowIfAnyErrors();

        var (oldName, oldSlug) = (brand.Name, brand.Slug);
        brand.Rename(request.Name, request.Slug);
        if (brand.Name != oldName || brand.Slug != oldSlug)
        {
            var products = await db.Products.Where(p => p.BrandId == brand.Id && p.DeletedAt == null).Select(p => p.Id).ToListAsync(ct);
            foreach (var productId in products)
            {
                db.AnnounceProductChanged(productId);
            }
        }

        if (await db.SaveOrFindUniqueViolationAsync(ct) is { } index)
        {
            // Another request took the name or the slug between the check and the save.
            if (index == CatalogDbContext.BrandNameIndex)
            {
                AddError(r => r.Name, BrandChecks.NameTaken(request.Name));
            }
            else
            {
                AddError(r => r.Slug, $"The slug '{request.Slug}' is taken.");
            }

            ThrowIfAnyErrors();
        }

        await Send.OkAsync(new BrandResponse(brand.Id, brand.Name, brand.Slug), ct);
    }
}
