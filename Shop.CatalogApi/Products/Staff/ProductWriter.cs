using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Stock;

namespace Shop.CatalogApi.Products.Staff;

/// <summary>
/// Turns staff input into products: checks what only the database knows (the category and brand exist, the slug and
/// SKU codes are free) as field errors, and builds or changes the domain objects. Saving is the caller's.
/// </summary>
public sealed class ProductWriter(CatalogDbContext db, TimeProvider clock)
{
    /// <summary>Field errors for references and uniqueness, named under <paramref name="prefix"/> ("" or "rows[3].").</summary>
    public async Task<(Category? Category, Brand? Brand)> CheckAsync(ProductInput input, Guid? productId, string prefix, List<ValidationFailure> failures, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Slug == input.Category, ct);
        if (category is null)
        {
            failures.Add(new ValidationFailure(prefix + "category", $"There is no category '{input.Category}'."));
        }

        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Slug == input.Brand, ct);
        if (brand is null)
        {
            failures.Add(new ValidationFailure(prefix + "brand", $"There is no brand '{input.Brand}'."));
        }

        // Deleted products keep their slugs: links to them must not start naming something else.
        if (await db.Products.AnyAsync(p => p.Slug == input.Slug && p.Id != productId, ct))
        {
            failures.Add(new ValidationFailure(prefix + "slug", $"The slug '{input.Slug}' is taken."));
        }

        if (input is NewProductInput { Skus.Count: > 0 } newProduct)
        {
            // An import checks rows the validator refused too, so a variant may be null here.
            var codes = newProduct.Skus.Select(s => s?.Code).OfType<string>().ToList();
            var taken = await db.Skus.Where(s => codes.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct);
            for (var i = 0; i < newProduct.Skus.Count; i++)
            {
                if (newProduct.Skus[i] is not null && taken.Contains(newProduct.Skus[i].Code))
                {
                    failures.Add(new ValidationFailure($"{prefix}skus[{i}].code", $"The SKU code '{newProduct.Skus[i].Code}' is taken."));
                }
            }
        }

        return (category, brand);
    }

    public Product Create(NewProductInput input, Category category, Brand brand, string actor)
    {
        var price = Money.Of(input.Price, input.Currency);
        var product = new Product(input.Name, input.Slug, input.Description, category, brand, price, input.CompareAtPrice);
        product.SetAttributes(Attributes(input));
        var now = clock.GetUtcNow();
        foreach (var sku in input.Skus)
        {
            var added = product.AddSku(sku.Code, sku.Options, sku.Price is { } own ? Money.Of(own, input.Currency) : null, sku.CompareAtPrice, sku.OnHand, sku.WeightGrams);
            if (added.OnHand > 0)
            {
                db.StockMovements.Add(new StockMovement(Guid.CreateVersion7(), added.Code, added.OnHand, 0, "initial stock", actor, now));
            }
        }

        if (input.Published)
        {
            product.Publish();
        }

        db.Products.Add(product);
        db.AnnounceProductChanged(product.Id, product.Slug);
        return product;
    }

    public void Update(Product product, ProductInput input, Category category, Brand brand)
    {
        var oldSlug = product.Slug;
        product.Update(input.Name, input.Slug, input.Description, category, brand, Money.Of(input.Price, input.Currency), input.CompareAtPrice, clock.GetUtcNow());
        product.SetAttributes(Attributes(input));
        db.AnnounceProductChanged(product.Id, oldSlug, product.Slug);
    }

    /// <summary>
    /// Saves; or, when another request took a slug or SKU code, or deleted the category or brand, between the checks
    /// and this save, answers the field error the checks would have given (under <paramref name="prefix"/>).
    /// </summary>
    public async Task<ValidationFailure?> TrySaveAsync(string prefix, CancellationToken ct) =>
        await db.SaveOrFindKeyViolationAsync(ct) switch
        {
            null => null,
            "IX_Products_Slug" => new ValidationFailure(prefix + "slug", "The slug was taken meanwhile."),
            "PK_Skus" => new ValidationFailure(prefix + "skus", "A SKU code was taken meanwhile."),
            "FK_Products_Categories_CategoryId" => new ValidationFailure(prefix + "category", "The category was deleted meanwhile."),
            "FK_Products_Brands_BrandId" => new ValidationFailure(prefix + "brand", "The brand was deleted meanwhile."),
            var other => throw new InvalidOperationException($"The save broke the constraint '{other}', which no field names."),
        };

    private static List<ProductAttribute> Attributes(ProductInput input) =>
        input.Attributes.Select(a => ProductInputRules.ToAttribute(a.Key, a.Value)).ToList();
}
