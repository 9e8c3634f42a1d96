using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Brands;

public sealed record BrandResponse(int Id, string Name, string Slug);

public sealed class ListBrandsEndpoint(CatalogDbContext db) : EndpointWithoutRequest<IReadOnlyList<BrandResponse>>
{
    public override void Configure()
    {
        Get("/api/brands");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new BrandResponse(b.Id, b.Name, b.Slug))
            .ToListAsync(ct);
        await Send.OkAsync(brands, ct);
    }
}
