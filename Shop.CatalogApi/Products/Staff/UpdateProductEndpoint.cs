using FastEndpoints;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Products.Staff;

public sealed record UpdateProductRequest : ProductInput
{
    public Guid Id { get; init; }

    /// <summary>
    /// The product's <c>revision</c> the edit was made from. When given and the product has been edited since, the
    /// edit is refused (409) rather than undoing that other edit. Left out, the edit replaces whatever is there.
    /// </summary>
    public int? Revision { get; init; }
}

public sealed class UpdateProductValidator : Validator<UpdateProductRequest>
{
    public UpdateProductValidator() => Include(new ProductInputValidator<UpdateProductRequest>());
}

/// <summary>
/// Staff replace a product's details, price and attributes. Variants without a price of their own follow the new
/// price; publication and variants have their own endpoints.
/// </summary>
public sealed class UpdateProductEndpoint(CatalogDbContext db, ProductWriter writer) : Endpoint<UpdateProductRequest, ProductDetail>
{
    public override void Configure()
    {
        Put("/api/products/{Id:guid}");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(UpdateProductRequest request, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Skus).Include(p => p.Attributes)
            .FirstOrDefaultAsync(p => p.Id == request.Id && p.DeletedAt == null, ct);
        if (product is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var (category, brand) = await writer.CheckAsync(request, product.Id, prefix: "", ValidationFailures, ct);
        if (product.Skus.Any(s => s.HasOwnPrice && s.Price.Currency != request.Currency))
        {
            ValidationFailures.Add(new ValidationFailure("currency", "Variants with prices of their own are priced in another currency."));
        }

        ThrowIfAnyErrors();
        db.CheckAgainst(product, p => p.Revision, request.Revision);
        writer.Update(product, request, category!, brand!);
        try
        {
            if (await writer.TrySaveAsync(prefix: "", ct) is { } taken)
            {
                ValidationFailures.Add(taken);
                ThrowIfAnyErrors();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            await HttpContext.SendEditedMeanwhileAsync("product", ct);
            return;
        }

        await Send.OkAsync((await GetProductEndpoint.LoadAsync(db, product.Id, ct, includeDrafts: true))!, ct);
    }
}
