using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Products.Staff;

namespace Shop.CatalogApi.Brands.Staff;

public sealed class CreateBrandValidator : BrandInputValidator<BrandInput>;

/// <summary>Staff add a brand.</summary>
public sealed class CreateBrandEndpoint(CatalogDbContext db) : Endpoint<BrandInput, BrandResponse>
{
    public override void Configure()
    {
        Post("/api/brands");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(BrandInput request, CancellationToken ct)
    {
        await BrandChecks.CheckAsync(db, request, brandId: null, ValidationFailures, ct);
        ThrowIfAnyErrors();

        var brand = new Brand(request.Name, request.Slug);
        db.Brands.Add(brand);
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

        await Send.ResponseAsync(new BrandResponse(brand.Id, brand.Name, brand.Slug), StatusCodes.Status201Created, ct);
    }
}
