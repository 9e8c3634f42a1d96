using FastEndpoints;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Products.Staff;

public sealed class CreateProductValidator : Validator<NewProductInput>
{
    public CreateProductValidator() => Include(new NewProductInputValidator());
}

/// <summary>Staff add a product, as a draft unless <c>published</c>, with its variants and their opening stock.</summary>
public sealed class CreateProductEndpoint(CatalogDbContext db, ProductWriter writer) : Endpoint<NewProductInput, ProductDetail>
{
    public override void Configure()
    {
        Post("/api/products");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(NewProductInput request, CancellationToken ct)
    {
        var (category, brand) = await writer.CheckAsync(request, productId: null, prefix: "", ValidationFailures, ct);
        ThrowIfAnyErrors();

        var product = writer.Create(request, category!, brand!, StaffCaller.Actor(User));
        if (await writer.TrySaveAsync(prefix: "", ct) is { } taken)
        {
            ValidationFailures.Add(taken);
            ThrowIfAnyErrors();
        }

        var created = await GetProductEndpoint.LoadAsync(db, product.Id, ct, includeDrafts: true);
        await Send.CreatedAtAsync<GetProductEndpoint>(new { IdOrSlug = product.Id }, created!, cancellation: ct);
    }
}
